import ConformTime
import ConformWire
import Testing
@testable import ConformSim

/// Records what the cache puts on the link, with the virtual time it did so.
private final class RecordingLink: NeighborCacheLink {
    enum Event: Equatable {
        case transmit(destination: IPv6Address, to: MACAddress, at: Int64)
        case solicit(target: IPv6Address, from: IPv6Address, unicast: MACAddress?, at: Int64)
    }

    let clock: VirtualScheduler
    var events: [Event] = []

    init(clock: VirtualScheduler) { self.clock = clock }

    func transmit(_ packet: OutboundPacket, to linkAddress: MACAddress) {
        events.append(.transmit(destination: packet.destination, to: linkAddress, at: clock.now().ns))
    }

    func solicit(_ target: IPv6Address, from source: IPv6Address, to linkAddress: MACAddress?) {
        events.append(.solicit(target: target, from: source, unicast: linkAddress, at: clock.now().ns))
    }

    var solicitations: [Event] { events.filter { if case .solicit = $0 { true } else { false } } }
    var transmissions: [Event] { events.filter { if case .transmit = $0 { true } else { false } } }
}

private let own = IPv6Address(text: "fe80::1")!
private let peer = IPv6Address(text: "fe80::2")!
private let peerMAC = MACAddress(text: "02:00:00:00:00:02")!
private let otherMAC = MACAddress(text: "02:00:00:00:00:03")!
private let second: Int64 = 1_000_000_000

private struct Fixture {
    let clock = VirtualScheduler()
    let link: RecordingLink
    let cache: NeighborCache

    init(parameters: NeighborDiscoveryParameters = NeighborDiscoveryParameters(), fault: IPv6HostFault? = nil) {
        link = RecordingLink(clock: clock)
        cache = NeighborCache(clock: clock, parameters: parameters, link: link, fault: fault)
    }

    func packet(_ tag: UInt64 = 0) -> OutboundPacket {
        OutboundPacket(source: own, destination: peer, layers: [LayerSpec("data", [("data.data", .bytes([UInt8(tag)]))])])
    }

    var state: NeighborState? { cache.entry(for: peer)?.state }
}

@Test func resolutionSendsMulticastSolicitationsEveryRetransTimerThenDropsTheQueue() throws {
    let f = Fixture()
    f.cache.send(f.packet())
    #expect(f.state == .incomplete)
    try f.clock.wait(.seconds(10))
    #expect(f.link.events == [0, 1, 2].map { .solicit(target: peer, from: own, unicast: nil, at: $0 * second) })
    #expect(f.cache.entry(for: peer) == nil)
}

@Test func resolutionHonoursMaxMulticastSolicitAndRetransTimerFromPIXIT() throws {
    let parameters = try NeighborDiscoveryParameters(pixit: ["retrans_timer": "250ms", "max_multicast_solicit": "5"])
    let f = Fixture(parameters: parameters)
    f.cache.send(f.packet())
    try f.clock.wait(.seconds(10))
    #expect(f.link.solicitations.count == 5)
    #expect(f.link.events.last == .solicit(target: peer, from: own, unicast: nil, at: 4 * 250_000_000))
}

@Test func solicitedAdvertisementCompletesResolutionAndSendsTheQueueInOrder() throws {
    let f = Fixture()
    f.cache.send(f.packet(1))
    f.cache.send(f.packet(2))
    #expect(f.cache.entry(for: peer)?.queue.count == 2)
    try f.clock.wait(.milliseconds(1500))
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: true, override: false, router: false)
    #expect(f.state == .reachable)
    #expect(f.link.transmissions == [.transmit(destination: peer, to: peerMAC, at: 1_500_000_000),
                                      .transmit(destination: peer, to: peerMAC, at: 1_500_000_000)])
    try f.clock.wait(.seconds(5))
    #expect(f.link.solicitations.count == 2, "no retransmission after the advertisement")
}

@Test func queueKeepsTheNewestPackets() {
    let f = Fixture()
    for tag in 0..<5 { f.cache.send(f.packet(UInt64(tag))) }
    let queued = f.cache.entry(for: peer)?.queue.map { $0.layers[0].value("data.data") }
    #expect(queued == [2, 3, 4].map { .bytes([$0]) })
}

@Test func advertisementWithoutTargetLinkAddressLeavesIncompleteEntryAlone() {
    let f = Fixture()
    f.cache.send(f.packet())
    f.cache.advertisementReceived(target: peer, linkAddress: nil, solicited: true, override: true, router: false)
    #expect(f.state == .incomplete)
    #expect(f.link.transmissions.isEmpty)
}

@Test func unsolicitedAdvertisementCompletesResolutionAsStale() {
    let f = Fixture()
    f.cache.send(f.packet())
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: false, override: true, router: false)
    // The queued packet goes out at once and, being the first to a STALE entry, starts DELAY.
    #expect(f.state == .delay)
    #expect(f.link.transmissions.count == 1)
}

@Test func advertisementWithoutAnEntryCreatesNone() {
    let f = Fixture()
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: true, override: true, router: false)
    #expect(f.cache.entry(for: peer) == nil)
}

@Test func solicitationCreatesStaleEntryAndFirstPacketStartsDelayThenProbes() throws {
    let f = Fixture()
    f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
    #expect(f.state == .stale)
    f.cache.send(f.packet())
    #expect(f.state == .delay)
    #expect(f.link.events == [.transmit(destination: peer, to: peerMAC, at: 0)])
    try f.clock.wait(.seconds(5))
    #expect(f.state == .probe)
    try f.clock.wait(.seconds(10))
    #expect(f.link.solicitations == [5, 6, 7].map { .solicit(target: peer, from: own, unicast: peerMAC, at: $0 * second) })
    #expect(f.cache.entry(for: peer) == nil, "after MAX_UNICAST_SOLICIT probes the entry is deleted")
}

@Test func solicitedAdvertisementInDelayConfirmsReachability() throws {
    let f = Fixture()
    f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
    f.cache.send(f.packet())
    f.cache.advertisementReceived(target: peer, linkAddress: nil, solicited: true, override: false, router: false)
    #expect(f.state == .reachable)
    try f.clock.wait(.seconds(29))
    #expect(f.state == .reachable)
    try f.clock.wait(.seconds(1))
    #expect(f.state == .stale, "REACHABLE lasts ReachableTime")
    #expect(f.link.solicitations.isEmpty)
}

@Test func solicitedAdvertisementInProbeStopsProbing() throws {
    let f = Fixture()
    f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
    f.cache.send(f.packet())
    try f.clock.wait(.milliseconds(5500))
    #expect(f.state == .probe)
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: true, override: true, router: false)
    try f.clock.wait(.seconds(5))
    #expect(f.state == .reachable)
    #expect(f.link.solicitations.count == 1)
}

@Test func solicitationWithNewLinkAddressReplacesItAndMarksStale() {
    let f = Fixture()
    f.cache.send(f.packet())
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: true, override: true, router: false)
    f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
    #expect(f.state == .reachable, "same address: unchanged")
    f.cache.solicitationReceived(from: peer, linkAddress: otherMAC)
    #expect(f.state == .stale)
    #expect(f.cache.entry(for: peer)?.linkAddress == otherMAC)
}

@Test func solicitationCompletesIncompleteEntryAndSendsTheQueue() {
    let f = Fixture()
    f.cache.send(f.packet())
    f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
    #expect(f.link.transmissions == [.transmit(destination: peer, to: peerMAC, at: 0)])
    #expect(f.state == .delay)
}

@Test func advertisementWithoutOverrideAndDifferentAddressOnlyDowngradesReachable() {
    let f = Fixture()
    f.cache.send(f.packet())
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: true, override: true, router: false)
    f.cache.advertisementReceived(target: peer, linkAddress: otherMAC, solicited: true, override: false, router: false)
    #expect(f.state == .stale)
    #expect(f.cache.entry(for: peer)?.linkAddress == peerMAC)
    f.cache.advertisementReceived(target: peer, linkAddress: otherMAC, solicited: true, override: false, router: false)
    #expect(f.state == .stale, "ignored outside REACHABLE")
    #expect(f.cache.entry(for: peer)?.linkAddress == peerMAC)
}

@Test func advertisementWithOverrideUpdatesAddress() {
    let f = Fixture()
    f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
    f.cache.advertisementReceived(target: peer, linkAddress: otherMAC, solicited: false, override: true, router: true)
    #expect(f.state == .stale)
    #expect(f.cache.entry(for: peer)?.linkAddress == otherMAC)
    #expect(f.cache.entry(for: peer)?.isRouter == true)
    f.cache.advertisementReceived(target: peer, linkAddress: otherMAC, solicited: true, override: true, router: false)
    #expect(f.state == .reachable)
}

@Test func unsolicitedAdvertisementWithSameAddressKeepsState() {
    let f = Fixture()
    f.cache.send(f.packet())
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: true, override: true, router: false)
    f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: false, override: true, router: false)
    #expect(f.state == .reachable)
}

/// §7.2.3 and §7.2.5 as the cache faults change them, each in one situation only.
@Test func cacheFaultsChangeOneTransitionEach() throws {
    // A solicitation completes an INCOMPLETE entry, except under ns-leaves-resolution-incomplete.
    for fault in [nil, IPv6HostFault.nsNewLinkAddressIgnored, .nsLeavesResolutionIncomplete] {
        let f = Fixture(fault: fault)
        f.cache.send(f.packet())
        f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
        // STALE, then DELAY as the waiting packet goes out.
        #expect(f.state == (fault == .nsLeavesResolutionIncomplete ? .incomplete : .delay), "\(String(describing: fault))")
    }
    // A new SLLA replaces a cached address, except under ns-new-slla-ignored.
    for fault in [nil, IPv6HostFault.nsNewLinkAddressIgnored, .nsLeavesResolutionIncomplete] {
        let f = Fixture(fault: fault)
        f.cache.solicitationReceived(from: peer, linkAddress: peerMAC)
        f.cache.solicitationReceived(from: peer, linkAddress: otherMAC)
        #expect(f.cache.entry(for: peer)?.linkAddress == (fault == .nsNewLinkAddressIgnored ? peerMAC : otherMAC))
    }
    // Resolution ends REACHABLE on S=1 and STALE on S=0.
    for (solicited, fault, expected) in [(true, nil, NeighborState.reachable), (false, nil, .stale),
                                         (false, IPv6HostFault.unsolicitedNAMakesReachable, .reachable)] {
        let f = Fixture(fault: fault)
        f.cache.send(f.packet())
        f.cache.advertisementReceived(target: peer, linkAddress: peerMAC, solicited: solicited, override: true, router: false)
        // The queued packet went out, and a STALE entry that sent it is in DELAY.
        #expect(f.state == (expected == .stale ? .delay : expected))
    }
}

