/// Splits an IPv6 packet the host originates into fragments that fit a path MTU
/// (RFC 8200 §4.5). The host's packets carry no extension headers, so the unfragmentable part
/// is the 40-octet fixed header.
enum Fragmenter {
    static let fragmentNextHeader: UInt8 = 44

    /// The fragments of `packet`, or the packet itself when it fits `mtu`.
    static func fragments(of packet: [UInt8], mtu: Int, identification: UInt32) -> [[UInt8]] {
        guard packet.count > mtu, packet.count > 40 else { return [packet] }
        let header = Array(packet.prefix(40)), payload = Array(packet.dropFirst(40))
        // Every fragment but the last carries a multiple of 8 octets.
        let chunk = max(8, (mtu - 40 - 8) / 8 * 8)
        return stride(from: 0, to: payload.count, by: chunk).map { offset in
            let data = payload[offset..<min(payload.count, offset + chunk)]
            let more: UInt16 = offset + chunk < payload.count ? 1 : 0
            let offsetField = UInt16(offset / 8) << 3 | more
            var fragment = header
            let length = 8 + data.count
            fragment[4] = UInt8(length >> 8)
            fragment[5] = UInt8(length & 0xff)
            fragment[6] = fragmentNextHeader
            fragment += [header[6], 0, UInt8(offsetField >> 8), UInt8(offsetField & 0xff),
                         UInt8(identification >> 24), UInt8(identification >> 16 & 0xff),
                         UInt8(identification >> 8 & 0xff), UInt8(identification & 0xff)]
            return fragment + data
        }
    }
}
