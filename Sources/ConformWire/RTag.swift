/// IEEE 802.1CB redundancy tag (R-TAG), after EtherType 0xF1C1 (802.1CB §7.8).
///
/// ```
///  0          2          4       6
/// +----------+----------+-------+---------
/// | reserved | sequence | type  | payload
/// +----------+----------+-------+---------
/// ```
/// Field names follow the installed tshark (`ieee8021cb.*`; Wireshark 4.2 renamed them `rtag.*`).
enum RTag: EtherTypeTag {
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
    static let layerName = "ieee8021cb"
    static let protocolName = "802.1CB R-TAG"
    static var etypeField: HeaderField { header[2] }
}
