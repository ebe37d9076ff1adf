/// The IPv6 Fragment header (RFC 8200 §4.5), with Wireshark's `ipv6.fraghdr` names.
///
/// ```
/// +-------------+-------------+-------------------------+-----+---+
/// | Next Header |  Reserved   |     Fragment Offset     | Res | M |
/// +-------------+-------------+-------------------------+-----+---+
/// |                        Identification                        |
/// ```
/// Conform does not reassemble: a fragment's data is decoded only for an atomic fragment
/// (offset 0, M clear, RFC 6946); other fragments' data is `data.data`.
enum IPv6Fragment {
    static let nextHeader = FieldDescriptor("ipv6.fraghdr.nxt", "Next header", .uint8, base: .dec)
    static let reservedOctet = FieldDescriptor("ipv6.fraghdr.reserved_octet", "Reserved octet", .uint8, base: .hex)
    /// In 8-octet units, as on the wire.
    static let offset = FieldDescriptor("ipv6.fraghdr.offset", "Offset", .uint16, base: .dec, bitmask: 0xfff8)
    static let reservedBits = FieldDescriptor("ipv6.fraghdr.reserved_bits", "Reserved bits", .uint16, base: .dec, bitmask: 0x0006)
    static let more = FieldDescriptor("ipv6.fraghdr.more", "More Fragments", .bool, bitmask: 0x0001)
    static let identification = FieldDescriptor("ipv6.fraghdr.ident", "Identification", .uint32, base: .hex)

    static let fields: [FieldDescriptor] = [nextHeader, reservedOctet, offset, reservedBits, more, identification]

    static let nextHeaderField = HeaderField(nextHeader, at: 0, width: 1)
    static let offsetField = HeaderField(offset, at: 2, width: 2)
    static let moreField = HeaderField(more, at: 2, width: 2)
    static let header: [HeaderField] = [
        nextHeaderField, HeaderField(reservedOctet, at: 1, width: 1), offsetField,
        HeaderField(reservedBits, at: 2, width: 2), moreField, HeaderField(identification, at: 4, width: 4),
    ]
    static let headerLength = 8

    static let settable: [String] = header.map(\.abbrev)

    static func dissect(_ recorder: inout DissectionRecorder, at start: Int, end: Int) -> IPv6ExtensionStep? {
        recorder.layer("ipv6.fraghdr")
        guard recorder.addHeader(header, base: start, end: end, protocolName: "IPv6 Fragment"),
              case .uint(let fragmentOffset)? = offsetField.read(recorder.bytes, base: start),
              case .bool(let moreFragments)? = moreField.read(recorder.bytes, base: start) else { return nil }
        guard fragmentOffset == 0, !moreFragments else {
            recorder.addData(from: start + headerLength, to: end)
            return nil
        }
        return IPv6ExtensionStep(nextHeader: IPProtocol(rawValue: recorder.bytes[start]), end: start + headerLength)
    }

    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        try fields.setNextHeader(nextHeaderField, announcing: nextLayer)
        try fields.applyGiven(header)
        return fields.header + payload
    }
}
