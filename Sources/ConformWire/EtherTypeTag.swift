/// A tag that sits between an EtherType and the layer it announces, and ends in an EtherType
/// of its own: the 802.1Q VLAN tag, the 802.1CB redundancy tag. Both dissect and build the
/// same way; only their fields differ.
protocol EtherTypeTag {
    /// The tag's fields, in header order.
    static var header: [HeaderField] { get }
    static var headerLength: Int { get }
    /// The layer name in `frame.protocols` and templates (`vlan`).
    static var layerName: String { get }
    /// The name expert items give (`802.1Q`).
    static var protocolName: String { get }
    /// The field holding the EtherType of what follows.
    static var etypeField: HeaderField { get }
}

extension EtherTypeTag {
    static var settable: [String] { header.map(\.abbrev) }

    /// - Returns: the EtherType the tag announces, or nil when the tag is cut short.
    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int) -> EtherType? {
        recorder.layer(layerName)
        guard recorder.addHeader(header, base: offset, end: end, protocolName: protocolName),
              case .uint(let raw)? = etypeField.read(recorder.bytes, base: offset) else { return nil }
        return EtherType(rawValue: UInt16(raw))
    }

    /// The tag in front of `payload`; its EtherType, unless given, announces `nextLayer`.
    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        if !fields.isGiven(etypeField.abbrev) {
            guard let next = EtherType.announcing(nextLayer) else {
                throw fields.failure(etypeField.abbrev, "cannot be derived from the next layer \(nextLayer ?? "(none)"); give it explicitly")
            }
            try fields.setDefault(etypeField, .uint(UInt64(next.rawValue)))
        }
        try fields.applyGiven(header)
        return fields.header + payload
    }
}
