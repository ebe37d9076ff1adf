import Testing
@testable import ConformWire

@Suite struct IPv4Tests {
    static let host1 = IPv4Address(text: "192.0.2.1")!
    static let host2 = IPv4Address(text: "192.0.2.2")!

    static func datagram(_ ipFields: [(abbrev: String, value: FieldValue)] = []) -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ip", [("ip.src", .ipv4(host1)), ("ip.dst", .string("192.0.2.2")), ("ip.id", .uint(0x1234)),
                             ("ip.flags.df", .bool(true))] + ipFields),
            LayerSpec("udp", [("udp.srcport", .uint(5000)), ("udp.dstport", .uint(5001))]),
            LayerSpec("data", [("data.data", .bytes(Array("hello".utf8)))]),
        ]
    }

    static func arpReply() -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.tn1MAC)), ("eth.src", .ether(Fixtures.nutMAC))]),
            LayerSpec("arp", [("arp.opcode", .uint(2)), ("arp.src.hw_mac", .ether(Fixtures.nutMAC)),
                              ("arp.src.proto_ipv4", .ipv4(host2)), ("arp.dst.hw_mac", .ether(Fixtures.tn1MAC)),
                              ("arp.dst.proto_ipv4", .ipv4(host1))]),
        ]
    }

    /// Frames for the tshark cross-check.
    static func crossCheckFrames() throws -> [[UInt8]] {
        var hardwareType6 = Fixtures.arpRequest
        hardwareType6[15] = 6
        var ethernetAndIPv6 = Fixtures.arpRequest
        ethernetAndIPv6.replaceSubrange(16..<18, with: [0x86, 0xdd])
        return [
            Fixtures.udpOverIPv4, Fixtures.arpRequest, try FrameBuilder.build(arpReply()),
            try FrameBuilder.build(datagram([("ip.checksum", .uint(0xbad))])),
            try FrameBuilder.build(datagram([("ip.flags.mf", .bool(true)), ("ip.ttl", .uint(1)), ("ip.dsfield", .uint(0xb9))])),
            try FrameBuilder.build(datagram([("ip.frag_offset", .uint(100)), ("ip.len", .uint(500))])),
            hardwareType6, ethernetAndIPv6, Fixtures.icmpEchoRequest,
            try FrameBuilder.build([LayerSpec("eth"), LayerSpec("ip"), LayerSpec("icmp", [("icmp.type", .uint(0)), ("icmp.checksum", .uint(1))])]),
        ]
    }

    @Test func udpOverIPv4() throws {
        let d = Dissector.dissect(Fixtures.udpOverIPv4)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ip:udp:data"))
        #expect(d.uint("ip.version") == 4)
        #expect(d.uint("ip.hdr_len") == 20)
        #expect(d.uint("ip.len") == 33)
        #expect(d.uint("ip.id") == 0x1234)
        #expect(d.uint("ip.flags") == 2)
        #expect(d.first("ip.flags.df") == .bool(true))
        #expect(d.first("ip.flags.mf") == .bool(false))
        #expect(d.uint("ip.ttl") == 64)
        #expect(d.uint("ip.proto") == 17)
        #expect(d.uint("ip.checksum.status") == 1)
        #expect(d.first("ip.src") == .ipv4(Self.host1))
        #expect(d.first("ip.dst") == .ipv4(Self.host2))
        #expect(d.values("ip.addr") == [.ipv4(Self.host1), .ipv4(Self.host2)])
        #expect(d.uint("udp.checksum.status") == 1)
        #expect(d.first("data.data") == .bytes(Array("hello".utf8)))
        #expect(d.expert.isEmpty)
        #expect(try FrameBuilder.build(Self.datagram()) == Fixtures.udpOverIPv4)
    }

    @Test func badHeaderChecksumIsReported() throws {
        let d = Dissector.dissect(try FrameBuilder.build(Self.datagram([("ip.checksum", .uint(0xbad))])))
        #expect(d.uint("ip.checksum") == 0xbad)
        #expect(d.uint("ip.checksum.status") == 0)
        #expect(d.expert.contains { $0.abbrev == "ip.checksum_bad.expert" })
    }

    @Test func fragmentsAreNotReassembled() throws {
        let d = Dissector.dissect(try FrameBuilder.build(Self.datagram([("ip.flags.mf", .bool(true))])))
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ip:data"))
        #expect(d.first("data.len") == .int(13))
    }

    @Test func bogusLengths() throws {
        var shortHeader = Fixtures.udpOverIPv4
        shortHeader[14] = 0x44
        #expect(Dissector.dissect(shortHeader).expert.contains { $0.abbrev == "ip.bogus_header_length" })
        let long = Dissector.dissect(try FrameBuilder.build(Self.datagram([("ip.len", .uint(500))])))
        #expect(long.expert.contains { $0.abbrev == "ip.bogus_ip_length" && $0.offset == 16 })
        #expect(long.uint("udp.checksum.status") == 2)
    }

    @Test func headerLengthIsWrittenVerbatim() throws {
        let bytes = try FrameBuilder.build(Self.datagram([("ip.hdr_len", .uint(24))]))
        #expect(bytes[14] == 0x46)
        #expect(throws: BuildError.self) { try FrameBuilder.build(Self.datagram([("ip.hdr_len", .uint(22))])) }
    }

    @Test func icmpEcho() throws {
        let d = Dissector.dissect(Fixtures.icmpEchoRequest)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ip:icmp:data"))
        #expect(d.uint("ip.proto") == 1)
        #expect(d.uint("icmp.type") == 8)
        #expect(d.uint("icmp.checksum.status") == 1)
        #expect(d.uint("icmp.ident") == 0x1234)
        #expect(d.uint("icmp.seq") == 1)
        #expect(d.first("data.data") == .bytes(Array("ping".utf8)))
        let built = try FrameBuilder.build([
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ip", [("ip.src", .ipv4(Self.host1)), ("ip.dst", .ipv4(Self.host2)), ("ip.id", .uint(0x1234)), ("ip.flags.df", .bool(true))]),
            LayerSpec("icmp", [("icmp.type", .uint(8)), ("icmp.ident", .uint(0x1234)), ("icmp.seq", .uint(1))]),
            LayerSpec("data", [("data.data", .bytes(Array("ping".utf8)))]),
        ])
        #expect(built == Fixtures.icmpEchoRequest)
        var bad = Fixtures.icmpEchoRequest
        bad[37] ^= 1
        #expect(Dissector.dissect(bad).expert.map(\.abbrev) == ["icmp.checksum_bad.expert"])
    }

    @Test func unknownICMPTypeBodyIsData() throws {
        // As for ICMPv6, the body of a type Conform does not decode is kept as data
        // (tshark shows nothing for it).
        let d = Dissector.dissect(try FrameBuilder.build([
            LayerSpec("eth"), LayerSpec("ip"), LayerSpec("icmp", [("icmp.type", .uint(200))]),
            LayerSpec("data", [("data.data", .bytes([1, 2, 3, 4]))]),
        ]))
        #expect(d.uint("icmp.checksum.status") == 1)
        #expect(d.first("icmp.ident") == nil)
        #expect(d.first("data.data") == .bytes([1, 2, 3, 4]))
    }

    @Test func arpRequest() throws {
        let d = Dissector.dissect(Fixtures.arpRequest)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:arp"))
        #expect(d.uint("arp.hw.type") == 1)
        #expect(d.uint("arp.proto.type") == 0x0800)
        #expect(d.uint("arp.opcode") == 1)
        #expect(d.first("arp.src.hw_mac") == .ether(Fixtures.tn1MAC))
        #expect(d.first("arp.src.proto_ipv4") == .ipv4(Self.host1))
        #expect(d.first("arp.dst.proto_ipv4") == .ipv4(Self.host2))
        #expect(d.first("eth.padding") == .bytes([UInt8](repeating: 0, count: 18)))
        let built = try FrameBuilder.build([
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("arp", [("arp.opcode", .uint(1)), ("arp.src.hw_mac", .ether(Fixtures.tn1MAC)),
                              ("arp.src.proto_ipv4", .ipv4(Self.host1)), ("arp.dst.proto_ipv4", .ipv4(Self.host2))]),
            LayerSpec("raw", [("raw.data", .bytes([UInt8](repeating: 0, count: 18)))]),
        ])
        #expect(built == Fixtures.arpRequest)
    }

    @Test func arpWithOtherAddressSizes() {
        var frame = Fixtures.arpRequest
        frame[18] = 2
        let d = Dissector.dissect(frame)
        #expect(d.first("arp.src.hw") == .bytes([0x02, 0x00]))
        #expect(d.first("arp.src.hw_mac") == nil)
        #expect(d.first("arp.src.proto_ipv4") == .ipv4(IPv4Address([0, 0, 0, 0x01])))
        frame = Fixtures.arpRequest
        frame[16] = 0x86
        let other = Dissector.dissect(frame)
        #expect(other.first("arp.src.hw_mac") == .ether(Fixtures.tn1MAC))
        #expect(other.first("arp.src.proto") == .bytes([0xc0, 0, 2, 1]))
    }

    @Test func arpNeedsAnOpcode() {
        #expect(throws: BuildError.self) { try FrameBuilder.build([LayerSpec("eth"), LayerSpec("arp")]) }
        #expect(Dissector.dissect((try? FrameBuilder.build(Self.arpReply())) ?? []).uint("arp.opcode") == 2)
    }

    /// A Linux kernel's port unreachable for a UDP datagram from 192.0.2.1 to port 40002,
    /// captured on a veth pair; the quoted UDP checksum was left to offload, so it is bad.
    static let portUnreachable = Fixtures.hex("b6f1f642420d9a842228f3ee080045c00045417100004001b483c0000202c00002010303bf630000000045000029b6d740004011ffe8c0000201c0000202de409c420015842a636f6e666f726d2d3030303030")

    @Test func destinationUnreachableQuotesTheDatagram() {
        let d = Dissector.dissect(Self.portUnreachable)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ip:icmp:ip:udp:data"))
        #expect(d.values("icmp.type") == [.uint(3)])
        #expect(d.first("icmp.checksum.status") == .uint(1))
        #expect(d.first("icmp.unused") == .bytes([0, 0, 0, 0]))
        #expect(d.values("ip.src") == [.ipv4(IPv4Address([192, 0, 2, 2])), .ipv4(IPv4Address([192, 0, 2, 1]))])
        #expect(d.uint("udp.dstport") == 40002)
        #expect(d.first("udp.checksum.status") == .uint(0))
        #expect(!d.expert.contains { $0.abbrev == "ip.bogus_ip_length" })
    }
}
