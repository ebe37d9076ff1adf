/// Domain names in DNS wire format (RFC 1035 §3.1) as the DNSSL option carries them
/// (RFC 8106 §5.2): each name a sequence of length-prefixed labels ending in a zero octet,
/// names back to back, then zero padding to the option's end.
enum DomainNameList {
    /// One name decoded from `bytes[start..<end]`.
    struct Name {
        /// Labels joined by dots, as Wireshark shows them.
        let text: String
        /// Octets the name takes, its terminating zero included.
        let length: Int
    }

    /// The name starting at `start`, or nil at padding (a zero octet) and for a name that
    /// is not whole before `end`: a label running past it, no terminating zero, or a
    /// compression pointer (not allowed in DNSSL, RFC 8106 §5.2). As Wireshark, decoding
    /// stops at the first name that cannot be read whole. A whole name takes at least two
    /// octets, so a caller advancing by its length always ends.
    static func name(in bytes: [UInt8], at start: Int, end: Int) -> Name? {
        guard start < end, bytes[start] != 0 else { return nil }
        var text: [UInt8] = []
        var cursor = start
        while cursor < end {
            let labelLength = Int(bytes[cursor])
            if labelLength == 0 {
                return Name(text: String(decoding: text, as: UTF8.self), length: cursor + 1 - start)
            }
            guard labelLength < 0x40, cursor + 1 + labelLength <= end else { return nil }
            if !text.isEmpty { text.append(UInt8(ascii: ".")) }
            text.append(contentsOf: bytes[(cursor + 1)..<(cursor + 1 + labelLength)])
            cursor += 1 + labelLength
        }
        return nil
    }

    /// The wire form of a dotted name: its labels (empty ones dropped), then a zero octet.
    /// - Returns: nil when a label is longer than 63 octets.
    static func encode(_ name: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for label in name.split(separator: ".", omittingEmptySubsequences: true) {
            let octets = Array(label.utf8)
            guard octets.count < 0x40 else { return nil }
            bytes.append(UInt8(octets.count))
            bytes += octets
        }
        return bytes + [0]
    }
}
