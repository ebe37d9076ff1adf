import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames

/// A fragment from TN1 of a packet whose data follow Next Header 253 (so a reassembled packet
/// earns a Parameter Problem, code 1, pointer 6).
private func fragment(offset: UInt64, more: Bool, octets: Int, identification: UInt64 = 0x10) -> [LayerSpec] {
    [T.ethernet(to: HostBench.nutMAC), T.ipv6(from: HostBench.tn1LL, to: HostBench.nutLL, hopLimit: 64),
     LayerSpec("ipv6.fraghdr", [("ipv6.fraghdr.nxt", .uint(253)), ("ipv6.fraghdr.offset", .uint(offset)),
                                ("ipv6.fraghdr.more", .bool(more)), ("ipv6.fraghdr.ident", .uint(identification))]),
     LayerSpec("data", [("data.data", .bytes((0..<octets).map { UInt8($0) }))])]
}

/// Sends the fragments and lets `wait` pass, making TN1 known to the host (its solicitation
/// leaves a STALE entry) just before the host may answer: at once, and 1 s before the end.
/// Returns what the host sent other than Neighbor Discovery.
private func run(_ fragments: [[LayerSpec]], fault: IPv6HostFault? = nil, wait: TimeAmount = .seconds(1)) throws -> [HostBench.Reply] {
    let bench = try HostBench(fault: fault)
    try bench.send(T.solicitation())
    for frame in fragments { try bench.send(frame) }
    try bench.run(TimeAmount(ns: wait.ns - 1_000_000_000))
    try bench.send(T.solicitation())
    try bench.run(.seconds(1))
    #expect(bench.host.transmitFailures.isEmpty)
    return bench.replies.filter { ![135, 136].contains($0.uint("icmpv6.type")) }
}

private let first = fragment(offset: 0, more: true, octets: 16)
private let last = fragment(offset: 2, more: false, octets: 8)

@Test func fragmentsAreReassembledInEitherOrder() throws {
    for order in [[first, last], [last, first]] {
        let replies = try run(order)
        try #require(replies.count == 1)
        #expect(replies[0].uint("icmpv6.type") == 4)
        #expect(replies[0].uint("icmpv6.pointer") == 6)
        // The invoking packet is the reassembled one: no Fragment header, 24 octets of payload.
        #expect(replies[0].dissection.values("ipv6.plen").last == .uint(24))
        #expect(!replies[0].dissection.values("ipv6.nxt").contains(.uint(44)))
    }
    #expect(try run([last, first], fault: .reassemblyInOrderOnly).isEmpty)
    #expect(try run([first, last], fault: .reassemblyInOrderOnly).count == 1)
}

@Test func fragmentsOfDifferentPacketsOrOverlappingOnesMakeNoPacket() throws {
    let other = fragment(offset: 2, more: false, octets: 8, identification: 0x11)
    #expect(try run([first, other]).isEmpty)
    #expect(try run([first, other], fault: .reassemblyIgnoresIdentification).count == 1)
    let overlapping = fragment(offset: 1, more: false, octets: 16)
    #expect(try run([first, overlapping]).isEmpty)
    #expect(try run([first, overlapping], fault: .overlapAccepted).count == 1)
}

@Test func reassemblyTimesOutAfter60sWithATimeExceededOnlyWhenTheFirstFragmentCame() throws {
    let timedOut = try run([first], wait: .seconds(61))
    try #require(timedOut.count == 1)
    #expect(timedOut[0].time >= 60_000_000_000)
    #expect(timedOut[0].uint("icmpv6.type") == 3)
    #expect(timedOut[0].uint("icmpv6.code") == 1)
    #expect(timedOut[0].value("ipv6.dst") == .ipv6(HostBench.tn1LL))
    #expect(timedOut[0].dissection.values("ipv6.fraghdr.ident") == [.uint(0x10)])
    #expect(try run([first], wait: .seconds(59)).isEmpty)
    #expect(try run([first], fault: .fragmentTimeoutSilent, wait: .seconds(61)).isEmpty)
    #expect(try run([last], wait: .seconds(61)).isEmpty)
    #expect(try run([last], fault: .fragmentTimeoutWithoutFirst, wait: .seconds(61)).count == 1)
}

@Test func reassemblyOfArbitraryFragmentsNeverTraps() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
        let fragments = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
            let packet = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return FragmentReassembly.Fragment(offset: Int.random(in: 0...64, using: &generator) * 8,
                                               data: Array(packet.suffix(Int.random(in: 0...24, using: &generator))),
                                               more: Bool.random(using: &generator), packet: packet,
                                               headerOffset: Int.random(in: 0...packet.count, using: &generator))
        }
        _ = FragmentReassembly.reassemble(fragments)
    }
}
