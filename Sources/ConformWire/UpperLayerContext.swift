/// What an upper-layer protocol needs from the IP header that carries it: the addresses of
/// its checksum pseudo-header, and whether its checksum can be verified at all.
struct UpperLayerContext: Sendable {
    enum Addresses: Sendable {
        case none
        case ipv6(source: IPv6Address, destination: IPv6Address)
        case ipv4(source: IPv4Address, destination: IPv4Address)
    }

    var addresses: Addresses = .none
    /// The packet was cut short, so its checksum covers bytes that are not there.
    var truncated = false
    /// Inside an ICMP error message: the invoking packet, usually cut short on purpose
    /// (RFC 4443 §2.4 (c)); Wireshark neither verifies its checksums nor flags its length.
    var invoking = false

    /// The checksum over the pseudo-header and `upperLayer`; nil without an IP header.
    /// Over a packet holding a correct checksum the result is 0.
    func checksum(protocolNumber: IPProtocol, upperLayer: [UInt8]) -> UInt16? {
        checksum(protocolNumber: protocolNumber, upperLayer: upperLayer, in: 0..<upperLayer.count)
    }

    /// As ``checksum(protocolNumber:upperLayer:)`` over `bytes[range]`, without copying them.
    func checksum(protocolNumber: IPProtocol, upperLayer bytes: [UInt8], in range: Range<Int>) -> UInt16? {
        switch addresses {
        case .none:
            return nil
        case .ipv6(let source, let destination):
            return InternetChecksum.ipv6(source: source, destination: destination,
                                        nextHeader: protocolNumber.rawValue, upperLayer: bytes, in: range)
        case .ipv4(let source, let destination):
            return InternetChecksum.ipv4(source: source, destination: destination,
                                        protocolNumber: protocolNumber.rawValue, upperLayer: bytes, in: range)
        }
    }

    /// Wireshark's checksum status for the received packet in `bytes[range]`: 0 bad,
    /// 1 good, 2 unverified.
    func checksumStatus(protocolNumber: IPProtocol, upperLayer bytes: [UInt8], in range: Range<Int>) -> UInt64 {
        guard !truncated, let sum = checksum(protocolNumber: protocolNumber, upperLayer: bytes, in: range) else { return 2 }
        return sum == 0 ? 1 : 0
    }
}
