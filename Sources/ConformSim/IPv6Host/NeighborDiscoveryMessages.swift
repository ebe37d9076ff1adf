import ConformWire

/// A Neighbor Solicitation that passed the validity checks of RFC 4861 §7.1.1.
struct NeighborSolicitation {
    let target: IPv6Address
    let sourceLinkAddress: MACAddress?

    /// - Parameter skipped: a check a fault leaves out; nil for a conforming host.
    init?(_ packet: ReceivedPacket, skipping skipped: NDValidityCheck? = nil) {
        guard packet.icmpType == 135, packet.passesCommonNDChecks(skipping: skipped, minimumLength: 24),
              let target = packet.address("icmpv6.nd.ns.target_address"),
              skipped == .unicastTarget || !target.isMulticast else { return nil }
        let sourceLinkAddress = packet.linkAddressOption(1)
        // A DAD probe (source ::) goes to a solicited-node group and carries no SLLA.
        if packet.source.isUnspecified {
            guard packet.destination.isSolicitedNode, sourceLinkAddress == nil else { return nil }
        }
        self.target = target
        self.sourceLinkAddress = sourceLinkAddress
    }
}

/// A Neighbor Advertisement that passed the validity checks of RFC 4861 §7.1.2.
struct NeighborAdvertisement {
    let target: IPv6Address
    let targetLinkAddress: MACAddress?
    let router: Bool
    let solicited: Bool
    let override: Bool

    /// - Parameter skipped: a check a fault leaves out; nil for a conforming host.
    init?(_ packet: ReceivedPacket, skipping skipped: NDValidityCheck? = nil) {
        guard packet.icmpType == 136, packet.passesCommonNDChecks(skipping: skipped, minimumLength: 24),
              let target = packet.address("icmpv6.nd.na.target_address"), !target.isMulticast else { return nil }
        let solicited = packet.flag("icmpv6.nd.na.flag.s")
        // A solicited advertisement answers one node, so it is never multicast.
        guard skipped == .solicitedNotMulticast || !(packet.destination.isMulticast && solicited) else { return nil }
        self.target = target
        self.targetLinkAddress = packet.linkAddressOption(2)
        self.router = packet.flag("icmpv6.nd.na.flag.r")
        self.solicited = solicited
        self.override = packet.flag("icmpv6.nd.na.flag.o")
    }
}

/// A Router Advertisement that passed the validity checks of RFC 4861 §6.1.2; the
/// parameters a host adopts from it (§6.3.4), 0 meaning unspecified.
struct RouterAdvertisement {
    let curHopLimit: UInt64
    let retransTimer: UInt64

    /// - Parameter skipped: a check a fault leaves out; nil for a conforming host.
    init?(_ packet: ReceivedPacket, skipping skipped: NDValidityCheck? = nil) {
        guard packet.icmpType == 134, packet.passesCommonNDChecks(skipping: skipped, minimumLength: 16),
              skipped == .linkLocalSource || packet.source.isLinkLocal else { return nil }
        curHopLimit = packet.unsigned("icmpv6.nd.ra.cur_hop_limit") ?? 0
        retransTimer = packet.unsigned("icmpv6.nd.ra.retrans_timer") ?? 0
    }
}

extension ReceivedPacket {
    /// The checks §6.1.2, §7.1.1 and §7.1.2 share: hop limit 255 (so the sender is on the
    /// link), a valid checksum, code 0, the message's fixed length, and no option of length 0.
    fileprivate func passesCommonNDChecks(skipping skipped: NDValidityCheck?, minimumLength: Int) -> Bool {
        NDValidityCheck.allCases.allSatisfy { check in
            switch check {
            case _ where check == skipped: true
            case .hopLimit: hopLimit == 255
            case .checksum: checksumIsGood
            case .code: icmpCode == 0
            case .length: icmpLength >= minimumLength
            case .optionLength: options.allSatisfy { ($0.length ?? 0) > 0 }
            case .solicitedNotMulticast, .unicastTarget, .linkLocalSource: true
            }
        }
    }
}
