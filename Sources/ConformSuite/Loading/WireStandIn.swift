import ConformWire

// Stand-in for ConformWire's registry while branch `wire` is unmerged; removed on merge.
enum NameSuggester {
    static func nearest(to name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        var best: (Int, String)?
        for c in candidates where c != name {
            let d = distance(Array(name), Array(c))
            if d <= limit, best == nil || d < best!.0 || (d == best!.0 && c < best!.1) { best = (d, c) }
        }
        return best?.1
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count { cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) }
            prev = cur
        }
        return prev[b.count]
    }
}

enum FieldRegistry {
    static let all: [FieldDescriptor] = [
        FieldDescriptor("eth.dst", "", .ether), FieldDescriptor("eth.src", "", .ether), FieldDescriptor("eth.type", "", .uint16),
        FieldDescriptor("ipv6.src", "", .ipv6), FieldDescriptor("ipv6.dst", "", .ipv6), FieldDescriptor("ipv6.hlim", "", .uint8),
        FieldDescriptor("ipv6.tclass", "", .uint8), FieldDescriptor("icmpv6.type", "", .uint8), FieldDescriptor("icmpv6.code", "", .uint8),
        FieldDescriptor("icmpv6.echo.identifier", "", .uint16), FieldDescriptor("icmpv6.echo.sequence_number", "", .uint16),
        FieldDescriptor("icmpv6.nd.ns.target_address", "", .ipv6), FieldDescriptor("icmpv6.nd.na.flag.r", "", .bool),
        FieldDescriptor("icmpv6.nd.na.flag.s", "", .bool), FieldDescriptor("icmpv6.opt.type", "", .uint8),
        FieldDescriptor("icmpv6.opt.linkaddr", "", .ether), FieldDescriptor("data.data", "", .bytes), FieldDescriptor("raw.data", "", .bytes),
    ]
    static func descriptor(for abbrev: String) -> FieldDescriptor? { all.first { $0.abbrev == abbrev } }
    static func suggestion(for abbrev: String) -> String? { NameSuggester.nearest(to: abbrev, among: all.map(\.abbrev)) }
    static func parse(_ text: String, as descriptor: FieldDescriptor) -> FieldValue? {
        switch descriptor.type {
        case .uint8, .uint16: return UInt64(text).map(FieldValue.uint)
        case .bool: return ["true", "false", "1", "0"].contains(text) ? .bool(text == "true" || text == "1") : nil
        default: return .string(text)
        }
    }
}

enum FrameBuilder {
    static let layerNames = ["eth", "ipv6", "icmpv6", "icmpv6.opt", "data", "raw"]
    static func settableFields(of layer: String) -> [String]? {
        guard layerNames.contains(layer) else { return nil }
        return FieldRegistry.all.map(\.abbrev).filter { $0.hasPrefix(layer + ".") && (layer != "icmpv6" || !$0.hasPrefix("icmpv6.opt")) }
    }
}

struct WireFunction { let name: String; let arity: Int }

enum WireFunctions {
    static let all = [WireFunction(name: "solicited_node", arity: 1), WireFunction(name: "multicast_mac", arity: 1)]
    static func named(_ name: String) -> WireFunction? { all.first { $0.name == name } }
}
