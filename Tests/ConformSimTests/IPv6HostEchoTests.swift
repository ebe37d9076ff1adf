import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames
private let second: Int64 = 1_000_000_000

@Test func echoRequestIsAnsweredAfterResolvingTheRequester() throws {
    let bench = try HostBench()
    try bench.send(T.echoRequest())
    try bench.run(.milliseconds(300))
    var replies = bench.replies
    try #require(replies.count == 1)
    let ns = replies[0]
    #expect(ns.uint("icmpv6.type") == 135)
    #expect(ns.value("eth.dst") == .ether(MACAddress(text: "33:33:ff:00:01:01")!))
    #expect(ns.value("ipv6.src") == .ipv6(HostBench.nutLL))
    #expect(ns.value("ipv6.dst") == .ipv6(IPv6Address(text: "ff02::1:ff00:101")!))
    #expect(ns.uint("ipv6.hlim") == 255)
    #expect(ns.uint("icmpv6.checksum.status") == 1)
    #expect(ns.value("icmpv6.nd.ns.target_address") == .ipv6(HostBench.tn1LL))
    #expect(ns.dissection.values("icmpv6.opt.type") == [.uint(1)])
    #expect(ns.mac("icmpv6.opt.linkaddr") == HostBench.nutMAC)

    try bench.send(T.advertisement())
    try bench.run(.milliseconds(1))
    replies = bench.replies
    try #require(replies.count == 2)
    let reply = replies[1]
    #expect(reply.time == 300_000_000)
    #expect(reply.value("eth.dst") == .ether(HostBench.tn1MAC))
    #expect(reply.value("ipv6.src") == .ipv6(HostBench.nutLL))
    #expect(reply.value("ipv6.dst") == .ipv6(HostBench.tn1LL))
    #expect(reply.uint("icmpv6.type") == 129)
    #expect(reply.uint("icmpv6.code") == 0)
    #expect(reply.uint("icmpv6.checksum.status") == 1)
    #expect(reply.uint("icmpv6.echo.identifier") == 0x1234)
    #expect(reply.uint("icmpv6.echo.sequence_number") == 7)
    #expect(reply.value("data.data") == .bytes(Array("conform".utf8)))
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1")?.state == .reachable)
    #expect(bench.host.transmitFailures.isEmpty)
}

@Test func resolutionIsRetriedEveryRetransTimerAtMostThreeTimesThenTheReplyIsDropped() throws {
    let bench = try HostBench()
    try bench.send(T.echoRequest())
    try bench.run(.seconds(10))
    let replies = bench.replies
    #expect(replies.map(\.time) == [0, 1 * second, 2 * second])
    #expect(replies.allSatisfy { $0.uint("icmpv6.type") == 135 })
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1") == nil)
    // An advertisement after resolution failed finds no entry and releases nothing.
    try bench.send(T.advertisement())
    try bench.run(.seconds(1))
    #expect(bench.replies.count == 3)
}

@Test func retransTimerComesFromPIXIT() throws {
    let bench = try HostBench(pixit: ["retrans_timer": "400ms"])
    try bench.send(T.echoRequest())
    try bench.run(.seconds(10))
    #expect(bench.replies.map(\.time) == [0, 400_000_000, 800_000_000])
}

@Test func staleEntryIsUsedAtOnceAndMovesToDelay() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation())
    try bench.run(.seconds(1))
    // Answering the solicitation used the entry; let DELAY and the probes run their course.
    try bench.send(T.advertisement(solicited: true))
    try bench.run(.seconds(40))
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1")?.state == .stale)
    let before = bench.replies.count
    try bench.send(T.echoRequest())
    try bench.run(.milliseconds(1))
    let replies = bench.replies.dropFirst(before)
    #expect(replies.map { $0.uint("icmpv6.type") } == [129])
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1")?.state == .delay)
}

@Test func unconfirmedNeighborIsProbedWithUnicastSolicitations() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation())
    try bench.run(.seconds(20))
    let probes = bench.replies.dropFirst()
    #expect(probes.map(\.time) == [5 * second, 6 * second, 7 * second])
    #expect(probes.allSatisfy { $0.value("eth.dst") == .ether(HostBench.tn1MAC) })
    #expect(probes.allSatisfy { $0.value("ipv6.dst") == .ipv6(HostBench.tn1LL) })
    #expect(probes.allSatisfy { $0.uint("icmpv6.type") == 135 })
    #expect(bench.host.neighbor(HostBench.tn1LL, on: "tn1") == nil)
}

@Test func echoToAllNodesIsAnsweredFromTheLinkLocalAddress() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation())
    try bench.send(T.echoRequest(to: .allNodes))
    try bench.run(.milliseconds(1))
    let reply = try #require(bench.replies.first { $0.uint("icmpv6.type") == 129 })
    #expect(reply.value("ipv6.src") == .ipv6(HostBench.nutLL))
    #expect(reply.value("ipv6.dst") == .ipv6(HostBench.tn1LL))
    #expect(reply.uint("ipv6.hlim") == 64)
}

@Test func echoWithBadChecksumIsNotAnswered() throws {
    let bench = try HostBench()
    try bench.send(T.echoRequest(icmp: [("icmpv6.checksum", .uint(0xbeef))]))
    try bench.run(.seconds(5))
    #expect(bench.replies.isEmpty)
}

@Test func tenSecondsOfVirtualTimeTakeWellUnder100Milliseconds() throws {
    let bench = try HostBench()
    try bench.send(T.solicitation())
    try bench.send(T.echoRequest(from: HostBench.tn2LL, mac: HostBench.tn2MAC))
    let wall = ContinuousClock()
    let started = wall.now
    try bench.run(.seconds(10))
    #expect(wall.now - started < .milliseconds(100))
    #expect(bench.clock.now().ns == 10 * second)
    #expect(bench.replies.count == 7, "NA, 3 resolution NS, 3 NUD probes")
}

@Test func echoToTheGlobalAddressIsAnsweredFromItAfterResolvingFromIt() throws {
    let nutGlobal = IPv6Address(text: "2001:db8::1")!
    let tn1Global = IPv6Address(text: "2001:db8::101")!
    let bench = try HostBench(global: nutGlobal)
    try bench.send(T.echoRequest(from: tn1Global, to: nutGlobal))
    try bench.run(.milliseconds(10))
    let ns = try #require(bench.replies.first)
    #expect(ns.uint("icmpv6.type") == 135)
    #expect(ns.value("ipv6.src") == .ipv6(nutGlobal), "the source of the packet that prompted resolution (§7.2.2)")
    #expect(ns.value("icmpv6.nd.ns.target_address") == .ipv6(tn1Global))
    try bench.send(T.advertisement(for: tn1Global))
    try bench.run(.milliseconds(10))
    let reply = try #require(bench.replies.last)
    #expect(reply.uint("icmpv6.type") == 129)
    #expect(reply.value("ipv6.src") == .ipv6(nutGlobal))
    #expect(reply.value("ipv6.dst") == .ipv6(tn1Global))
}

@Test func echoFromOffLinkIsNotAnsweredWithoutARouter() throws {
    let bench = try HostBench(global: IPv6Address(text: "2001:db8::1")!)
    try bench.send(T.echoRequest(from: IPv6Address(text: "2001:db9::2")!, to: IPv6Address(text: "2001:db8::1")!))
    try bench.run(.seconds(5))
    #expect(bench.replies.isEmpty)
}

@Test func echoFromTheUnspecifiedAddressIsNotAnswered() throws {
    let bench = try HostBench()
    try bench.send(T.echoRequest(from: .unspecified))
    try bench.run(.seconds(5))
    #expect(bench.replies.isEmpty)
}
