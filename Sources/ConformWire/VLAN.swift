/// IEEE 802.1Q VLAN tag, after the tag protocol identifier 0x8100.
///
/// ```
///  0       2       4
/// +-------+-------+---------
/// |  TCI  | type  | payload      TCI: PCP (3 bits) | DEI (1) | VID (12)
/// +-------+-------+---------
/// ```
enum VLAN: EtherTypeTag {
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
    static let layerName = "vlan"
    static let protocolName = "802.1Q"
    static var etypeField: HeaderField { header[3] }
}
