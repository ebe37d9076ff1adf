import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames

/// What the host sends within a second of an NS (TN1's advertisement answers any resolution).
private func advertisements(after solicitation: [LayerSpec], fault: IPv6HostFault?) throws -> Int {
    let bench = try HostBench(fault: fault)
    try bench.send(solicitation)
    try bench.run(.milliseconds(10))
    try bench.send(T.advertisement())
    try bench.run(.seconds(1))
    return bench.replies.filter { $0.uint("icmpv6.type") == 136 }.count
}

/// Each invalid solicitation of RFC 4861 §7.1.1 is ignored by the reference and answered by
/// exactly the fault that skips its check.
@Test(arguments: [
    ("bad checksum", IPv6HostFault.nsChecksumUnchecked),
    ("code 1", .nsCodeUnchecked),
    ("zero-length option", .nsZeroLengthOptionAccepted),
    ("hop limit 254", .acceptsInvalidNS),
    ("multicast target", .nsMulticastTargetAnswered),
])
func anInvalidSolicitationIsAnsweredOnlyByTheFaultSkippingItsCheck(invalid: String, fault: IPv6HostFault) throws {
    let solicitation: [LayerSpec] = switch invalid {
    case "bad checksum": T.solicitation(icmp: [("icmpv6.checksum", .uint(0xdead))])
    case "code 1": T.solicitation(icmp: [("icmpv6.code", .uint(1))])
    case "zero-length option":
        T.solicitation(options: [LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(1)), ("icmpv6.opt.length", .uint(0)),
                                                          ("icmpv6.opt.linkaddr", .ether(HostBench.tn1MAC))])])
    case "multicast target": T.solicitation(to: .allNodes, target: .allNodes)
    default: T.solicitation(hopLimit: 254)
    }
    #expect(try advertisements(after: solicitation, fault: nil) == 0)
    #expect(try advertisements(after: solicitation, fault: fault) == 1)
    for other in [IPv6HostFault.nsChecksumUnchecked, .nsCodeUnchecked, .nsZeroLengthOptionAccepted, .acceptsInvalidNS,
                  .nsMulticastTargetAnswered] where other != fault {
        #expect(try advertisements(after: solicitation, fault: other) == 0, "\(other)")
    }
}

/// RFC 4861 §7.1.2: an advertisement with hop limit 254, or solicited and sent to all-nodes,
/// does not complete the resolution of TN1; each is accepted only under its fault.
@Test func invalidAdvertisementsDoNotCompleteResolution() throws {
    func reply(after advertisement: [LayerSpec], fault: IPv6HostFault?) throws -> Bool {
        let bench = try HostBench(fault: fault)
        try bench.send(T.echoRequest())
        try bench.run(.milliseconds(10))
        try bench.send(advertisement)
        try bench.run(.milliseconds(10))
        return bench.replies.contains { $0.uint("icmpv6.type") == 129 }
    }
    var lowHopLimit = T.advertisement()
    lowHopLimit[1] = T.ipv6(from: HostBench.tn1LL, to: HostBench.nutLL, hopLimit: 254)
    var toAllNodes = T.advertisement()
    toAllNodes[0] = T.ethernet(to: IPv6Address.allNodes.multicastMAC)
    toAllNodes[1] = T.ipv6(from: HostBench.tn1LL, to: .allNodes, hopLimit: 255)
    #expect(try reply(after: T.advertisement(), fault: nil))
    #expect(try !reply(after: lowHopLimit, fault: nil))
    #expect(try !reply(after: toAllNodes, fault: nil))
    #expect(try reply(after: lowHopLimit, fault: .naHopLimitUnchecked))
    #expect(try !reply(after: toAllNodes, fault: .naHopLimitUnchecked))
    #expect(try reply(after: toAllNodes, fault: .naSolicitedMulticastAccepted))
    #expect(try !reply(after: lowHopLimit, fault: .naSolicitedMulticastAccepted))
    var withoutTLLA = T.advertisement()
    withoutTLLA.removeLast()
    #expect(try !reply(after: withoutTLLA, fault: nil))
    #expect(try reply(after: withoutTLLA, fault: .advertisementWithoutTLLAAccepted))
}
