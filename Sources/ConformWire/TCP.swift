/// The Transmission Control Protocol header (RFC 9293 §3.1), over IPv6 or IPv4.
///
/// ```
///  0               2               4                               8
/// +---------------+---------------+-------------------------------+
/// | source port   | dest. port    |        sequence number        |
/// +---------------+---------------+-------+-----------+-----------+
/// |    acknowledgment number      |offset | flags(12) |  window   |
/// +---------------+---------------+-------+-----------+-----------+
/// |   checksum    | urgent ptr    | options (``TCPOption``) ... | data
/// ```
/// Sequence numbers are the raw wire values: Wireshark's `tcp.seq` is relative to the
/// conversation by default, and equals these with `tcp.relative_sequence_numbers` off.
/// Conform decodes frame by frame and does not reassemble streams.
enum TCP {
    static let sourcePort = FieldDescriptor("tcp.srcport", "Source Port", .uint16, base: .dec)
    static let destinationPort = FieldDescriptor("tcp.dstport", "Destination Port", .uint16, base: .dec)
    /// Either port: Wireshark adds it once for each, so a filter on it matches both.
    static let port = FieldDescriptor("tcp.port", "Source or Destination Port", .uint16, base: .dec)
    /// The segment's data length, computed.
    static let segmentLength = FieldDescriptor("tcp.len", "TCP Segment Len", .uint32, base: .dec)
    static let sequence = FieldDescriptor("tcp.seq", "Sequence Number", .uint32, base: .dec)
    static let sequenceRaw = FieldDescriptor("tcp.seq_raw", "Sequence Number (raw)", .uint32, base: .dec)
    static let acknowledgment = FieldDescriptor("tcp.ack", "Acknowledgment Number", .uint32, base: .dec)
    static let acknowledgmentRaw = FieldDescriptor("tcp.ack_raw", "Acknowledgment number (raw)", .uint32, base: .dec)
    /// In bytes, as Wireshark shows it: four times the data offset nibble.
    static let headerLength = FieldDescriptor("tcp.hdr_len", "Header Length", .uint8, base: .dec)
    static let flags = FieldDescriptor("tcp.flags", "Flags", .uint16, base: .hex, bitmask: 0x0fff)
    static let flagReserved = FieldDescriptor("tcp.flags.res", "Reserved", .bool, bitmask: 0x0e00)
    static let flagAE = FieldDescriptor("tcp.flags.ae", "Accurate ECN", .bool, bitmask: 0x0100)
    static let flagCWR = FieldDescriptor("tcp.flags.cwr", "Congestion Window Reduced", .bool, bitmask: 0x0080)
    static let flagECE = FieldDescriptor("tcp.flags.ece", "ECN-Echo", .bool, bitmask: 0x0040)
    static let flagURG = FieldDescriptor("tcp.flags.urg", "Urgent", .bool, bitmask: 0x0020)
    static let flagACK = FieldDescriptor("tcp.flags.ack", "Acknowledgment", .bool, bitmask: 0x0010)
    static let flagPSH = FieldDescriptor("tcp.flags.push", "Push", .bool, bitmask: 0x0008)
    static let flagRST = FieldDescriptor("tcp.flags.reset", "Reset", .bool, bitmask: 0x0004)
    static let flagSYN = FieldDescriptor("tcp.flags.syn", "Syn", .bool, bitmask: 0x0002)
    static let flagFIN = FieldDescriptor("tcp.flags.fin", "Fin", .bool, bitmask: 0x0001)
    static let window = FieldDescriptor("tcp.window_size_value", "Window", .uint16, base: .dec)
    static let checksum = FieldDescriptor("tcp.checksum", "Checksum", .uint16, base: .hex)
    /// As Wireshark: 0 bad, 1 good, 2 unverified.
    static let checksumStatus = FieldDescriptor("tcp.checksum.status", "Checksum Status", .uint8, base: .none)
    static let urgentPointer = FieldDescriptor("tcp.urgent_pointer", "Urgent Pointer", .uint16, base: .dec)
    static let options = FieldDescriptor("tcp.options", "Options", .bytes)

    static let fields: [FieldDescriptor] = [
        sourcePort, destinationPort, port, segmentLength, sequence, sequenceRaw, acknowledgment, acknowledgmentRaw,
        headerLength, flags, flagReserved, flagAE, flagCWR, flagECE, flagURG, flagACK, flagPSH, flagRST, flagSYN, flagFIN,
        window, checksum, checksumStatus, urgentPointer, options,
    ]

    static let sourcePortField = HeaderField(sourcePort, at: 0, width: 2)
    static let destinationPortField = HeaderField(destinationPort, at: 2, width: 2)
    static let dataOffsetField = HeaderField(FieldDescriptor("tcp.data_offset", "Data Offset", .uint8), at: 12, width: 1, mask: 0xf0)
    static let flagFields: [HeaderField] = [flags, flagReserved, flagAE, flagCWR, flagECE, flagURG, flagACK, flagPSH, flagRST, flagSYN, flagFIN]
        .map { HeaderField($0, at: 12, width: 2) }
    static let trailing: [HeaderField] = [
        HeaderField(window, at: 14, width: 2), HeaderField(checksum, at: 16, width: 2), HeaderField(urgentPointer, at: 18, width: 2),
    ]
    static let settableHeader: [HeaderField] = [
        sourcePortField, destinationPortField, HeaderField(sequence, at: 4, width: 4), HeaderField(acknowledgment, at: 8, width: 4),
    ] + flagFields + trailing
    static let minimumHeaderLength = 20

    // The header as decoded, in Wireshark's order: ports (each also as `tcp.port`),
    // sequence and acknowledgment numbers (also raw), then flags and window, checksum,
    // urgent pointer.
    static let portsLayout: [HeaderField] = [
        sourcePortField, destinationPortField, HeaderField(port, at: 0, width: 2), HeaderField(port, at: 2, width: 2),
    ]
    static let sequenceLayout: [HeaderField] = [
        HeaderField(sequence, at: 4, width: 4), HeaderField(sequenceRaw, at: 4, width: 4),
        HeaderField(acknowledgment, at: 8, width: 4), HeaderField(acknowledgmentRaw, at: 8, width: 4),
    ]
    static let flagsAndWindowLayout: [HeaderField] = flagFields + Array(trailing[0...1])
    static let urgentPointerLayout: [HeaderField] = [trailing[2]]

    static let settable: [String] = settableHeader.map(\.abbrev) + [headerLength.abbrev]

    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int, context: UpperLayerContext) {
        recorder.layer("tcp")
        guard offset + minimumHeaderLength <= end else {
            recorder.addHeader(settableHeader, base: offset, end: end, protocolName: "TCP")
            return
        }
        let bytes = recorder.bytes
        let headerBytes = Int(bytes[offset + 12] >> 4) * 4
        recorder.addHeader(portsLayout, base: offset, end: end, protocolName: "TCP")
        let validHeader = headerBytes >= minimumHeaderLength && offset + headerBytes <= end
        // Wireshark gives no segment length inside a quoted packet.
        if validHeader, !context.invoking {
            recorder.add(segmentLength, .uint(UInt64(end - offset - headerBytes)), offset: offset, length: 0)
        }
        recorder.addHeader(sequenceLayout, base: offset, end: end, protocolName: "TCP")
        recorder.add(headerLength, .uint(UInt64(headerBytes)), offset: offset + 12, length: 1)
        guard validHeader else {
            recorder.expert("tcp.bogus_header_length", .malformed, .error,
                            "Bogus TCP header length (\(headerBytes), must be at least \(minimumHeaderLength) and within the segment)",
                            offset: offset + 12)
            return
        }
        recorder.addHeader(flagsAndWindowLayout, base: offset, end: end, protocolName: "TCP")
        let status = context.checksumStatus(protocolNumber: .tcp, upperLayer: bytes, in: offset..<end)
        recorder.add(checksumStatus, .uint(status), offset: offset + 16, length: 0)
        if status == 0 {
            recorder.expert("tcp.checksum_bad.expert", .checksum, .error, "Bad checksum", offset: offset + 16)
        }
        recorder.addHeader(urgentPointerLayout, base: offset, end: end, protocolName: "TCP")
        if headerBytes > minimumHeaderLength {
            let start = offset + minimumHeaderLength, optionsEnd = offset + headerBytes
            recorder.add(options, .bytes(Array(bytes[start..<optionsEnd])), offset: start, length: optionsEnd - start)
            TCPOption.dissectOptions(&recorder, from: start, end: optionsEnd)
        }
        recorder.addData(from: offset + headerBytes, to: end)
    }

    /// - Parameter options: the encoded `tcp.option` layers that follow; they are padded
    ///   with zeros (End of Option List) to a 32-bit boundary (RFC 9293 §3.1).
    static func build(_ spec: LayerSpec, at index: Int, options: [UInt8], payload: [UInt8],
                      context: UpperLayerContext) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: minimumHeaderLength, allowed: settable)
        let padded = options + [UInt8](repeating: 0, count: (4 - options.count % 4) % 4)
        var offsetWords = UInt64((minimumHeaderLength + padded.count) / 4)
        if case .uint(let bytes)? = try fields.given(headerLength) {
            guard bytes % 4 == 0 else { throw fields.failure(headerLength.abbrev, "\(bytes) is not a multiple of 4") }
            offsetWords = bytes / 4
        }
        guard offsetWords <= 0x0f else {
            throw fields.failure(headerLength.abbrev, "a header of \(offsetWords * 4) bytes exceeds the 60 the data offset can express")
        }
        if let problem = dataOffsetField.write(.uint(offsetWords), into: &fields.header) {
            throw fields.failure(headerLength.abbrev, problem)
        }
        try fields.applyGiven(settableHeader)
        var segment = fields.header + padded + payload
        if !fields.isGiven(checksum.abbrev) {
            guard let sum = context.checksum(protocolNumber: .tcp, upperLayer: segment) else {
                throw fields.failure(checksum.abbrev, "needs an enclosing ipv6 or ip layer for its pseudo-header; give it explicitly")
            }
            segment[16] = UInt8(sum >> 8)
            segment[17] = UInt8(sum & 0xff)
        }
        return segment
    }
}
