import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames

/// A Packet Too Big from TN1 reporting `mtu`, about a packet the host sent to TN1.
private func packetTooBig(mtu: UInt64, invokingSource: IPv6Address = HostBench.nutLL) -> [LayerSpec] {
    [T.ethernet(to: HostBench.nutMAC), T.ipv6(from: HostBench.tn1LL, to: HostBench.nutLL, hopLimit: 64),
     LayerSpec("icmpv6", [("icmpv6.type", .uint(2)), ("icmpv6.code", .uint(0)), ("icmpv6.mtu", .uint(mtu))]),
     LayerSpec("ipv6", [("ipv6.src", .ipv6(invokingSource)), ("ipv6.dst", .ipv6(HostBench.tn1LL)), ("ipv6.nxt", .uint(58)),
                        ("ipv6.plen", .uint(1248))])]
}

/// The IPv6 packet lengths of the frames that carry the host's answer to a 1240-octet Echo
/// Request after `before`.
private func replyPacketLengths(after before: [[LayerSpec]], fault: IPv6HostFault? = nil) throws -> [Int] {
    let bench = try HostBench(fault: fault)
    try bench.send(T.solicitation())
    for frame in before { try bench.send(frame) }
    try bench.run(.milliseconds(1))
    let sent = bench.replies.count
    try bench.send(T.echoRequest(data: [UInt8](repeating: 0xab, count: 1240)))
    try bench.run(.milliseconds(10))
    #expect(bench.host.transmitFailures.isEmpty)
    return bench.link.tester.frames(after: 0).filter { $0.direction == .inbound }.dropFirst(sent).map { $0.bytes.count - 14 }
}

@Test func thePathMTUFallsWithAPacketTooBigButNeverBelow1280OrUpwards() throws {
    #expect(try replyPacketLengths(after: []) == [1288])
    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1280)]) == [1280, 64])
    // RFC 8201 §4: a Packet Too Big below the minimum link MTU is discarded.
    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1000)]) == [1288])
    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1280), packetTooBig(mtu: 1500)]) == [1280, 64])
    // About a packet some other node sent: not this host's business.
    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1280, invokingSource: HostBench.tn2LL)]) == [1288])

    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1280)], fault: .packetTooBigIgnored) == [1288])
    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1000)], fault: .pathMTUBelowMinimum) == [1000, 40 + 8 + 1248 - 952])
    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1000)], fault: .pathMTUClampedToMinimum) == [1280, 64])
    #expect(try replyPacketLengths(after: [packetTooBig(mtu: 1280), packetTooBig(mtu: 1500)],
                                   fault: .pathMTUIncreasedByPacketTooBig) == [1288])
}

@Test func fragmentsCarryMultiplesOf8AndReassembleToThePacket() throws {
    let packet = [0x60, 0, 0, 0, 0x04, 0xe0, 58, 64] + [UInt8](repeating: 1, count: 32) + (0..<1248).map { UInt8($0 & 0xff) }
    let fragments = Fragmenter.fragments(of: packet, mtu: 1280, identification: 0x01020304)
    #expect(fragments.map(\.count) == [1280, 40 + 8 + 16])
    #expect(fragments.allSatisfy { $0[6] == 44 && $0[40] == 58 && Array($0[44..<48]) == [1, 2, 3, 4] })
    #expect((fragments[0].count - 48) % 8 == 0)
    let pieces = fragments.map { fragment in
        FragmentReassembly.Fragment(offset: Int(UInt16(fragment[42]) << 8 | UInt16(fragment[43])) >> 3 * 8,
                                    data: Array(fragment[48...]), more: fragment[43] & 1 == 1, packet: fragment, headerOffset: 40)
    }
    #expect(FragmentReassembly.reassemble(pieces) == packet)
    #expect(Fragmenter.fragments(of: packet, mtu: 1500, identification: 1) == [packet])
}
