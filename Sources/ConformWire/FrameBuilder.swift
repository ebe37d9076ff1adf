/// Builds frames from a template's layers (see ``LayerSpec``).
///
/// Layers are encoded innermost first, so each one knows its payload: lengths and
/// checksums are computed from it unless the template gives them, and `eth.type`,
/// `vlan.etype` and `ipv6.nxt` default from the layer that follows.
public enum FrameBuilder {
    /// Layer names a template may use.
    public static let layerNames: [String] = [
        "eth", "vlan", "arp", "ip", "ipv6", "ipv6.hopopts", "ipv6.dstopts", "ipv6.opt", "ipv6.routing", "ipv6.fraghdr",
        "icmpv6", "icmpv6.opt", "icmpv6.mldr.mar", "icmp", "udp", "data", "raw",
    ]

    /// The full abbrevs a template may set in `layer` (nil for an unknown layer).
    public static func settableFields(of layer: String) -> [String]? {
        switch layer {
        case "eth": Ethernet.settable
        case "vlan": VLAN.settable
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
        case "data": [DataLayer.data.abbrev]
        case "raw": [RawLayer.data.abbrev]
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
        // IPv6 options encoded so far, waiting for their Hop-by-Hop or Destination Options header.
        var options: [UInt8] = []
        var optionCount = 0
        for index in layers.indices.reversed() {
            let spec = layers[index]
            let nextLayer = index + 1 < layers.count ? layers[index + 1].layer : nil
            if optionCount > 0, spec.layer != "ipv6.opt", spec.layer != "ipv6.hopopts", spec.layer != "ipv6.dstopts" {
                throw BuildError(layerIndex: index + 1, layer: "ipv6.opt", field: nil,
                                 message: "an IPv6 option must follow ipv6.hopopts, ipv6.dstopts or another ipv6.opt")
            }
            payload = try encode(spec, at: index, nextLayer: nextLayer, payload: payload, context: contexts[index],
                                 following: layers[(index + 1)...], options: &options, optionCount: &optionCount)
        }
        if optionCount > 0 {
            throw BuildError(layerIndex: 0, layer: "ipv6.opt", field: nil,
                             message: "an IPv6 option must follow ipv6.hopopts, ipv6.dstopts or another ipv6.opt")
        }
        return payload
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
                               options: inout [UInt8], optionCount: inout Int) throws(BuildError) -> [UInt8] {
        switch spec.layer {
        case "eth": return try Ethernet.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "vlan": return try VLAN.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "arp": return try ARP.build(spec, at: index, payload: payload)
        case "ip": return try IPv4.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6": return try IPv6.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6.opt":
            options = try IPv6Option.build(spec, at: index) + options
            optionCount += 1
            return payload
        case "ipv6.hopopts", "ipv6.dstopts":
            // The option layers that follow belong to this header; the next header is the layer after them.
            let afterOptions = following.dropFirst(optionCount).first?.layer
            let kind = spec.layer == "ipv6.hopopts" ? IPv6OptionsHeader.hopByHop : IPv6OptionsHeader.destinationOptions
            let header = try kind.build(spec, at: index, options: options, nextLayer: afterOptions, payload: payload)
            options = []
            optionCount = 0
            return header
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
        // Only `raw` remains: unknown layers were rejected by the first pass.
        default: return try RawLayer.build(spec, at: index, payload: payload)
        }
    }
}
