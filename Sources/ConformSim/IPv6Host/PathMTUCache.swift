import ConformWire

/// The host's Path MTU estimates per destination (RFC 8201 §4), starting at the link MTU.
struct PathMTUCache {
    /// The IPv6 minimum link MTU (RFC 8200 §5).
    static let minimum = 1280
    /// Ethernet (RFC 2464 §2).
    static let ethernet = 1500

    let linkMTU: Int
    /// Looked up by destination only; never iterated.
    private var estimates: [IPv6Address: Int] = [:]

    init(linkMTU: Int = Self.ethernet) { self.linkMTU = linkMTU }

    func mtu(towards destination: IPv6Address) -> Int { estimates[destination] ?? linkMTU }

    /// A Packet Too Big about a packet sent to `destination` reported `reported` octets.
    /// RFC 8201 §4: one reporting less than the minimum link MTU is discarded (the estimate is
    /// neither lowered below 1280 nor clamped to it, as RFC 1981 once had it), and the
    /// estimate never grows from a Packet Too Big.
    /// - Parameter fault: `pmtu-below-minimum`, `pmtu-clamped-to-minimum` and
    ///   `pmtu-increased-by-ptb` break one rule each.
    mutating func packetTooBig(towards destination: IPv6Address, reported: Int, fault: IPv6HostFault?) {
        let proposed: Int
        switch fault {
        case .pathMTUBelowMinimum: proposed = reported
        case .pathMTUClampedToMinimum: proposed = max(Self.minimum, reported)
        default:
            guard reported >= Self.minimum else { return }
            proposed = reported
        }
        let current = mtu(towards: destination)
        guard proposed < current || fault == .pathMTUIncreasedByPacketTooBig else { return }
        estimates[destination] = proposed
    }
}
