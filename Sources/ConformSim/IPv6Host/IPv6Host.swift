import ConformCapture
import ConformTime
import ConformWire

/// The reference IPv6 host: answers Neighbor Solicitations for its addresses (RFC 4861),
/// resolves and tracks its neighbors with the §7.3.3 state machine on the harness clock,
/// and answers Echo Requests (RFC 4443 §4.2) as a real host would, resolving the requester
/// first. It checks the fixed header (RFC 8200 §3), walks the extension headers and their
/// options (§4), reassembles fragments (§4.5, RFC 5722) and sends Parameter Problems and
/// Time Exceeded within the limits of RFC 4443 §2.4. Built fresh for each case: addresses
/// configured, neighbor cache empty, and nothing sent unprompted (no DAD, no Router
/// Solicitation), so every run is deterministic.
///
/// An ``IPv6HostFault`` breaks exactly one of these behaviours.
public final class IPv6Host: DeviceSimulator {
    public let addresses: HostAddresses
    public let parameters: NeighborDiscoveryParameters
    public let fault: IPv6HostFault?
    /// One per link, in port-name order.
    private let interfaces: [HostInterface]
    /// Fragments waiting for reassembly, per port; looked up by name only.
    private var reassembly: [String: FragmentReassembly] = [:]
    /// The hop limit of the packets the host originates (RFC 4861 §6.3.2 CurHopLimit).
    private var curHopLimit = HostMessages.defaultHopLimit

    public init(environment: SimulatorEnvironment) throws(SimulatorError) {
        let addresses = try HostAddresses(attributes: environment.addresses)
        let parameters = try NeighborDiscoveryParameters(pixit: environment.parameters)
        guard !environment.links.isEmpty else { throw SimulatorError("ipv6-host needs at least one link") }
        self.addresses = addresses
        self.parameters = parameters
        let fault = try environment.fault.map { descriptor throws(SimulatorError) in try IPv6HostFault(descriptor) }
        self.fault = fault
        interfaces = environment.links.sorted { $0.key < $1.key }.map { port, link in
            HostInterface(port: port, link: link, addresses: addresses, clock: environment.clock, parameters: parameters,
                          fault: fault)
        }
        for interface in interfaces {
            reassembly[interface.port] = FragmentReassembly(clock: environment.clock, fault: fault) { [weak self, weak interface] first in
                guard let self, let interface else { return }
                self.reassemblyTimedOut(first, on: interface)
            }
            interface.onReceive { [weak self, weak interface] bytes in
                guard let self, let interface else { return }
                self.receive(bytes, on: interface)
            }
        }
    }

    /// The neighbor cache entry for `address` on the link of tester port `port`.
    public func neighbor(_ address: IPv6Address, on port: String) -> NeighborCacheEntry? {
        guard let entry = interfaces.first(where: { $0.port == port })?.neighbors.entry(for: address) else { return nil }
        return NeighborCacheEntry(state: entry.state, linkAddress: entry.linkAddress, isRouter: entry.isRouter,
                                  queuedPackets: entry.queue.count)
    }

    /// Frames the host meant to send but the codecs refused to build; empty unless a codec
    /// and the host disagree.
    public var transmitFailures: [String] { interfaces.flatMap(\.buildFailures) }

    /// The receive path: the Ethernet destination must be the host's MAC, broadcast or one of
    /// its groups' MACs, and the IPv6 destination one of its addresses or groups. The
    /// extension headers are processed in order (RFC 8200 §4) before the ICMPv6 message.
    private func receive(_ bytes: [UInt8], on interface: HostInterface) {
        guard let packet = ReceivedPacket(Dissector.dissect(bytes), frameLength: bytes.count),
              addresses.accepts(packet.ethernetDestination), accepts(packet.destination),
              headerIsAcceptable(packet) else { return }
        let chain = HeaderChain(packet: packet.ipv6Packet(in: bytes), destinationIsMulticast: packet.destination.isMulticast,
                                fault: fault)
        switch chain.walk() {
        case .deliver:
            break
        case .noNextHeader, .discard:
            return
        case .fragment(let headerOffset):
            let fragment = packet.ipv6Packet(in: bytes)
            if let whole = reassembly[interface.port]?.receive(fragment, fragmentHeaderAt: headerOffset, source: packet.source,
                                                               destination: packet.destination) {
                receive(Array(bytes.prefix(ReceivedPacket.ethernetHeaderLength)) + whole, on: interface)
            }
            return
        case .parameterProblem(let code, let pointer, let evenToMulticast):
            sendError(type: 4, code: code, pointer: pointer, about: packet, invoking: packet.ipv6Packet(in: bytes),
                      evenToMulticast: evenToMulticast, on: interface)
            return
        case .udp:
            // No UDP port is open on this host: port unreachable (RFC 4443 §3.1, code 4).
            guard fault != .portUnreachableSilent else { return }
            sendError(type: 1, code: 4, about: packet, invoking: packet.ipv6Packet(in: bytes), on: interface)
            return
        }
        switch packet.icmpType {
        case 135: solicitationReceived(packet, on: interface)
        case 136: advertisementReceived(packet, on: interface)
        case 128: echoRequestReceived(packet, on: interface)
        case 134: routerAdvertisementReceived(packet, on: interface)
        case 2: packetTooBigReceived(packet, on: interface)
        case let type? where type >= 128 && fault == .unknownInformationalAnswered:
            sendError(type: 4, code: 0, pointer: 40, about: packet, invoking: packet.ipv6Packet(in: bytes), on: interface)
        default:
            // RFC 4443 §2.4 (a), (b): errors of unknown type go to the upper layer (this host
            // has none that cares); informational messages of unknown type are discarded.
            break
        }
    }

    /// RFC 8200 §3: version 6 only; the hop limit matters to forwarding nodes, not to the
    /// destination; Traffic Class (§7) and Flow Label (§6) never make a packet unacceptable.
    private func headerIsAcceptable(_ packet: ReceivedPacket) -> Bool {
        switch fault {
        case .hopLimitZeroDropped? where packet.hopLimit == 0: false
        case .trafficClassDropped? where packet.trafficClass != 0: false
        case .flowLabelDropped? where packet.flowLabel != 0: false
        default: packet.version == 6 || fault == .versionUnchecked
        }
    }

    /// Whether the host takes a packet sent to `destination`. The unspecified address
    /// (RFC 4291 §2.5.2) and the loopback address (§2.5.3) are never valid destinations on
    /// the link.
    private func accepts(_ destination: IPv6Address) -> Bool {
        if destination.isUnspecified { return fault == .acceptsUnspecifiedDestination }
        if destination.isLoopback { return fault == .acceptsLoopbackDestination }
        return addresses.accepts(destination)
    }

    /// RFC 4443 §2.4 (e): no error message about an error message, about a packet sent to a
    /// multicast group (IPv6 or link layer) unless the error is one of the exceptions, or
    /// about a packet whose source does not identify a single node.
    /// - Parameter evenToMulticast: the error is one of the exceptions of (e.3).
    private func sendError(type: UInt64, code: UInt64, pointer: Int? = nil, about packet: ReceivedPacket,
                           invoking: [UInt8], evenToMulticast: Bool = false, on interface: HostInterface) {
        let multicast = packet.destination.isMulticast || packet.ethernetDestination.isMulticast
        guard !packet.source.isUnspecified, !packet.source.isMulticast || fault == .errorToMulticastSource,
              (packet.icmpType ?? 128) >= 128 || fault == .errorAboutError,
              !multicast || evenToMulticast || fault == .errorForMulticastPacket else { return }
        interface.send(HostMessages.error(type: type, code: code, pointer: pointer, source: replySource(for: packet),
                                          destination: packet.source, invoking: invoking, hopLimit: curHopLimit))
    }

    /// RFC 8200 §4.5: a Time Exceeded, code 1, with the fragment of offset 0, to its source.
    private func reassemblyTimedOut(_ first: [UInt8], on interface: HostInterface) {
        guard first.count >= 40 else { return }
        let source = IPv6Address(Array(first[8..<24])), destination = IPv6Address(Array(first[24..<40]))
        guard !source.isMulticast, !source.isUnspecified else { return }
        let from = addresses.unicast.contains(destination) ? destination : addresses.source(towards: source)
        interface.send(HostMessages.error(type: 3, code: 1, source: from, destination: source, invoking: first,
                                          hopLimit: curHopLimit))
    }

    /// The source of an answer: the address the packet was sent to when it is one of the
    /// host's, else the host's address of the matching scope (RFC 4443 §2.2).
    private func replySource(for packet: ReceivedPacket) -> IPv6Address {
        if addresses.unicast.contains(packet.destination) {
            if fault == .echoGlobalFromLinkLocal, packet.destination == addresses.global { return addresses.linkLocal }
            return packet.destination
        }
        return addresses.source(towards: packet.source)
    }

    /// RFC 4861 §7.2.3 and §7.2.4.
    private func solicitationReceived(_ packet: ReceivedPacket, on interface: HostInterface) {
        guard let solicitation = NeighborSolicitation(packet, skipping: .skippedInSolicitations(by: fault)),
              addresses.unicast.contains(solicitation.target)
                || (fault == .nsMulticastTargetAnswered && addresses.groups.contains(solicitation.target)) else { return }
        let fromDAD = packet.source.isUnspecified
        if !fromDAD, let linkAddress = solicitation.sourceLinkAddress {
            interface.neighbors.solicitationReceived(from: packet.source, linkAddress: linkAddress)
        }
        guard fault != .noNAReply else { return }
        // To the soliciting node with S=1, or to all-nodes with S=0 when it is still doing DAD;
        // the TLLA is included when the solicitation was multicast.
        let advertisement = HostMessages.neighborAdvertisement(
            source: solicitation.target, destination: fromDAD ? .allNodes : packet.source,
            target: solicitation.target, solicited: fromDAD ? fault == .dadAnswerSolicited : fault != .naWithoutSolicitedFlag, override: true,
            targetLinkAddress: packet.destination.isMulticast ? addresses.mac : nil,
            hopLimit: fault == .naHopLimit64 ? 64 : HostMessages.neighborDiscoveryHopLimit)
        interface.send(advertisement)
    }

    /// RFC 4861 §7.2.5. An advertisement for one of the host's own addresses reports a
    /// duplicate (RFC 4862 §5.4.4), which this host, having no DAD, does not act on.
    private func advertisementReceived(_ packet: ReceivedPacket, on interface: HostInterface) {
        guard let advertisement = NeighborAdvertisement(packet, skipping: .skippedInAdvertisements(by: fault)),
              !addresses.unicast.contains(advertisement.target) else { return }
        interface.neighbors.advertisementReceived(target: advertisement.target, linkAddress: advertisement.targetLinkAddress,
                                                  solicited: advertisement.solicited, override: advertisement.override,
                                                  router: advertisement.router, linkSource: packet.ethernetSource)
    }

    /// RFC 8201 §4: a Packet Too Big about a packet this host sent lowers the path MTU
    /// towards that packet's destination.
    private func packetTooBigReceived(_ packet: ReceivedPacket, on interface: HostInterface) {
        let sources = packet.dissection.values("ipv6.src"), destinations = packet.dissection.values("ipv6.dst")
        guard fault != .packetTooBigIgnored, packet.checksumIsGood, sources.count > 1, destinations.count > 1,
              case .ipv6(let source) = sources[1], addresses.unicast.contains(source),
              case .ipv6(let destination) = destinations[1],
              let mtu = packet.unsigned("icmpv6.mtu") else { return }
        interface.pathMTU.packetTooBig(towards: destination, reported: Int(clamping: mtu), fault: fault)
    }

    /// RFC 4861 §6.3.4: a valid advertisement's non-zero CurHopLimit and RetransTimer are
    /// adopted. (The host keeps no default router list: it sends nothing off the link.)
    private func routerAdvertisementReceived(_ packet: ReceivedPacket, on interface: HostInterface) {
        guard let advertisement = RouterAdvertisement(packet, skipping: .skippedInRouterAdvertisements(by: fault)) else { return }
        if advertisement.curHopLimit != 0, fault != .raCurHopLimitIgnored { curHopLimit = advertisement.curHopLimit }
        if advertisement.retransTimer != 0, fault != .raRetransTimerIgnored {
            let retransTimer = TimeAmount.milliseconds(Int64(advertisement.retransTimer))
            interface.neighbors.adopt(retransTimer: retransTimer)
        }
    }

    /// RFC 4443 §4.2: same identifier, sequence number and data; from the address the request
    /// was sent to, or for a multicast request from a unicast address of the interface.
    private func echoRequestReceived(_ packet: ReceivedPacket, on interface: HostInterface) {
        guard packet.checksumIsGood, !packet.source.isMulticast, !packet.source.isUnspecified,
              let identifier = packet.unsigned("icmpv6.echo.identifier"),
              let sequenceNumber = packet.unsigned("icmpv6.echo.sequence_number") else { return }
        var data: [UInt8] = []
        if case .bytes(let payload)? = packet.dissection.first("data.data") { data = payload }
        let reply = HostMessages.echoReply(
            source: replySource(for: packet),
            destination: packet.source,
            identifier: fault == .echoWrongIdentifier ? (identifier + 1) & 0xffff : identifier,
            sequenceNumber: sequenceNumber, data: data, hopLimit: curHopLimit)
        if fault == .echoNoResolution, interface.neighbors.entry(for: packet.source) == nil {
            interface.transmit(reply, to: packet.ethernetSource)
        } else {
            interface.send(reply)
        }
    }
}
