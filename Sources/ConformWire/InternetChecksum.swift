/// The Internet checksum (RFC 1071) and its IPv6 pseudo-header form (RFC 8200 §8.1).
public enum InternetChecksum {
    /// The one's-complement sum of `bytes` as 16-bit big-endian words, added to `initial`
    /// and not yet folded; an odd trailing byte is padded with zero (RFC 1071 §4.1).
    public static func sum(_ bytes: [UInt8], initial: UInt64 = 0) -> UInt64 {
        var total = initial
        var index = 0
        while index + 1 < bytes.count {
            total += UInt64(bytes[index]) << 8 | UInt64(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { total += UInt64(bytes[index]) << 8 }
        return total
    }

    /// Folds a running sum to 16 bits and complements it.
    public static func finish(_ sum: UInt64) -> UInt16 {
        var folded = sum
        while folded >> 16 != 0 { folded = (folded & 0xffff) + (folded >> 16) }
        return ~UInt16(folded)
    }

    /// The RFC 1071 checksum of `bytes`. Over data that already holds a correct checksum
    /// the result is 0.
    public static func checksum(_ bytes: [UInt8]) -> UInt16 {
        finish(sum(bytes))
    }

    /// The sum of the IPv6 pseudo-header: source, destination, upper-layer packet length
    /// and next header (RFC 8200 §8.1).
    public static func ipv6PseudoHeaderSum(source: IPv6Address, destination: IPv6Address,
                                           upperLayerLength: Int, nextHeader: UInt8) -> UInt64 {
        let length = UInt32(truncatingIfNeeded: upperLayerLength)
        let tail: [UInt8] = [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff),
                             UInt8(length & 0xff), 0, 0, 0, nextHeader]
        return sum(source.bytes + destination.bytes + tail)
    }

    /// The checksum of an upper-layer packet carried over IPv6 (ICMPv6, UDP, TCP), computed
    /// over the pseudo-header and `upperLayer`. Over a packet that already holds a correct
    /// checksum the result is 0.
    public static func ipv6(source: IPv6Address, destination: IPv6Address, nextHeader: UInt8,
                            upperLayer: [UInt8]) -> UInt16 {
        let pseudo = ipv6PseudoHeaderSum(source: source, destination: destination,
                                         upperLayerLength: upperLayer.count, nextHeader: nextHeader)
        return finish(sum(upperLayer, initial: pseudo))
    }

    /// The checksum of an upper-layer packet carried over IPv4 (UDP, TCP), computed over
    /// the RFC 768 pseudo-header (source, destination, zero, protocol, length) and `upperLayer`.
    public static func ipv4(source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8,
                            upperLayer: [UInt8]) -> UInt16 {
        let length = UInt16(truncatingIfNeeded: upperLayer.count)
        let pseudo = sum(source.bytes + destination.bytes + [0, protocolNumber, UInt8(length >> 8), UInt8(length & 0xff)])
        return finish(sum(upperLayer, initial: pseudo))
    }
}
