/// The Internet checksum (RFC 1071) and its IPv6 pseudo-header form (RFC 8200 §8.1).
public enum InternetChecksum {
    /// The one's-complement sum of `bytes` as 16-bit big-endian words, added to `initial`
    /// and not yet folded; an odd trailing byte is padded with zero (RFC 1071 §4.1).
    public static func sum(_ bytes: [UInt8], initial: UInt64 = 0) -> UInt64 {
        sum(bytes, in: 0..<bytes.count, initial: initial)
    }

    /// As ``sum(_:initial:)`` over `bytes[range]`, without copying them.
    static func sum(_ bytes: [UInt8], in range: Range<Int>, initial: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBufferPointer { buffer in
            var total = initial
            var index = range.lowerBound
            while index + 1 < range.upperBound {
                total += UInt64(buffer[index]) << 8 | UInt64(buffer[index + 1])
                index += 2
            }
            if index < range.upperBound { total += UInt64(buffer[index]) << 8 }
            return total
        }
    }

    /// The sum of the four 16-bit words of `word`.
    private static func sum(words word: UInt64) -> UInt64 {
        (word >> 48) + (word >> 32 & 0xffff) + (word >> 16 & 0xffff) + (word & 0xffff)
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
        let length = UInt64(UInt32(truncatingIfNeeded: upperLayerLength))
        return sum(words: source.high) + sum(words: source.low) + sum(words: destination.high) + sum(words: destination.low)
            + (length >> 16) + (length & 0xffff) + UInt64(nextHeader)
    }

    /// The checksum of an upper-layer packet carried over IPv6 (ICMPv6, UDP, TCP), computed
    /// over the pseudo-header and `upperLayer`. Over a packet that already holds a correct
    /// checksum the result is 0.
    public static func ipv6(source: IPv6Address, destination: IPv6Address, nextHeader: UInt8,
                            upperLayer: [UInt8]) -> UInt16 {
        ipv6(source: source, destination: destination, nextHeader: nextHeader, upperLayer: upperLayer, in: 0..<upperLayer.count)
    }

    /// As ``ipv6(source:destination:nextHeader:upperLayer:)`` over `bytes[range]`.
    static func ipv6(source: IPv6Address, destination: IPv6Address, nextHeader: UInt8,
                     upperLayer bytes: [UInt8], in range: Range<Int>) -> UInt16 {
        let pseudo = ipv6PseudoHeaderSum(source: source, destination: destination,
                                         upperLayerLength: range.count, nextHeader: nextHeader)
        return finish(sum(bytes, in: range, initial: pseudo))
    }

    /// The checksum of an upper-layer packet carried over IPv4 (UDP, TCP), computed over
    /// the RFC 768 pseudo-header (source, destination, zero, protocol, length) and `upperLayer`.
    public static func ipv4(source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8,
                            upperLayer: [UInt8]) -> UInt16 {
        ipv4(source: source, destination: destination, protocolNumber: protocolNumber, upperLayer: upperLayer, in: 0..<upperLayer.count)
    }

    /// As ``ipv4(source:destination:protocolNumber:upperLayer:)`` over `bytes[range]`.
    static func ipv4(source: IPv4Address, destination: IPv4Address, protocolNumber: UInt8,
                     upperLayer bytes: [UInt8], in range: Range<Int>) -> UInt16 {
        let length = UInt64(UInt16(truncatingIfNeeded: range.count))
        let pseudo = sum(source.bytes) + sum(destination.bytes) + UInt64(protocolNumber) + length
        return finish(sum(bytes, in: range, initial: pseudo))
    }
}
