import ConformTime
import ConformWire

/// What the neighbor cache asks its interface to put on the link.
protocol NeighborCacheLink: AnyObject {
    /// Sends a packet to a resolved neighbor.
    func transmit(_ packet: OutboundPacket, to linkAddress: MACAddress)
    /// Sends a Neighbor Solicitation for `target`: multicast to its solicited-node group with
    /// a Source Link-Layer Address option when `linkAddress` is nil (resolution, §7.2.2),
    /// else unicast to that address (a NUD probe, §7.3.3).
    func solicit(_ target: IPv6Address, from source: IPv6Address, to linkAddress: MACAddress?)
}

/// The neighbor cache of one interface and the state machine of RFC 4861 §7.3.3, with address
/// resolution (§7.2.2) and Neighbor Unreachability Detection, on the harness clock.
///
/// Each entry holds at most one timer; every state change cancels it first.
final class NeighborCache {
    struct Entry {
        var state: NeighborState
        var linkAddress: MACAddress?
        var isRouter = false
        /// Packets waiting for resolution, oldest first.
        var queue: [OutboundPacket] = []
        /// Solicitations sent in the current INCOMPLETE or PROBE round.
        var solicitations = 0
        /// The source for solicitations: that of the packet which prompted them (§7.2.2).
        var solicitationSource: IPv6Address
        var timer: ScheduledEventID?
    }

    /// How many packets wait per INCOMPLETE entry; a new arrival replaces the oldest (§7.2.2).
    static let queueLimit = 3

    private let clock: any HarnessClock
    private var parameters: NeighborDiscoveryParameters
    private unowned let link: any NeighborCacheLink
    /// A fault of the host that changes how the cache reacts to solicitations and advertisements.
    private let fault: IPv6HostFault?
    /// Looked up by address only; never iterated, so its order never reaches an output.
    private var entries: [IPv6Address: Entry] = [:]

    init(clock: any HarnessClock, parameters: NeighborDiscoveryParameters, link: any NeighborCacheLink,
         fault: IPv6HostFault? = nil) {
        self.clock = clock
        self.parameters = parameters
        self.link = link
        self.fault = fault
    }

    /// A Router Advertisement's RetransTimer (RFC 4861 §6.3.4), for the solicitations to come.
    func adopt(retransTimer: TimeAmount) { parameters.retransTimer = retransTimer }

    /// The entry for `address`, if any.
    func entry(for address: IPv6Address) -> Entry? { entries[address] }

    /// Sends a unicast packet to its on-link destination, resolving the address first when
    /// the cache has no entry for it.
    func send(_ packet: OutboundPacket) {
        let neighbor = packet.destination
        guard var entry = entries[neighbor] else {
            entries[neighbor] = Entry(state: .incomplete, queue: [packet], solicitationSource: packet.source)
            solicitAgain(neighbor)
            return
        }
        switch entry.state {
        case .incomplete:
            if entry.queue.count >= Self.queueLimit { entry.queue.removeFirst() }
            entry.queue.append(packet)
            entries[neighbor] = entry
        case .stale:
            // The first packet to a STALE neighbor starts the DELAY state (§7.3.3).
            entry.solicitationSource = packet.source
            entries[neighbor] = entry
            enter(.delay, neighbor, after: fault == .probesWithoutDelay ? .zero : parameters.delayFirstProbeTime)
            transmit(packet, via: entry)
        case .reachable, .delay, .probe:
            transmit(packet, via: entry)
        }
    }

    /// A valid Neighbor Solicitation from `neighbor` carried its link-layer address (§7.2.3):
    /// create a STALE entry, or update one whose address differs.
    func solicitationReceived(from neighbor: IPv6Address, linkAddress: MACAddress) {
        guard var entry = entries[neighbor] else {
            entries[neighbor] = Entry(state: .stale, linkAddress: linkAddress, solicitationSource: neighbor)
            return
        }
        guard entry.linkAddress != linkAddress else {
            if fault == .nsSameLinkAddressResetsToStale { enter(.stale, neighbor) }
            return
        }
        // An INCOMPLETE entry has no address yet: the solicitation completes its resolution.
        let ignored = entry.state == .incomplete ? fault == .nsLeavesResolutionIncomplete : fault == .nsNewLinkAddressIgnored
        guard !ignored else { return }
        entry.linkAddress = linkAddress
        entries[neighbor] = entry
        enter(.stale, neighbor)
        flushQueue(neighbor)
    }

    /// A valid Neighbor Advertisement for `target` (§7.2.5).
    /// - Parameter linkSource: the Ethernet source of the advertisement, which only the
    ///   `na-without-tlla-accepted` fault uses in place of a missing TLLA.
    func advertisementReceived(target: IPv6Address, linkAddress: MACAddress?, solicited: Bool, override: Bool,
                               router: Bool, linkSource: MACAddress? = nil) {
        guard var entry = entries[target] else { return }
        if entry.state == .incomplete {
            // The link has addresses, so an advertisement without a TLLA cannot complete resolution.
            guard let linkAddress = linkAddress ?? (fault == .advertisementWithoutTLLAAccepted ? linkSource : nil) else { return }
            entry.linkAddress = linkAddress
            entry.isRouter = router
            entries[target] = entry
            if solicited || fault == .unsolicitedNAMakesReachable {
                enter(.reachable, target, after: parameters.reachableTime)
            } else {
                enter(.stale, target)
            }
            flushQueue(target)
            return
        }
        let differs = linkAddress != nil && linkAddress != entry.linkAddress
        let overrides = fault == .overrideFlagIgnored ? true : fault == .overrideNeverUpdates ? false : override
        if !overrides && differs {
            // Keep the cached address; only a REACHABLE entry loses its confidence.
            if entry.state == .reachable { enter(.stale, target) }
            return
        }
        if let linkAddress { entry.linkAddress = linkAddress }
        entry.isRouter = router
        entries[target] = entry
        if solicited {
            enter(.reachable, target, after: parameters.reachableTime)
        } else if differs {
            enter(.stale, target)
        }
    }

    /// Moves an entry to `state`, replacing its timer with one `after` from now if given.
    private func enter(_ state: NeighborState, _ neighbor: IPv6Address, after delay: TimeAmount? = nil) {
        guard var entry = entries[neighbor] else { return }
        if let timer = entry.timer { clock.cancel(timer) }
        entry.state = state
        entry.solicitations = 0
        entry.timer = delay.map { delay in clock.schedule(after: delay) { [weak self] in self?.timerFired(neighbor) } }
        entries[neighbor] = entry
    }

    private func timerFired(_ neighbor: IPv6Address) {
        guard var entry = entries[neighbor] else { return }
        entry.timer = nil
        entries[neighbor] = entry
        switch entry.state {
        case .reachable:
            enter(.stale, neighbor)
        case .delay:
            enter(.probe, neighbor)
            solicitAgain(neighbor)
        case .incomplete, .probe:
            solicitAgain(neighbor)
        case .stale:
            break
        }
    }

    /// Sends the next solicitation of an INCOMPLETE or PROBE round, or, once the round's
    /// limit is reached and RetransTimer has passed since the last one, gives the neighbor up:
    /// the entry and its queued packets are dropped (§7.2.2, §7.3.3).
    private func solicitAgain(_ neighbor: IPv6Address) {
        guard var entry = entries[neighbor] else { return }
        let probing = entry.state == .probe
        let limit = probing ? (fault == .tenProbes ? 10 : parameters.maxUnicastSolicit)
            : (fault == .resolutionSolicitsFiveTimes ? 5 : parameters.maxMulticastSolicit)
        guard entry.solicitations < limit else {
            entries[neighbor] = nil
            return
        }
        entry.solicitations += 1
        let spacing = !probing && fault == .resolutionRetransmitsEarly
            ? TimeAmount(ns: parameters.retransTimer.ns / 2) : parameters.retransTimer
        entry.timer = clock.schedule(after: spacing) { [weak self] in self?.timerFired(neighbor) }
        entries[neighbor] = entry
        link.solicit(neighbor, from: entry.solicitationSource, to: probing ? entry.linkAddress : nil)
    }

    /// Sends the packets that waited for resolution, in order, through the normal path.
    private func flushQueue(_ neighbor: IPv6Address) {
        guard var entry = entries[neighbor], !entry.queue.isEmpty else { return }
        let queued = entry.queue
        entry.queue = []
        entries[neighbor] = entry
        for packet in queued { send(packet) }
    }

    private func transmit(_ packet: OutboundPacket, via entry: Entry) {
        guard let linkAddress = entry.linkAddress else { return }
        link.transmit(packet, to: linkAddress)
    }
}
