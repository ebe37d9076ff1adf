/// The Address Resolution Protocol (RFC 826). Ethernet/IPv4 addresses are decoded as
/// MAC and IPv4 fields; other hardware or protocol sizes as bytes, as Wireshark does.
///
/// ```
/// hw type (2) | proto type (2) | hw size (1) | proto size (1) | opcode (2)
/// sender hw | sender proto | target hw | target proto      (sizes as announced)
/// ```
enum ARP {
    static let hardwareType = FieldDescriptor("arp.hw.type", "Hardware type", .uint16, base: .dec)
    static let protocolType = FieldDescriptor("arp.proto.type", "Protocol type", .uint16, base: .hex)
    static let hardwareSize = FieldDescriptor("arp.hw.size", "Hardware size", .uint8, base: .dec)
    static let protocolSize = FieldDescriptor("arp.proto.size", "Protocol size", .uint8, base: .dec)
    static let opcode = FieldDescriptor("arp.opcode", "Opcode", .uint16, base: .dec)
    static let senderMAC = FieldDescriptor("arp.src.hw_mac", "Sender MAC address", .ether)
    static let senderIPv4 = FieldDescriptor("arp.src.proto_ipv4", "Sender IP address", .ipv4)
    static let targetMAC = FieldDescriptor("arp.dst.hw_mac", "Target MAC address", .ether)
    static let targetIPv4 = FieldDescriptor("arp.dst.proto_ipv4", "Target IP address", .ipv4)
    static let senderHardware = FieldDescriptor("arp.src.hw", "Sender hardware address", .bytes)
    static let senderProtocol = FieldDescriptor("arp.src.proto", "Sender protocol address", .bytes)
    static let targetHardware = FieldDescriptor("arp.dst.hw", "Target hardware address", .bytes)
    static let targetProtocol = FieldDescriptor("arp.dst.proto", "Target protocol address", .bytes)

    static let fields: [FieldDescriptor] = [
        hardwareType, protocolType, hardwareSize, protocolSize, opcode, senderMAC, senderIPv4, targetMAC, targetIPv4,
        senderHardware, senderProtocol, targetHardware, targetProtocol,
    ]

    static let fixed: [HeaderField] = [
        HeaderField(hardwareType, at: 0, width: 2), HeaderField(protocolType, at: 2, width: 2),
        HeaderField(hardwareSize, at: 4, width: 1), HeaderField(protocolSize, at: 5, width: 1),
        HeaderField(opcode, at: 6, width: 2),
    ]
    static let fixedLength = 8
    /// The Ethernet/IPv4 address block after the fixed part, as a template builds it.
    static let ethernetIPv4: [HeaderField] = [
        HeaderField(senderMAC, at: 8, width: 6), HeaderField(senderIPv4, at: 14, width: 4),
        HeaderField(targetMAC, at: 18, width: 6), HeaderField(targetIPv4, at: 24, width: 4),
    ]
    static let ethernetIPv4Length = 28

    // Hardware types whose 6-byte addresses are MACs: Ethernet (1) and IEEE 802 (6).
    private static let macHardwareTypes: Set<UInt16> = [1, 6]

    static let settable: [String] = (fixed + ethernetIPv4).map(\.abbrev)

    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int) -> Int {
        recorder.layer("arp")
        guard recorder.addHeader(fixed, base: offset, end: end, protocolName: "ARP") else { return end }
        let bytes = recorder.bytes
        let hardware = Int(bytes[offset + 4]), proto = Int(bytes[offset + 5])
        let length = fixedLength + 2 * (hardware + proto)
        guard offset + length <= end else {
            recorder.malformed("ARP addresses of \(length - fixedLength) bytes exceed the \(end - offset - fixedLength) bytes left",
                               offset: offset + 4)
            return end
        }
        let hardwareType = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        let protocolType = UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3])
        let macs = hardware == 6 && macHardwareTypes.contains(hardwareType)
        let ipv4 = proto == 4 && protocolType == EtherType.ipv4.rawValue
        let layout: [(FieldDescriptor, Int)] = [
            (macs ? senderMAC : senderHardware, hardware), (ipv4 ? senderIPv4 : senderProtocol, proto),
            (macs ? targetMAC : targetHardware, hardware), (ipv4 ? targetIPv4 : targetProtocol, proto),
        ]
        var cursor = offset + fixedLength
        for (descriptor, size) in layout {
            let field = HeaderField(descriptor, at: cursor - offset, width: size)
            if let value = field.read(bytes, base: offset) {
                recorder.add(descriptor, value, offset: cursor, length: size)
            }
            cursor += size
        }
        return offset + length
    }

    /// Encodes an Ethernet/IPv4 ARP packet (RFC 826, RFC 5227); `arp.opcode` is required.
    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: ethernetIPv4Length, allowed: settable)
        guard fields.isGiven(opcode.abbrev) else { throw fields.failure(opcode.abbrev, "is required (1 request, 2 reply)") }
        try fields.setDefault(fixed[0], .uint(1))
        try fields.setDefault(fixed[1], .uint(UInt64(EtherType.ipv4.rawValue)))
        try fields.setDefault(fixed[2], .uint(6))
        try fields.setDefault(fixed[3], .uint(4))
        try fields.applyGiven(fixed + ethernetIPv4)
        return fields.header + payload
    }
}
