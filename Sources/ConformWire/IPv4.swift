/// The IPv4 header (RFC 791 §3.1), without options decoding.
///
/// ```
///  0       4       8               16    19                        32
/// +-------+-------+---------------+-------------------------------+
/// |Version|  IHL  |  DS field     |          Total Length         |
/// +-------+-------+---------------+-----+-------------------------+
/// |        Identification         |Flags|     Fragment Offset     |
/// +---------------+---------------+-----+-------------------------+
/// |     TTL       |   Protocol    |        Header Checksum        |
/// +---------------+---------------+-------------------------------+
/// |        Source Address         |      Destination Address      |
/// ```
enum IPv4 {
    static let version = FieldDescriptor("ip.version", "Version", .uint8, base: .dec)
    /// In bytes, as Wireshark shows it: four times the IHL nibble.
    static let headerLength = FieldDescriptor("ip.hdr_len", "Header Length", .uint8, base: .dec)
    static let dsField = FieldDescriptor("ip.dsfield", "Differentiated Services Field", .uint8, base: .hex)
    static let dscp = FieldDescriptor("ip.dsfield.dscp", "Differentiated Services Codepoint", .uint8, base: .dec, bitmask: 0xfc)
    static let ecn = FieldDescriptor("ip.dsfield.ecn", "Explicit Congestion Notification", .uint8, base: .dec, bitmask: 0x03)
    static let totalLength = FieldDescriptor("ip.len", "Total Length", .uint16, base: .dec)
    static let identification = FieldDescriptor("ip.id", "Identification", .uint16, base: .hex)
    static let flags = FieldDescriptor("ip.flags", "Flags", .uint8, base: .hex, bitmask: 0xe0)
    static let reservedBit = FieldDescriptor("ip.flags.rb", "Reserved bit", .bool, bitmask: 0x80)
    static let dontFragment = FieldDescriptor("ip.flags.df", "Don't fragment", .bool, bitmask: 0x40)
    static let moreFragments = FieldDescriptor("ip.flags.mf", "More fragments", .bool, bitmask: 0x20)
    /// In 8-octet units, as on the wire.
    static let fragmentOffset = FieldDescriptor("ip.frag_offset", "Fragment Offset", .uint16, base: .dec, bitmask: 0x1fff)
    static let ttl = FieldDescriptor("ip.ttl", "Time to Live", .uint8, base: .dec)
    static let protocolNumber = FieldDescriptor("ip.proto", "Protocol", .uint8, base: .dec)
    static let checksum = FieldDescriptor("ip.checksum", "Header Checksum", .uint16, base: .hex)
    /// As Wireshark: 0 bad, 1 good.
    static let checksumStatus = FieldDescriptor("ip.checksum.status", "Header checksum status", .uint8, base: .none)
    static let source = FieldDescriptor("ip.src", "Source Address", .ipv4)
    static let destination = FieldDescriptor("ip.dst", "Destination Address", .ipv4)
    /// Either address: Wireshark adds it once for each, so a filter on it matches both.
    static let address = FieldDescriptor("ip.addr", "Source or Destination Address", .ipv4)

    static let fields: [FieldDescriptor] = [
        version, headerLength, dsField, dscp, ecn, totalLength, identification, flags, reservedBit, dontFragment,
        moreFragments, fragmentOffset, ttl, protocolNumber, checksum, checksumStatus, source, destination, address,
    ]

    // Wireshark registers the version without a bitmask; it is the high nibble of byte 0.
    static let versionField = HeaderField(version, at: 0, width: 1, mask: 0xf0)
    static let ihlField = HeaderField(FieldDescriptor("ip.ihl", "Internet Header Length", .uint8), at: 0, width: 1, mask: 0x0f)
    static let totalLengthField = HeaderField(totalLength, at: 2, width: 2)
    static let moreFragmentsField = HeaderField(moreFragments, at: 6, width: 1)
    static let fragmentOffsetField = HeaderField(fragmentOffset, at: 6, width: 2)
    static let ttlField = HeaderField(ttl, at: 8, width: 1)
    static let protocolField = HeaderField(protocolNumber, at: 9, width: 1)
    static let checksumField = HeaderField(checksum, at: 10, width: 2)
    static let sourceField = HeaderField(source, at: 12, width: 4)
    static let destinationField = HeaderField(destination, at: 16, width: 4)

    static let beforeHeaderLength: [HeaderField] = [versionField]
    static let afterHeaderLength: [HeaderField] = [
        HeaderField(dsField, at: 1, width: 1), HeaderField(dscp, at: 1, width: 1), HeaderField(ecn, at: 1, width: 1),
        totalLengthField, HeaderField(identification, at: 4, width: 2), HeaderField(flags, at: 6, width: 1),
        HeaderField(reservedBit, at: 6, width: 1), HeaderField(dontFragment, at: 6, width: 1), moreFragmentsField,
        fragmentOffsetField, ttlField, protocolField, checksumField,
    ]
    static let addresses: [HeaderField] = [sourceField, destinationField]
    /// The addresses as decoded, with `ip.addr` after each.
    static let dissectedAddresses: [HeaderField] = [
        sourceField, HeaderField(address, at: 12, width: 4), destinationField, HeaderField(address, at: 16, width: 4),
    ]
    static let minimumHeaderLength = 20

    static let settable: [String] = [version.abbrev, headerLength.abbrev] + afterHeaderLength.map(\.abbrev) + addresses.map(\.abbrev)

    /// - Parameter invoking: the packet is the one quoted by an ICMP error, cut short on
    ///   purpose: its length is not flagged.
    /// - Returns: the end of the IPv4 packet (total length permitting).
    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int, invoking: Bool = false) -> Int {
        recorder.layer("ip")
        guard recorder.addHeader(beforeHeaderLength, base: offset, end: end, protocolName: "IPv4") else { return end }
        let headerBytes = Int(recorder.bytes[offset] & 0x0f) * 4
        recorder.add(headerLength, .uint(UInt64(headerBytes)), offset: offset, length: 1)
        guard headerBytes >= minimumHeaderLength else {
            recorder.expert("ip.bogus_header_length", .malformed, .error,
                            "Bogus IP header length (\(headerBytes), must be at least \(minimumHeaderLength))", offset: offset)
            return end
        }
        guard recorder.addHeader(afterHeaderLength, base: offset, end: end, protocolName: "IPv4"),
              offset + headerBytes <= end else {
            recorder.malformed("IPv4 header of \(headerBytes) bytes exceeds the \(end - offset) bytes left", offset: offset)
            return end
        }
        let header = Array(recorder.bytes[offset..<(offset + headerBytes)])
        let status: UInt64 = InternetChecksum.checksum(header) == 0 ? 1 : 0
        recorder.add(checksumStatus, .uint(status), offset: offset + 10, length: 0)
        if status == 0 {
            recorder.expert("ip.checksum_bad.expert", .checksum, .error, "Bad checksum", offset: offset + 10)
        }
        recorder.addHeader(dissectedAddresses,
                           base: offset, end: end, protocolName: "IPv4")
        guard case .uint(let total)? = totalLengthField.read(recorder.bytes, base: offset),
              case .ipv4(let src)? = sourceField.read(recorder.bytes, base: offset),
              case .ipv4(let dst)? = destinationField.read(recorder.bytes, base: offset) else { return end }
        var packetEnd = offset + Int(total)
        if Int(total) < headerBytes || (packetEnd > end && !invoking) {
            recorder.expert("ip.bogus_ip_length", .malformed, .error,
                            "Bogus IP length (\(total), header \(headerBytes), \(end - offset) bytes captured)", offset: offset + 2)
            packetEnd = end
            guard Int(total) >= headerBytes else { return end }
        }
        packetEnd = min(packetEnd, end)
        let payloadStart = offset + headerBytes
        if case .bool(true)? = moreFragmentsField.read(recorder.bytes, base: offset) {
            recorder.addData(from: payloadStart, to: packetEnd)
        } else if case .uint(let fragment)? = fragmentOffsetField.read(recorder.bytes, base: offset), fragment != 0 {
            recorder.addData(from: payloadStart, to: packetEnd)
        } else {
            let context = UpperLayerContext(addresses: .ipv4(source: src, destination: dst),
                                            truncated: offset + Int(total) > end, invoking: invoking)
            IPProtocol.dissectTransport(IPProtocol(rawValue: recorder.bytes[offset + 9]), &recorder,
                                        at: payloadStart, end: packetEnd, context: context)
        }
        return packetEnd
    }

    static func context(for spec: LayerSpec, at index: Int) throws(BuildError) -> UpperLayerContext {
        let fields = try LayerFields(spec, at: index, length: 0, allowed: settable)
        var src = IPv4Address([0, 0, 0, 0]), dst = IPv4Address([0, 0, 0, 0])
        if case .ipv4(let a)? = try fields.given(source) { src = a }
        if case .ipv4(let a)? = try fields.given(destination) { dst = a }
        return UpperLayerContext(addresses: .ipv4(source: src, destination: dst))
    }

    /// Encodes a 20-byte header; `ip.hdr_len` given (in bytes, a multiple of 4) is written
    /// as the IHL verbatim, without adding options.
    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: minimumHeaderLength, allowed: settable)
        var ihl: UInt64 = 5
        if case .uint(let bytes)? = try fields.given(headerLength) {
            guard bytes % 4 == 0, bytes / 4 <= 0x0f else {
                throw fields.failure(headerLength.abbrev, "\(bytes) is not a multiple of 4 up to 60")
            }
            ihl = bytes / 4
        }
        try fields.setDefault(versionField, .uint(4))
        if let problem = ihlField.write(.uint(ihl), into: &fields.header) { throw fields.failure(headerLength.abbrev, problem) }
        try fields.setDefault(ttlField, .uint(64))
        try fields.setNextHeader(protocolField, announcing: nextLayer)
        guard minimumHeaderLength + payload.count <= 0xffff || fields.isGiven(totalLength.abbrev) else {
            throw fields.failure(totalLength.abbrev, "packet of \(minimumHeaderLength + payload.count) bytes exceeds 65535")
        }
        try fields.setDefault(totalLengthField, .uint(UInt64(minimumHeaderLength + payload.count)))
        try fields.applyGiven(beforeHeaderLength + afterHeaderLength + addresses)
        if !fields.isGiven(checksum.abbrev) {
            let sum = InternetChecksum.checksum(fields.header)
            fields.header[10] = UInt8(sum >> 8)
            fields.header[11] = UInt8(sum & 0xff)
        }
        return fields.header + payload
    }
}
