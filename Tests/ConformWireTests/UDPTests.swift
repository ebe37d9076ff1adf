import Testing
@testable import ConformWire

@Suite struct UDPTests {
    static func datagram(_ udpFields: [(abbrev: String, value: FieldValue)] = [], ipv6Fields: [(abbrev: String, value: FieldValue)] = [])
        -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.tn1LinkLocal)), ("ipv6.dst", .ipv6(Fixtures.nutLinkLocal))] + ipv6Fields),
            LayerSpec("udp", [("udp.srcport", .uint(5000)), ("udp.dstport", .uint(5001))] + udpFields),
            LayerSpec("data", [("data.data", .bytes(Array("hello".utf8)))]),
        ]
    }

    /// Frames for the tshark cross-check: good, zero checksum, wrong checksum, too long.
    static func crossCheckFrames() throws -> [[UInt8]] {
        [
            Fixtures.udpOverIPv6,
            try FrameBuilder.build(datagram([("udp.checksum", .uint(0))])),
            try FrameBuilder.build(datagram([("udp.checksum", .uint(0x1234))])),
            try FrameBuilder.build(datagram([("udp.length", .uint(200))])),
        ]
    }

    @Test func overIPv6() throws {
        let d = Dissector.dissect(Fixtures.udpOverIPv6)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:udp:data"))
        #expect(d.uint("udp.srcport") == 5000)
        #expect(d.uint("udp.dstport") == 5001)
        #expect(d.values("udp.port") == [.uint(5000), .uint(5001)])
        #expect(d.uint("udp.length") == 13)
        #expect(d.uint("udp.checksum") == 0x95ec)
        #expect(d.uint("udp.checksum.status") == 1)
        #expect(d.first("data.data") == .bytes(Array("hello".utf8)))
        #expect(d.expert.isEmpty)
        #expect(try FrameBuilder.build(Self.datagram()) == Fixtures.udpOverIPv6)
    }

    @Test func zeroChecksumOverIPv6IsIllegal() throws {
        let d = Dissector.dissect(try FrameBuilder.build(Self.datagram([("udp.checksum", .uint(0))])))
        #expect(d.uint("udp.checksum") == 0)
        #expect(d.uint("udp.checksum.status") == 4)
        #expect(d.expert.contains { $0.abbrev == "udp.checksum.zero" })
    }

    @Test func wrongChecksumAndLengthAreWrittenVerbatimAndReported() throws {
        let badSum = Dissector.dissect(try FrameBuilder.build(Self.datagram([("udp.checksum", .uint(0x1234))])))
        #expect(badSum.uint("udp.checksum.status") == 0)
        #expect(badSum.expert.contains { $0.abbrev == "udp.checksum.bad" })
        let badLength = Dissector.dissect(try FrameBuilder.build(Self.datagram([("udp.length", .uint(200))])))
        #expect(badLength.uint("udp.length") == 200)
        #expect(badLength.uint("udp.checksum.status") == 2)
        #expect(badLength.expert.contains { $0.abbrev == "udp.length.bad" && $0.offset == 58 })
    }

    @Test func shorterLengthLeavesTheRestAsPadding() throws {
        let d = Dissector.dissect(try FrameBuilder.build(Self.datagram([("udp.length", .uint(10))])))
        #expect(d.first("data.data") == .bytes(Array("he".utf8)))
        #expect(d.uint("udp.checksum.status") == 0)
    }

    @Test func ipv6NextHeaderDefaultsToUDP() throws {
        let d = Dissector.dissect(try FrameBuilder.build(Self.datagram()))
        #expect(d.uint("ipv6.nxt") == 17)
    }

    @Test func checksumNeedsAnIPLayer() {
        let layers = [LayerSpec("eth", [("eth.type", .uint(0x88b5))]), LayerSpec("udp")]
        #expect(throws: BuildError.self) { try FrameBuilder.build(layers) }
    }
}
