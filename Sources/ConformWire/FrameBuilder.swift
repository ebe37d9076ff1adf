/// Builds frames from a template's layers (see ``LayerSpec``).
///
/// Layers are encoded innermost first, so each one knows its payload: lengths and
/// checksums are computed from it unless the template gives them, and `eth.type`,
/// `vlan.etype` and `ipv6.nxt` default from the layer that follows.
public enum FrameBuilder {
    /// Layer names a template may use.
    public static let layerNames: [String] = [
        "eth", "vlan", "arp", "ip", "ipv6", "ipv6.hopopts", "ipv6.dstopts", "ipv6.opt", "ipv6.routing", "ipv6.fraghdr",
        "icmpv6", "icmpv6.opt", "icmpv6.mldr.mar", "icmp", "udp", "tcp", "tcp.option", "data", "raw", "ieee8021cb",
        "ptp.v2", "ptp.as.fu", "ptp.as.sig",
    ]

    /// The full abbrevs a template may set in `layer` (nil for an unknown layer).
    public static func settableFields(of layer: String) -> [String]? {
        switch layer {
        case "eth": Ethernet.settable
        case "vlan": VLAN.settable
        case "ieee8021cb": RTag.settable
        case "ipv6": IPv6.settable
        case "arp": ARP.settable
        case "ip": IPv4.settable
        case "ipv6.hopopts": IPv6OptionsHeader.hopByHop.settable
        case "ipv6.dstopts": IPv6OptionsHeader.destinationOptions.settable
        case "ipv6.opt": IPv6Option.settable
        case "ipv6.routing": IPv6Routing.settable
        case "ipv6.fraghdr": IPv6Fragment.settable
        case "icmpv6": ICMPv6.settable
        case "icmpv6.opt": NDOption.settable
        case "icmpv6.mldr.mar": MLD.recordSettable
        case "icmp": ICMPv4.settable
        case "udp": UDP.settable
        case "tcp": TCP.settable
        case "tcp.option": TCPOption.settable
        case "data": [DataLayer.data.abbrev]
        case "raw": [RawLayer.data.abbrev]
        case "ptp.v2": PTP.settable
        case "ptp.as.fu": PTPTLV.followUpInformation.map(\.abbrev)
        case "ptp.as.sig": PTPTLV.messageIntervalRequest.map(\.abbrev)
        default: nil
        }
    }

    /// Builds a frame from layers outermost first.
    ///
    /// Two passes, neither recursive, so a template of any length cannot exhaust the stack:
    /// the first walks outward-in to find the pseudo-header each layer's checksum uses
    /// (from the innermost `ip`/`ipv6` before it, or a type 0 Routing header's final
    /// destination); the second encodes innermost first, each layer around its payload.
    /// - Throws: ``BuildError`` naming the layer index and field for an unknown layer, a
    ///   field the layer does not have, a value of the wrong kind or width, or a field that
    ///   cannot be derived.
    public static func build(_ layers: [LayerSpec]) throws(BuildError) -> [UInt8] {
        let contexts = try pseudoHeaderContexts(layers)
        var payload: [UInt8] = []
        // Options encoded so far (IPv6 or TCP), waiting for the header they belong to.
        var options = PendingOptions()
        for index in layers.indices.reversed() {
            let spec = layers[index]
            let nextLayer = index + 1 < layers.count ? layers[index + 1].layer : nil
            if let layer = options.layer, spec.layer != layer, !options.owners.contains(spec.layer) {
                throw options.misplaced(at: index + 1)
            }
            payload = try encode(spec, at: index, nextLayer: nextLayer, payload: payload, context: contexts[index],
                                 following: layers[(index + 1)...], options: &options)
        }
        if options.layer != nil { throw options.misplaced(at: 0) }
        return payload
    }

    /// Option layers met on the way in, encoded, until the header that owns them.
    private struct PendingOptions {
        var bytes: [UInt8] = []
        var count = 0
        /// `ipv6.opt` or `tcp.option`, or nil when none is pending.
        var layer: String?

        var owners: [String] { layer == "tcp.option" ? ["tcp"] : ["ipv6.hopopts", "ipv6.dstopts"] }

        mutating func add(_ option: [UInt8], layer name: String) {
            bytes = option + bytes
            count += 1
            layer = name
        }

        mutating func take() -> [UInt8] {
            defer { self = PendingOptions() }
            return bytes
        }

        func misplaced(at index: Int) -> BuildError {
            BuildError(layerIndex: index, layer: layer ?? "", field: nil,
                       message: "an option layer must follow \(owners.joined(separator: " or ")) or another \(layer ?? "option")")
        }
    }

    /// The checksum pseudo-header context in effect at each layer; also rejects unknown layers.
    private static func pseudoHeaderContexts(_ layers: [LayerSpec]) throws(BuildError) -> [UpperLayerContext] {
        var contexts: [UpperLayerContext] = []
        contexts.reserveCapacity(layers.count)
        var current = UpperLayerContext()
        for (index, spec) in layers.enumerated() {
            guard layerNames.contains(spec.layer) else {
                let hint = NameSuggester.nearest(to: spec.layer, among: layerNames).map { " (did you mean \($0)?)" } ?? ""
                throw BuildError(layerIndex: index, layer: spec.layer, field: nil, message: "unknown layer\(hint)")
            }
            if spec.layer == "raw", index + 1 < layers.count {
                throw BuildError(layerIndex: index, layer: spec.layer, field: nil,
                                 message: "raw carries the rest of the frame and must be the last layer")
            }
            contexts.append(current)
            switch spec.layer {
            case "ip": current = try IPv4.context(for: spec, at: index)
            case "ipv6": current = try IPv6.context(for: spec, at: index)
            case "ipv6.routing": current = try IPv6Routing.context(for: spec, at: index, enclosing: current)
            default: break
            }
        }
        return contexts
    }

    /// Encodes one layer around `payload`, the encoding of every layer after it.
    private static func encode(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8],
                               context: UpperLayerContext, following: ArraySlice<LayerSpec>,
                               options: inout PendingOptions) throws(BuildError) -> [UInt8] {
        switch spec.layer {
        case "eth": return try Ethernet.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "vlan": return try VLAN.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ieee8021cb": return try RTag.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "arp": return try ARP.build(spec, at: index, payload: payload)
        case "ip": return try IPv4.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6": return try IPv6.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6.opt", "tcp.option":
            if let layer = options.layer, layer != spec.layer { throw options.misplaced(at: index + 1) }
            let option = spec.layer == "tcp.option" ? try TCPOption.build(spec, at: index) : try IPv6Option.build(spec, at: index)
            options.add(option, layer: spec.layer)
            return payload
        case "ipv6.hopopts", "ipv6.dstopts":
            // The option layers that follow belong to this header; the next header is the layer after them.
            let afterOptions = following.dropFirst(options.count).first?.layer
            let kind = spec.layer == "ipv6.hopopts" ? IPv6OptionsHeader.hopByHop : IPv6OptionsHeader.destinationOptions
            return try kind.build(spec, at: index, options: options.take(), nextLayer: afterOptions, payload: payload)
        case "tcp":
            return try TCP.build(spec, at: index, options: options.take(), payload: payload, context: context)
        case "ipv6.routing": return try IPv6Routing.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6.fraghdr": return try IPv6Fragment.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "icmpv6":
            let records = following.prefix { $0.layer == "icmpv6.mldr.mar" }.count
            return try ICMPv6.build(spec, at: index, payload: payload, recordCount: records, context: context)
        case "icmpv6.mldr.mar": return try MLD.buildRecord(spec, at: index, payload: payload)
        case "icmpv6.opt": return try NDOption.build(spec, at: index, payload: payload)
        case "icmp": return try ICMPv4.build(spec, at: index, payload: payload)
        case "udp": return try UDP.build(spec, at: index, payload: payload, context: context)
        case "data": return try DataLayer.build(spec, at: index, payload: payload)
        case "ptp.v2": return try PTP.build(spec, at: index, payload: payload)
        case "ptp.as.fu": return try PTPTLV.buildFollowUpInformation(spec, at: index, payload: payload)
        case "ptp.as.sig": return try PTPTLV.buildMessageIntervalRequest(spec, at: index, payload: payload)
        // Only `raw` remains: unknown layers were rejected by the first pass.
        default: return try RawLayer.build(spec, at: index, payload: payload)
        }
    }
}
