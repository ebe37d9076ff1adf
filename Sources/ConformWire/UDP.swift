/// The User Datagram Protocol (RFC 768), over IPv6 (RFC 8200 §8.1) or IPv4.
///
/// ```
///  0               2               4               6               8
/// +---------------+---------------+---------------+---------------+---------
/// | source port   | dest. port    | length        | checksum      | data ...
/// +---------------+---------------+---------------+---------------+---------
/// ```
enum UDP {
    static let sourcePort = FieldDescriptor("udp.srcport", "Source Port", .uint16, base: .dec)
    static let destinationPort = FieldDescriptor("udp.dstport", "Destination Port", .uint16, base: .dec)
    /// Either port: Wireshark adds it once for each, so a filter on it matches both.
    static let port = FieldDescriptor("udp.port", "Source or Destination Port", .uint16, base: .dec)
    static let length = FieldDescriptor("udp.length", "Length", .uint16, base: .dec)
    static let checksum = FieldDescriptor("udp.checksum", "Checksum", .uint16, base: .hex)
    /// As Wireshark: 0 bad, 1 good, 2 unverified, 3 not present (zero over IPv4), 4 illegal (zero over IPv6).
    static let checksumStatus = FieldDescriptor("udp.checksum.status", "Checksum Status", .uint8, base: .none)

    static let fields: [FieldDescriptor] = [sourcePort, destinationPort, port, length, checksum, checksumStatus]

    static let sourcePortField = HeaderField(sourcePort, at: 0, width: 2)
    static let destinationPortField = HeaderField(destinationPort, at: 2, width: 2)
    static let lengthField = HeaderField(length, at: 4, width: 2)
    static let checksumField = HeaderField(checksum, at: 6, width: 2)
    static let header: [HeaderField] = [sourcePortField, destinationPortField, lengthField, checksumField]
    static let headerLength = 8

    static let settable: [String] = header.map(\.abbrev)

    static let portsLayout: [HeaderField] = [sourcePortField, destinationPortField]
    static let lengthAndChecksumLayout: [HeaderField] = [lengthField, checksumField]

    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int, context: UpperLayerContext) {
        recorder.layer("udp")
        guard offset + headerLength <= end else {
            recorder.addHeader(header, base: offset, end: end, protocolName: "UDP")
            return
        }
        let bytes = recorder.bytes
        recorder.addHeader(portsLayout, base: offset, end: end, protocolName: "UDP")
        recorder.add(port, .uint(UInt64(bytes[offset]) << 8 | UInt64(bytes[offset + 1])), offset: offset, length: 2)
        recorder.add(port, .uint(UInt64(bytes[offset + 2]) << 8 | UInt64(bytes[offset + 3])), offset: offset + 2, length: 2)
        recorder.addHeader(lengthAndChecksumLayout, base: offset, end: end, protocolName: "UDP")
        let claimed = Int(bytes[offset + 4]) << 8 | Int(bytes[offset + 5])
        var datagramEnd = end
        var lengthIsValid = true
        if claimed < headerLength || claimed > end - offset {
            lengthIsValid = false
            recorder.expert("udp.length.bad", .malformed, .error,
                            "Bad length value \(claimed) for \(end - offset) bytes of IP payload", offset: offset + 4)
        } else {
            datagramEnd = offset + claimed
        }
        let sum = Int(bytes[offset + 6]) << 8 | Int(bytes[offset + 7])
        var status: UInt64
        if sum == 0, case .ipv4 = context.addresses {
            status = 3
        } else if sum == 0, case .ipv6 = context.addresses {
            // RFC 8200 §8.1: a zero UDP checksum over IPv6 must be discarded.
            status = 4
            recorder.expert("udp.checksum.zero", .checksum, .error, "Illegal checksum value (0)", offset: offset + 6)
        } else if !lengthIsValid {
            status = 2
        } else {
            status = context.checksumStatus(protocolNumber: .udp, upperLayer: bytes, in: offset..<datagramEnd)
        }
        recorder.add(checksumStatus, .uint(status), offset: offset + 6, length: 0)
        if status == 0 {
            recorder.expert("udp.checksum.bad", .checksum, .error, "Bad checksum", offset: offset + 6)
        }
        recorder.addData(from: offset + headerLength, to: datagramEnd)
    }

    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8], context: UpperLayerContext) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        guard headerLength + payload.count <= 0xffff || fields.isGiven(length.abbrev) else {
            throw fields.failure(length.abbrev, "datagram of \(headerLength + payload.count) bytes exceeds 65535")
        }
        try fields.setDefault(lengthField, .uint(UInt64(headerLength + payload.count)))
        try fields.applyGiven(header)
        var datagram = fields.header + payload
        if !fields.isGiven(checksum.abbrev) {
            guard let sum = context.checksum(protocolNumber: .udp, upperLayer: datagram) else {
                throw fields.failure(checksum.abbrev, "needs an enclosing ipv6 or ip layer for its pseudo-header; give it explicitly")
            }
            // RFC 768: a computed zero is sent as all ones; zero means "no checksum".
            let wire = sum == 0 ? 0xffff : sum
            datagram[6] = UInt8(wire >> 8)
            datagram[7] = UInt8(wire & 0xff)
        }
        return datagram
    }
}
