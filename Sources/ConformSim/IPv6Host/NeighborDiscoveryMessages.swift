import ConformWire

/// A Neighbor Solicitation that passed the validity checks of RFC 4861 §7.1.1.
struct NeighborSolicitation {
    let target: IPv6Address
    let sourceLinkAddress: MACAddress?

    /// - Parameter checkingHopLimit: false only for the `accepts-invalid-ns` fault.
    init?(_ packet: ReceivedPacket, checkingHopLimit: Bool = true) {
        guard packet.icmpType == 135, packet.passesCommonNDChecks(checkingHopLimit: checkingHopLimit),
              let target = packet.address("icmpv6.nd.ns.target_address"), !target.isMulticast else { return nil }
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

    init?(_ packet: ReceivedPacket) {
        guard packet.icmpType == 136, packet.passesCommonNDChecks(checkingHopLimit: true),
              let target = packet.address("icmpv6.nd.na.target_address"), !target.isMulticast else { return nil }
        let solicited = packet.flag("icmpv6.nd.na.flag.s")
        // A solicited advertisement answers one node, so it is never multicast.
        guard !(packet.destination.isMulticast && solicited) else { return nil }
        self.target = target
        self.targetLinkAddress = packet.linkAddressOption(2)
        self.router = packet.flag("icmpv6.nd.na.flag.r")
        self.solicited = solicited
        self.override = packet.flag("icmpv6.nd.na.flag.o")
    }
}

extension ReceivedPacket {
    /// The checks §7.1.1 and §7.1.2 share: hop limit 255 (so the sender is on the link),
    /// a valid checksum, code 0, at least 24 octets, and no option of length 0.
    fileprivate func passesCommonNDChecks(checkingHopLimit: Bool) -> Bool {
        (!checkingHopLimit || hopLimit == 255) && checksumIsGood && icmpCode == 0 && icmpLength >= 24
            && options.allSatisfy { ($0.length ?? 0) > 0 }
    }
}
