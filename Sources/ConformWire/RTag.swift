/// IEEE 802.1CB redundancy tag (R-TAG), after EtherType 0xF1C1 (802.1CB §7.8).
///
/// ```
///  0          2          4       6
/// +----------+----------+-------+---------
/// | reserved | sequence | type  | payload
/// +----------+----------+-------+---------
/// ```
/// Field names follow the installed tshark (`ieee8021cb.*`; Wireshark 4.2 renamed them `rtag.*`).
enum RTag {
    static let reserved = FieldDescriptor("ieee8021cb.reserved", "Reserved", .uint16, base: .hex)
    static let sequence = FieldDescriptor("ieee8021cb.seq", "SEQ", .uint16, base: .dec)
    static let etype = FieldDescriptor("ieee8021cb.etype", "Type", .uint16, base: .hex)

    static let fields: [FieldDescriptor] = [reserved, sequence, etype]

    static let header: [HeaderField] = [
        HeaderField(reserved, at: 0, width: 2),
        HeaderField(sequence, at: 2, width: 2),
        HeaderField(etype, at: 4, width: 2),
    ]
    static let headerLength = 6

    static let settable: [String] = header.map(\.abbrev)

    /// - Returns: the EtherType the tag announces, or nil when the tag is cut short.
    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int) -> EtherType? {
        recorder.layer("ieee8021cb")
        guard recorder.addHeader(header, base: offset, end: end, protocolName: "802.1CB R-TAG"),
              case .uint(let raw)? = header[2].read(recorder.bytes, base: offset) else { return nil }
        return EtherType(rawValue: UInt16(raw))
    }

    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        if !fields.isGiven(etype.abbrev) {
            guard let next = EtherType.announcing(nextLayer) else {
                throw fields.failure(etype.abbrev, "cannot be derived from the next layer \(nextLayer ?? "(none)"); give it explicitly")
            }
            try fields.setDefault(header[2], .uint(UInt64(next.rawValue)))
        }
        try fields.applyGiven(header)
        return fields.header + payload
    }
}
