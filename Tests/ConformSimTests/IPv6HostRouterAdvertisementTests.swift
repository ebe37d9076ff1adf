import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames

/// A Router Advertisement from TN1 with Router Lifetime 0.
private func advertisement(curHopLimit: UInt64 = 100, retransTimer: UInt64 = 0, hopLimit: UInt64 = 255,
                           source: IPv6Address = HostBench.tn1LL) -> [LayerSpec] {
    [T.ethernet(to: IPv6Address.allNodes.multicastMAC), T.ipv6(from: source, to: .allNodes, hopLimit: hopLimit),
     LayerSpec("icmpv6", [("icmpv6.type", .uint(134)), ("icmpv6.code", .uint(0)), ("icmpv6.nd.ra.cur_hop_limit", .uint(curHopLimit)),
                          ("icmpv6.nd.ra.router_lifetime", .uint(0)), ("icmpv6.nd.ra.retrans_timer", .uint(retransTimer))])]
}

/// The hop limit of the Echo Reply the host sends after `advertisement`.
private func replyHopLimit(after advertisement: [LayerSpec], fault: IPv6HostFault? = nil) throws -> UInt64? {
    let bench = try HostBench(fault: fault)
    try bench.send(advertisement)
    try bench.send(T.echoRequest())
    try bench.run(.milliseconds(10))
    try bench.send(T.advertisement())
    try bench.run(.milliseconds(10))
    return bench.replies.last { $0.uint("icmpv6.type") == 129 }?.uint("ipv6.hlim")
}

@Test func aValidAdvertisementsCurHopLimitIsAdoptedAndInvalidOnesAreIgnored() throws {
    #expect(try replyHopLimit(after: advertisement()) == 100)
    #expect(try replyHopLimit(after: advertisement(curHopLimit: 0)) == 64)
    #expect(try replyHopLimit(after: advertisement(), fault: .raCurHopLimitIgnored) == 64)
    let offLink = advertisement(hopLimit: 254)
    let global = advertisement(source: IPv6Address(text: "2001:db8::101")!)
    #expect(try replyHopLimit(after: offLink) == 64)
    #expect(try replyHopLimit(after: global) == 64)
    #expect(try replyHopLimit(after: offLink, fault: .raHopLimitUnchecked) == 100)
    #expect(try replyHopLimit(after: global, fault: .raHopLimitUnchecked) == 64)
    #expect(try replyHopLimit(after: global, fault: .raGlobalSourceAccepted) == 100)
}

@Test func anAdvertisedRetransTimerSpacesTheNextSolicitations() throws {
    func solicitationTimes(fault: IPv6HostFault? = nil) throws -> [Int64] {
        let bench = try HostBench(fault: fault)
        try bench.send(advertisement(curHopLimit: 0, retransTimer: 500))
        try bench.send(T.echoRequest())
        try bench.run(.seconds(5))
        return bench.replies.filter { $0.uint("icmpv6.type") == 135 }.map(\.time)
    }
    #expect(try solicitationTimes() == [0, 500_000_000, 1_000_000_000])
    #expect(try solicitationTimes(fault: .raRetransTimerIgnored) == [0, 1_000_000_000, 2_000_000_000])
}
