/// ICMP for IPv4 (RFC 792): the common header everywhere, the echo body, and Destination
/// Unreachable and Time Exceeded with the quoted packet decoded as IPv4; any other
/// message's body is data. The checksum covers the message alone, with no pseudo-header.
enum ICMPv4 {
    static let type = FieldDescriptor("icmp.type", "Type", .uint8, base: .dec)
    static let code = FieldDescriptor("icmp.code", "Code", .uint8, base: .dec)
    static let checksum = FieldDescriptor("icmp.checksum", "Checksum", .uint16, base: .hex)
    /// As Wireshark: 0 bad, 1 good, 2 unverified (the packet was cut short).
    static let checksumStatus = FieldDescriptor("icmp.checksum.status", "Checksum Status", .uint8, base: .none)
    static let identifier = FieldDescriptor("icmp.ident", "Identifier (BE)", .uint16, base: .dec)
    static let sequence = FieldDescriptor("icmp.seq", "Sequence Number (BE)", .uint16, base: .dec)

    static let unused = FieldDescriptor("icmp.unused", "Unused", .bytes)

    static let fields: [FieldDescriptor] = [type, code, checksum, checksumStatus, identifier, sequence, unused]

    static let destinationUnreachable: UInt8 = 3
    static let timeExceeded: UInt8 = 11
    /// Destination Unreachable code 4 carries the next-hop MTU (RFC 1191) in its second word.
    static let fragmentationNeeded: UInt8 = 4

    static let echoReply: UInt8 = 0
    static let echoRequest: UInt8 = 8

    static let common: [HeaderField] = [
        HeaderField(type, at: 0, width: 1), HeaderField(code, at: 1, width: 1), HeaderField(checksum, at: 2, width: 2),
    ]
    static let unusedLayout: [HeaderField] = [HeaderField(unused, at: 4, width: 4)]
    static let echo: [HeaderField] = [HeaderField(identifier, at: 4, width: 2), HeaderField(sequence, at: 6, width: 2)]
    static let commonLength = 4
    static let echoLength = 8

    static let settable: [String] = (common + echo).map(\.abbrev)

    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int, context: UpperLayerContext) {
        recorder.layer("icmp")
        guard recorder.addHeader(common, base: offset, end: end, protocolName: "ICMP") else { return }
        let message = Array(recorder.bytes[offset..<end])
        let status: UInt64 = context.truncated || context.invoking ? 2 : InternetChecksum.checksum(message) == 0 ? 1 : 0
        recorder.add(checksumStatus, .uint(status), offset: offset + 2, length: 0)
        if status == 0 {
            recorder.expert("icmp.checksum_bad.expert", .checksum, .error, "Bad checksum", offset: offset + 2)
        }
        let quotesPacket = (message[0] == destinationUnreachable && message[1] != fragmentationNeeded) || message[0] == timeExceeded
        if quotesPacket, !context.invoking {
            // RFC 792: four unused octets, then the internet header and 64 bits of the
            // datagram that caused the error; one level of quoting is decoded.
            guard recorder.addHeader(unusedLayout, base: offset, end: end, protocolName: "ICMP") else { return }
            if offset + echoLength < end {
                _ = IPv4.dissect(&recorder, at: offset + echoLength, end: end, invoking: true)
            }
            return
        }
        guard message[0] == echoRequest || message[0] == echoReply else {
            recorder.addData(from: offset + commonLength, to: end)
            return
        }
        guard recorder.addHeader(echo, base: offset, end: end, protocolName: "ICMP echo") else { return }
        recorder.addData(from: offset + echoLength, to: end)
    }

    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        let probe = try LayerFields(spec, at: index, length: 0, allowed: settable)
        guard case .uint(let rawType)? = try probe.given(type) else {
            throw probe.failure(type.abbrev, "is required: it selects the message body")
        }
        let isEcho = rawType == UInt64(echoRequest) || rawType == UInt64(echoReply)
        let layout = isEcho ? common + echo : common
        var fields = try LayerFields(spec, at: index, length: isEcho ? echoLength : commonLength, allowed: layout.map(\.abbrev))
        try fields.applyGiven(layout)
        var message = fields.header + payload
        if !fields.isGiven(checksum.abbrev) {
            let sum = InternetChecksum.checksum(message)
            message[2] = UInt8(sum >> 8)
            message[3] = UInt8(sum & 0xff)
        }
        return message
    }
}
