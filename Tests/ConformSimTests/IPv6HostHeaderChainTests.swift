import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames

/// An Echo Request from TN1 whose extension headers sit between the IPv6 header and ICMPv6.
private func echoRequest(to destination: IPv6Address = HostBench.nutLL, headers: [LayerSpec]) -> [LayerSpec] {
    let plain = T.echoRequest(to: destination)
    return Array(plain.prefix(2)) + headers + Array(plain.dropFirst(2))
}

private func unknownOption(_ type: UInt64) -> [LayerSpec] {
    [LayerSpec("ipv6.hopopts"), LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(type)), ("ipv6.opt.unknown", .bytes([0, 0, 0, 0]))])]
}

/// Sends `frame`, answers the host's resolution of TN1, and returns what the host sent
/// other than that Neighbor Solicitation.
private func answers(to frame: [LayerSpec], fault: IPv6HostFault? = nil) throws -> [HostBench.Reply] {
    let bench = try HostBench(fault: fault)
    try bench.send(frame)
    try bench.run(.milliseconds(10))
    try bench.send(T.advertisement())
    try bench.run(.seconds(1))
    #expect(bench.host.transmitFailures.isEmpty)
    return bench.replies.filter { $0.uint("icmpv6.type") != 135 }
}

private func parameterProblem(_ replies: [HostBench.Reply]) -> (code: UInt64?, pointer: UInt64?)? {
    guard replies.count == 1, replies[0].uint("icmpv6.type") == 4 else { return nil }
    return (replies[0].uint("icmpv6.code"), replies[0].uint("icmpv6.pointer"))
}

@Test func anUnknownNextHeaderGetsAParameterProblemFromTheAddressItWasSentTo() throws {
    let frame = [T.ethernet(to: HostBench.nutMAC), LayerSpec("ipv6", [
        ("ipv6.src", .ipv6(HostBench.tn1LL)), ("ipv6.dst", .ipv6(HostBench.nutLL)), ("ipv6.nxt", .uint(253)),
    ]), LayerSpec("data", [("data.data", .bytes([1, 2, 3, 4, 5, 6, 7, 8]))])]
    let replies = try answers(to: frame)
    #expect(parameterProblem(replies)?.code == 1)
    #expect(parameterProblem(replies)?.pointer == 6)
    let problem = try #require(replies.first)
    #expect(problem.value("ipv6.src") == .ipv6(HostBench.nutLL))
    #expect(problem.value("ipv6.dst") == .ipv6(HostBench.tn1LL))
    #expect(problem.uint("ipv6.hlim") == 64)
    #expect(problem.uint("icmpv6.checksum.status") == 1)
    // The invoking packet follows, whole: its Next Header is the offending 253.
    #expect(problem.dissection.values("ipv6.nxt") == [.uint(58), .uint(253)])

    #expect(try answers(to: frame, fault: .unknownNextHeaderSilent).isEmpty)
    #expect(parameterProblem(try answers(to: frame, fault: .parameterProblemPointerZero))?.pointer == 0)
}

@Test func noErrorIsSentAboutAMulticastPacketOrFromAnUnspecifiedSource() throws {
    let toAllNodes = [T.ethernet(to: IPv6Address.allNodes.multicastMAC), LayerSpec("ipv6", [
        ("ipv6.src", .ipv6(HostBench.tn1LL)), ("ipv6.dst", .ipv6(.allNodes)), ("ipv6.nxt", .uint(253)),
    ]), LayerSpec("data", [("data.data", .bytes([0, 0, 0, 0, 0, 0, 0, 0]))])]
    #expect(try answers(to: toAllNodes).isEmpty)
    #expect(parameterProblem(try answers(to: toAllNodes, fault: .errorForMulticastPacket))?.code == 1)

    let fromUnspecified = [T.ethernet(to: HostBench.nutMAC), LayerSpec("ipv6", [
        ("ipv6.src", .ipv6(.unspecified)), ("ipv6.dst", .ipv6(HostBench.nutLL)), ("ipv6.nxt", .uint(253)),
    ])]
    #expect(try answers(to: fromUnspecified).isEmpty)
}

@Test func nextHeader59IsSilent() throws {
    let frame = [T.ethernet(to: HostBench.nutMAC), LayerSpec("ipv6", [
        ("ipv6.src", .ipv6(HostBench.tn1LL)), ("ipv6.dst", .ipv6(HostBench.nutLL)), ("ipv6.nxt", .uint(59)),
    ])]
    #expect(try answers(to: frame).isEmpty)
    #expect(parameterProblem(try answers(to: frame, fault: .noNextHeaderAnswered))?.pointer == 6)
}

/// RFC 8200 §4.2: the two high-order bits of an unknown option's type, to a unicast and to
/// a multicast destination: reply (skipped), nothing, or a Parameter Problem code 2 at 0x2a.
@Test(arguments: [
    (UInt64(0x1e), false, "reply"), (0x1e, true, "reply"), (0x5e, false, "none"), (0x5e, true, "none"),
    (0x9e, false, "problem"), (0x9e, true, "problem"), (0xde, false, "problem"), (0xde, true, "none"),
])
func unknownOptionsFollowTheirActionBits(type: UInt64, multicast: Bool, expected: String) throws {
    let replies = try answers(to: echoRequest(to: multicast ? .allNodes : HostBench.nutLL, headers: unknownOption(type)))
    switch expected {
    case "reply":
        #expect(replies.map { $0.uint("icmpv6.type") } == [129])
    case "problem":
        #expect(parameterProblem(replies)?.code == 2)
        #expect(parameterProblem(replies)?.pointer == 0x2a)
        #expect(replies.first?.value("ipv6.src") == .ipv6(HostBench.nutLL))
    default:
        #expect(replies.isEmpty)
    }
}

@Test func eachOptionFaultChangesOneActionOnly() throws {
    let unicast = { (type: UInt64, fault: IPv6HostFault?) in try answers(to: echoRequest(headers: unknownOption(type)), fault: fault) }
    let multicast = { (type: UInt64, fault: IPv6HostFault?) in
        try answers(to: echoRequest(to: .allNodes, headers: unknownOption(type)), fault: fault)
    }
    #expect(try unicast(0x1e, .skipOptionDiscards).isEmpty)
    #expect(try unicast(0x5e, .discardOptionSkipped).map { $0.uint("icmpv6.type") } == [129])
    #expect(try unicast(0x9e, .errorOptionSilent).isEmpty)
    #expect(parameterProblem(try unicast(0x9e, .errorOptionSilentForMulticast))?.code == 2)
    #expect(try multicast(0x9e, .errorOptionSilentForMulticast).isEmpty)
    #expect(parameterProblem(try multicast(0xde, .unicastErrorOptionAnswersMulticast))?.code == 2)
    #expect(parameterProblem(try unicast(0xde, .unicastErrorOptionAnswersMulticast))?.code == 2)
}

@Test func hopByHopAfterAnotherHeaderGetsAParameterProblemAtTheHeaderNamingIt() throws {
    let frame = echoRequest(headers: [LayerSpec("ipv6.dstopts"), LayerSpec("ipv6.hopopts")])
    #expect(parameterProblem(try answers(to: frame))?.code == 1)
    #expect(parameterProblem(try answers(to: frame))?.pointer == 40)
    #expect(try answers(to: frame, fault: .hopByHopAnywhere).map { $0.uint("icmpv6.type") } == [129])
    // First in the chain it is fine.
    #expect(try answers(to: echoRequest(headers: [LayerSpec("ipv6.hopopts")])).map { $0.uint("icmpv6.type") } == [129])
}

@Test func anAtomicFragmentIsProcessedAndAnOddLengthFragmentIsRefused() throws {
    let atomic = echoRequest(headers: [LayerSpec("ipv6.fraghdr", [("ipv6.fraghdr.offset", .uint(0)), ("ipv6.fraghdr.more", .bool(false)),
                                                                    ("ipv6.fraghdr.ident", .uint(7))])])
    let replies = try answers(to: atomic)
    #expect(replies.map { $0.uint("icmpv6.type") } == [129])
    #expect(replies.first?.dissection.contains(layer: "ipv6.fraghdr") == false)
    #expect(try answers(to: atomic, fault: .atomicFragmentDropped).isEmpty)

    let fragment = { (data: Int) in [T.ethernet(to: HostBench.nutMAC), T.ipv6(from: HostBench.tn1LL, to: HostBench.nutLL, hopLimit: 64),
                                     LayerSpec("ipv6.fraghdr", [("ipv6.fraghdr.nxt", .uint(58)), ("ipv6.fraghdr.more", .bool(true)),
                                                                ("ipv6.fraghdr.ident", .uint(8))]),
                                     LayerSpec("data", [("data.data", .bytes([UInt8](repeating: 0, count: data)))])] }
    #expect(try answers(to: fragment(16)).isEmpty)
    #expect(parameterProblem(try answers(to: fragment(13)))?.code == 0)
    #expect(parameterProblem(try answers(to: fragment(13)))?.pointer == 4)
    #expect(try answers(to: fragment(13), fault: .fragmentLengthUnchecked).isEmpty)
}

@Test func anUnknownRoutingTypeIsIgnoredOnlyWhenNoSegmentsAreLeft() throws {
    let routing = { (segmentsLeft: UInt64) in
        echoRequest(headers: [LayerSpec("ipv6.routing", [("ipv6.routing.type", .uint(253)), ("ipv6.routing.segleft", .uint(segmentsLeft)),
                                                         ("ipv6.routing.unknown_data", .bytes([0, 0, 0, 0]))])])
    }
    #expect(try answers(to: routing(0)).map { $0.uint("icmpv6.type") } == [129])
    #expect(parameterProblem(try answers(to: routing(1)))?.code == 0)
    #expect(parameterProblem(try answers(to: routing(1)))?.pointer == 42)
}

@Test func theUnspecifiedAndLoopbackAddressesAreNotDestinations() throws {
    for destination in [IPv6Address.unspecified, IPv6Address(text: "::1")!] {
        let request = T.echoRequest(to: destination)
        #expect(try answers(to: request).isEmpty, "\(destination)")
    }
    #expect(try answers(to: T.echoRequest(to: .unspecified), fault: .acceptsUnspecifiedDestination).count == 1)
    #expect(try answers(to: T.echoRequest(to: IPv6Address(text: "::1")!), fault: .acceptsLoopbackDestination).count == 1)
}

@Test func anEchoToTheGlobalAddressIsAnsweredFromIt() throws {
    let global = IPv6Address(text: "2001:db8:1::1")!, tester = IPv6Address(text: "2001:db8:1::101")!
    let bench = try HostBench(global: global)
    try bench.send(T.echoRequest(from: tester, to: global))
    try bench.run(.milliseconds(10))
    try bench.send([T.ethernet(to: HostBench.nutMAC), T.ipv6(from: tester, to: global, hopLimit: 255),
                    LayerSpec("icmpv6", [("icmpv6.type", .uint(136)), ("icmpv6.code", .uint(0)), ("icmpv6.nd.na.flag.s", .bool(true)),
                                         ("icmpv6.nd.na.flag.o", .bool(true)), ("icmpv6.nd.na.target_address", .ipv6(tester))]),
                    T.linkAddressOption(2, HostBench.tn1MAC)])
    try bench.run(.milliseconds(10))
    let reply = try #require(bench.replies.last)
    #expect(reply.uint("icmpv6.type") == 129)
    #expect(reply.value("ipv6.src") == .ipv6(global))
    #expect(reply.value("ipv6.dst") == .ipv6(tester))
}

/// The walk reads any bytes without trapping.
@Test func theHeaderChainWalkNeverTraps() {
    var generator = SystemRandomNumberGenerator()
    let interesting: [UInt8] = [0, 1, 4, 5, 43, 44, 58, 59, 60, 0x1e, 0x5e, 0x9e, 0xde, 0xff]
    for _ in 0..<20_000 {
        let count = Int.random(in: 0...96, using: &generator)
        let bytes = (0..<count).map { _ in
            Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
        }
        _ = HeaderChain(packet: bytes, destinationIsMulticast: Bool.random(using: &generator), fault: nil).walk()
    }
}

/// RFC 8200 §3, §6, §7: version 6 only; hop limit 0, a Traffic Class and a Flow Label do not
/// stop a packet at its destination. Each fault drops (or accepts) exactly its own case.
@Test func theFixedHeaderFieldsAnEndNodeChecks() throws {
    func request(_ abbrev: String, _ value: UInt64) -> [LayerSpec] {
        var frame = T.echoRequest()
        frame[1].fields = frame[1].fields.filter { $0.abbrev != abbrev } + [(abbrev, .uint(value))]
        return frame
    }
    let cases: [(frame: [LayerSpec], answered: Bool, fault: IPv6HostFault)] = [
        (request("ipv6.version", 5), false, .versionUnchecked),
        (request("ipv6.hlim", 0), true, .hopLimitZeroDropped),
        (request("ipv6.tclass", 0x5c), true, .trafficClassDropped),
        (request("ipv6.flow", 0x12345), true, .flowLabelDropped),
    ]
    for (frame, answered, fault) in cases {
        #expect(try answers(to: frame).map { $0.uint("icmpv6.type") } == (answered ? [129] : []), "\(fault)")
        #expect(try answers(to: frame, fault: fault).map { $0.uint("icmpv6.type") } == (answered ? [] : [129]), "\(fault)")
        #expect(try answers(to: T.echoRequest(), fault: fault).map { $0.uint("icmpv6.type") } == [129], "\(fault)")
    }
    let reply = try #require(try answers(to: request("ipv6.hlim", 0)).first)
    #expect(reply.uint("ipv6.hlim") == 64)
}

@Test func destinationOptionsFollowTheOptionRulesAndRoutingFaultsIgnoreSegmentsLeft() throws {
    let destinationOption = echoRequest(headers: [LayerSpec("ipv6.dstopts"),
                                                  LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0x9e)), ("ipv6.opt.unknown", .bytes([0, 0, 0, 0]))])])
    #expect(parameterProblem(try answers(to: destinationOption))?.pointer == 0x2a)
    #expect(try answers(to: destinationOption, fault: .destinationOptionsIgnored).map { $0.uint("icmpv6.type") } == [129])
    #expect(parameterProblem(try answers(to: echoRequest(headers: unknownOption(0x9e)), fault: .destinationOptionsIgnored))?.code == 2)

    let routing = echoRequest(headers: [LayerSpec("ipv6.routing", [("ipv6.routing.type", .uint(253)), ("ipv6.routing.segleft", .uint(1)),
                                                                   ("ipv6.routing.unknown_data", .bytes([0, 0, 0, 0]))])])
    #expect(try answers(to: routing, fault: .routingSegmentsLeftIgnored).map { $0.uint("icmpv6.type") } == [129])
}

@Test func optionsAreProcessedInOrder() throws {
    let headers = [LayerSpec("ipv6.hopopts"),
                   LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0x5e)), ("ipv6.opt.unknown", .bytes([0, 0, 0, 0]))]),
                   LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0x9e)), ("ipv6.opt.unknown", .bytes([0, 0, 0, 0]))])]
    #expect(try answers(to: echoRequest(headers: headers)).isEmpty)
    let reordered = try answers(to: echoRequest(headers: headers), fault: .optionsOutOfOrder)
    #expect(parameterProblem(reordered)?.code == 2)
    #expect(parameterProblem(reordered)?.pointer == 48)
}

@Test func noErrorAboutAnErrorMessageOrToAMulticastSource() throws {
    var aboutError = echoRequest(headers: unknownOption(0x9e))
    aboutError[4] = LayerSpec("icmpv6", [("icmpv6.type", .uint(1)), ("icmpv6.code", .uint(4))])
    #expect(try answers(to: aboutError).isEmpty)
    #expect(parameterProblem(try answers(to: aboutError, fault: .errorAboutError))?.code == 2)

    let fromMulticast = [T.ethernet(to: HostBench.nutMAC), LayerSpec("ipv6", [
        ("ipv6.src", .ipv6(.allNodes)), ("ipv6.dst", .ipv6(HostBench.nutLL)), ("ipv6.nxt", .uint(253)),
    ])]
    #expect(try answers(to: fromMulticast).isEmpty)
    #expect(try answers(to: fromMulticast, fault: .errorToMulticastSource).map { $0.uint("icmpv6.type") } == [4])
}

@Test func aDatagramToAClosedPortGetsPortUnreachableUnlessSentToAGroup() throws {
    let datagram = { (destination: IPv6Address) -> [LayerSpec] in
        [T.ethernet(to: destination.isMulticast ? destination.multicastMAC : HostBench.nutMAC),
         T.ipv6(from: HostBench.tn1LL, to: destination, hopLimit: 64),
         LayerSpec("udp", [("udp.srcport", .uint(40000)), ("udp.dstport", .uint(9))]),
         LayerSpec("data", [("data.data", .bytes([1, 2, 3]))])]
    }
    let replies = try answers(to: datagram(HostBench.nutLL))
    #expect(replies.map { [$0.uint("icmpv6.type"), $0.uint("icmpv6.code")] } == [[1, 4]])
    #expect(replies.first?.uint("udp.dstport") == 9)
    #expect(try answers(to: datagram(HostBench.nutLL), fault: .portUnreachableSilent).isEmpty)
    #expect(try answers(to: datagram(.allNodes)).isEmpty)
    #expect(try answers(to: datagram(.allNodes), fault: .errorForMulticastPacket).map { $0.uint("icmpv6.type") } == [1])
}

@Test func anUnknownInformationalMessageIsDiscarded() throws {
    let message = [T.ethernet(to: HostBench.nutMAC), T.ipv6(from: HostBench.tn1LL, to: HostBench.nutLL, hopLimit: 64),
                   LayerSpec("icmpv6", [("icmpv6.type", .uint(200)), ("icmpv6.code", .uint(0))]),
                   LayerSpec("data", [("data.data", .bytes([0, 0, 0, 0]))])]
    #expect(try answers(to: message).isEmpty)
    #expect(parameterProblem(try answers(to: message, fault: .unknownInformationalAnswered))?.pointer == 40)
}
