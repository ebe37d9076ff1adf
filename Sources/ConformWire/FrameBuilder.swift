/// Builds frames from a template's layers (see ``LayerSpec``).
///
/// Layers are encoded innermost first, so each one knows its payload: lengths and
/// checksums are computed from it unless the template gives them, and `eth.type`,
/// `vlan.etype` and `ipv6.nxt` default from the layer that follows.
public enum FrameBuilder {
    /// Layer names a template may use.
    public static let layerNames: [String] = [
        "eth", "vlan", "arp", "ip", "ipv6", "ipv6.hopopts", "ipv6.dstopts", "ipv6.opt", "ipv6.routing", "ipv6.fraghdr",
        "icmpv6", "icmpv6.opt", "udp", "data", "raw",
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
        case "udp": UDP.settable
        case "data": [DataLayer.data.abbrev]
        case "raw": [RawLayer.data.abbrev]
        default: nil
        }
    }

    /// Builds a frame from layers outermost first.
    /// - Throws: ``BuildError`` naming the layer index and field for an unknown layer, a
    ///   field the layer does not have, a value of the wrong kind or width, or a field that
    ///   cannot be derived.
    public static func build(_ layers: [LayerSpec]) throws(BuildError) -> [UInt8] {
        try encode(layers, from: 0, context: UpperLayerContext())
    }

    private static func encode(_ layers: [LayerSpec], from index: Int, context: UpperLayerContext) throws(BuildError) -> [UInt8] {
        guard index < layers.count else { return [] }
        let spec = layers[index]
        let nextLayer = index + 1 < layers.count ? layers[index + 1].layer : nil
        switch spec.layer {
        case "eth":
            let payload = try encode(layers, from: index + 1, context: context)
            return try Ethernet.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "vlan":
            let payload = try encode(layers, from: index + 1, context: context)
            return try VLAN.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "arp":
            let payload = try encode(layers, from: index + 1, context: context)
            return try ARP.build(spec, at: index, payload: payload)
        case "ip":
            let inner = try IPv4.context(for: spec, at: index)
            let payload = try encode(layers, from: index + 1, context: inner)
            return try IPv4.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6":
            let inner = try IPv6.context(for: spec, at: index)
            let payload = try encode(layers, from: index + 1, context: inner)
            return try IPv6.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6.hopopts", "ipv6.dstopts":
            // The option layers that follow belong to this header.
            var options: [UInt8] = []
            var after = index + 1
            while after < layers.count, layers[after].layer == "ipv6.opt" {
                options += try IPv6Option.build(layers[after], at: after)
                after += 1
            }
            let payload = try encode(layers, from: after, context: context)
            let kind = spec.layer == "ipv6.hopopts" ? IPv6OptionsHeader.hopByHop : IPv6OptionsHeader.destinationOptions
            return try kind.build(spec, at: index, options: options, nextLayer: after < layers.count ? layers[after].layer : nil,
                                  payload: payload)
        case "ipv6.opt":
            throw BuildError(layerIndex: index, layer: spec.layer, field: nil,
                             message: "an IPv6 option must follow ipv6.hopopts, ipv6.dstopts or another ipv6.opt")
        case "ipv6.routing":
            let inner = try IPv6Routing.context(for: spec, at: index, enclosing: context)
            let payload = try encode(layers, from: index + 1, context: inner)
            return try IPv6Routing.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "ipv6.fraghdr":
            let payload = try encode(layers, from: index + 1, context: context)
            return try IPv6Fragment.build(spec, at: index, nextLayer: nextLayer, payload: payload)
        case "icmpv6":
            let payload = try encode(layers, from: index + 1, context: context)
            return try ICMPv6.build(spec, at: index, payload: payload, context: context)
        case "icmpv6.opt":
            let payload = try encode(layers, from: index + 1, context: context)
            return try NDOption.build(spec, at: index, payload: payload)
        case "udp":
            let payload = try encode(layers, from: index + 1, context: context)
            return try UDP.build(spec, at: index, payload: payload, context: context)
        case "data":
            let payload = try encode(layers, from: index + 1, context: context)
            return try DataLayer.build(spec, at: index, payload: payload)
        case "raw":
            guard nextLayer == nil else {
                throw BuildError(layerIndex: index, layer: spec.layer, field: nil,
                                 message: "raw carries the rest of the frame and must be the last layer")
            }
            return try RawLayer.build(spec, at: index, payload: [])
        default:
            let hint = NameSuggester.nearest(to: spec.layer, among: layerNames).map { " (did you mean \($0)?)" } ?? ""
            throw BuildError(layerIndex: index, layer: spec.layer, field: nil, message: "unknown layer\(hint)")
        }
    }
}
