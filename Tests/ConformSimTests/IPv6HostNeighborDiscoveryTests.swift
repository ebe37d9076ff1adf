import ConformCapture
import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames

@Test func multicastSolicitationIsAnsweredWithSolicitedAdvertisement() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation())
    try bench.run(.seconds(1))
    let replies = bench.replies
    try #require(replies.count == 1)
    let na = replies[0]
    #expect(na.time == 0)
    #expect(na.value("eth.dst") == .ether(HostBench.tn1MAC))
    #expect(na.value("eth.src") == .ether(HostBench.nutMAC))
    #expect(na.value("ipv6.src") == .ipv6(HostBench.nutLL))
    #expect(na.value("ipv6.dst") == .ipv6(HostBench.tn1LL))
    #expect(na.uint("ipv6.hlim") == 255)
    #expect(na.uint("icmpv6.type") == 136)
    #expect(na.uint("icmpv6.code") == 0)
    #expect(na.uint("icmpv6.checksum.status") == 1)
    #expect(na.uint("icmpv6.nd.na.flag.r") == 0)
    #expect(na.uint("icmpv6.nd.na.flag.s") == 1)
    #expect(na.uint("icmpv6.nd.na.flag.o") == 1)
    #expect(na.value("icmpv6.nd.na.target_address") == .ipv6(HostBench.nutLL))
    #expect(na.dissection.values("icmpv6.opt.type") == [.uint(2)])
    #expect(na.mac("icmpv6.opt.linkaddr") == HostBench.nutMAC)
}

@Test func solicitationCreatesStaleEntryThatTheAdvertisementMovesToDelay() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation())
    try bench.run(.milliseconds(1))
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1")
        == NeighborCacheEntry(state: .delay, linkAddress: HostBench.tn1MAC, isRouter: false, queuedPackets: 0))
}

@Test func unicastSolicitationIsAnsweredWithoutTargetLinkAddress() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation(to: HostBench.nutLL))
    try bench.run(.seconds(1))
    let replies = bench.replies
    try #require(replies.count == 1)
    #expect(replies[0].value("ipv6.dst") == .ipv6(HostBench.tn1LL))
    #expect(replies[0].uint("icmpv6.nd.na.flag.s") == 1)
    #expect(replies[0].dissection.values("icmpv6.opt.type").isEmpty)
}

@Test func duplicateAddressDetectionProbeIsAnsweredToAllNodesWithoutSolicitedFlag() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation(from: .unspecified, options: []))
    try bench.run(.seconds(1))
    let replies = bench.replies
    try #require(replies.count == 1)
    #expect(replies[0].value("eth.dst") == .ether(MACAddress(text: "33:33:00:00:00:01")!))
    #expect(replies[0].value("ipv6.dst") == .ipv6(.allNodes))
    #expect(replies[0].uint("icmpv6.nd.na.flag.s") == 0)
    #expect(replies[0].uint("icmpv6.nd.na.flag.o") == 1)
    #expect(replies[0].mac("icmpv6.opt.linkaddr") == HostBench.nutMAC)

    let faulty = try HostBench(fault: .dadAnswerSolicited)
    try faulty.send(T.solicitation(from: .unspecified, options: []))
    try faulty.send(T.solicitation())
    try faulty.run(.seconds(1))
    #expect(faulty.replies.map { $0.uint("icmpv6.nd.na.flag.s") } == [1, 1])
}

/// Invalid solicitations (RFC 4861 §7.1.1) and ones that are not for the host: no answer.
@Test(arguments: [
    ("hop limit 254", T.solicitation(hopLimit: 254)),
    ("bad checksum", T.solicitation(icmp: [("icmpv6.checksum", .uint(0xdead))])),
    ("code 1", T.solicitation(icmp: [("icmpv6.code", .uint(1))])),
    ("zero-length option", T.solicitation(options: [LayerSpec("icmpv6.opt", [
        ("icmpv6.opt.type", .uint(1)), ("icmpv6.opt.length", .uint(0)), ("icmpv6.opt.linkaddr", .ether(HostBench.tn1MAC)),
    ])])),
    ("multicast target", T.solicitation(to: HostBench.nutLL.solicitedNode, target: .allNodes)),
    ("DAD probe with SLLA", T.solicitation(from: .unspecified)),
    ("DAD probe to unicast", T.solicitation(from: .unspecified, to: HostBench.nutLL, options: [])),
    ("target not the host's", T.solicitation(to: HostBench.nutLL, target: IPv6Address(text: "fe80::99")!)),
    ("other solicited-node group", T.solicitation(to: IPv6Address(text: "fe80::99")!.solicitedNode)),
])
func invalidSolicitationIsIgnored(_ name: String, _ frame: [LayerSpec]) throws {
    let bench = try HostBench()
    try bench.send(frame)
    try bench.run(.seconds(10))
    #expect(bench.replies.isEmpty, "\(name)")
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1") == nil, "\(name)")
}

@Test func solicitationShorterThan24OctetsIsIgnored() throws {
    let bench = try HostBench()
    // Payload length 20 leaves only 20 octets of ICMPv6: the target address is cut.
    var frame = T.solicitation(options: [])
    frame[1].fields.append(("ipv6.plen", .uint(20)))
    try bench.send(frame)
    try bench.run(.seconds(1))
    #expect(bench.replies.isEmpty)
}

@Test func framesForOtherHostsAreIgnored() throws {
    let bench = try HostBench()
    var wrongMAC = T.solicitation(to: HostBench.nutLL)
    wrongMAC[0] = T.ethernet(to: MACAddress(text: "02:00:00:00:00:99")!)
    try bench.send(wrongMAC)
    try bench.send(T.echoRequest(to: IPv6Address(text: "fe80::99")!))
    try bench.run(.seconds(1))
    #expect(bench.replies.isEmpty)
}

@Test func invalidAdvertisementDoesNotCompleteResolution() throws {
    let bench = try HostBench()
    try bench.send(T.echoRequest())
    try bench.run(.milliseconds(500))
    var hopLimit254 = T.advertisement()
    hopLimit254[1] = T.ipv6(from: HostBench.tn1LL, to: HostBench.nutLL, hopLimit: 254)
    try bench.send(hopLimit254)
    var solicitedToMulticast = T.advertisement()
    solicitedToMulticast[0] = T.ethernet(to: MACAddress(text: "33:33:00:00:00:01")!)
    solicitedToMulticast[1] = T.ipv6(from: HostBench.tn1LL, to: .allNodes, hopLimit: 255)
    try bench.send(solicitedToMulticast)
    try bench.run(.milliseconds(100))
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1")?.state == .incomplete)
    #expect(bench.replies.allSatisfy { $0.uint("icmpv6.type") == 135 })
}

@Test func eachLinkHasItsOwnInterfaceAndNeighborCache() throws {
    let clock = VirtualScheduler()
    let first = VirtualLink(port: "tn1", clock: clock, delay: .zero)
    let second = VirtualLink(port: "tn2", clock: clock, delay: .zero)
    let host = try IPv6Host(environment: SimulatorEnvironment(
        clock: clock, links: ["tn2": second.device, "tn1": first.device],
        addresses: ["mac": HostBench.nutMAC.description, "ll": HostBench.nutLL.description], parameters: [:], fault: nil))
    _ = try second.tester.send(FrameBuilder.build(T.solicitation()))
    try clock.wait(.milliseconds(1))
    #expect(first.tester.frames(after: 0).isEmpty)
    #expect(second.tester.frames(after: 0).filter { $0.direction == .inbound }.count == 1)
    #expect(host.neighbor(HostBench.tn1LL, on: "tn2")?.state == .delay)
    #expect(host.neighbor(HostBench.tn1LL, on: "tn1") == nil)
}
