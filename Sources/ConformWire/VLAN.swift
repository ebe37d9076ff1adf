/// IEEE 802.1Q VLAN tag, after the tag protocol identifier 0x8100.
///
/// ```
///  0       2       4
/// +-------+-------+---------
/// |  TCI  | type  | payload      TCI: PCP (3 bits) | DEI (1) | VID (12)
/// +-------+-------+---------
/// ```
enum VLAN {
    static let priority = FieldDescriptor("vlan.priority", "Priority", .uint16, base: .dec, bitmask: 0xe000)
    static let dei = FieldDescriptor("vlan.dei", "DEI", .bool, bitmask: 0x1000)
    static let id = FieldDescriptor("vlan.id", "ID", .uint16, base: .dec, bitmask: 0x0fff)
    static let etype = FieldDescriptor("vlan.etype", "Type", .uint16, base: .hex)

    static let fields: [FieldDescriptor] = [priority, dei, id, etype]

    static let header: [HeaderField] = [
        HeaderField(priority, at: 0, width: 2),
        HeaderField(dei, at: 0, width: 2),
        HeaderField(id, at: 0, width: 2),
        HeaderField(etype, at: 2, width: 2),
    ]
    static let headerLength = 4

    static let settable: [String] = header.map(\.abbrev)

    /// - Returns: the EtherType the tag announces, or nil when the tag is cut short.
    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int) -> EtherType? {
        recorder.layer("vlan")
        guard recorder.addHeader(header, base: offset, end: end, protocolName: "802.1Q"),
              case .uint(let raw)? = header[3].read(recorder.bytes, base: offset) else { return nil }
        return EtherType(rawValue: UInt16(raw))
    }

    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        if !fields.isGiven(etype.abbrev) {
            guard let next = EtherType.announcing(nextLayer) else {
                throw fields.failure(etype.abbrev, "cannot be derived from the next layer \(nextLayer ?? "(none)"); give it explicitly")
            }
            try fields.setDefault(header[3], .uint(UInt64(next.rawValue)))
        }
        try fields.applyGiven(header)
        return fields.header + payload
    }
}
