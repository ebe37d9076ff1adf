import Testing
@testable import ConformWire

@Suite struct TCPTests {
    static func segment(_ tcpFields: [(abbrev: String, value: FieldValue)], options: [LayerSpec] = [], data: [UInt8] = []) -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.tn1LinkLocal)), ("ipv6.dst", .ipv6(Fixtures.nutLinkLocal))]),
            LayerSpec("tcp", [("tcp.srcport", .uint(40000)), ("tcp.dstport", .uint(40001)), ("tcp.window_size_value", .uint(65535))] + tcpFields),
        ] + options + (data.isEmpty ? [] : [LayerSpec("data", [("data.data", .bytes(data))])])
    }

    static let synOptions: [LayerSpec] = [
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(2)), ("tcp.options.mss_val", .uint(1440))]),
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(1))]),
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(3)), ("tcp.options.wscale.shift", .uint(7))]),
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(4))]),
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(8)), ("tcp.options.timestamp.tsval", .uint(0x1111_1111))]),
    ]

    static let sackOptions: [LayerSpec] = [
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(1))]),
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(1))]),
        LayerSpec("tcp.option", [("tcp.option_kind", .uint(5)), ("tcp.options.sack_le", .uint(5000)), ("tcp.options.sack_re", .uint(6000))]),
    ]

    static func crossCheckFrames() throws -> [[UInt8]] {
        [
            Fixtures.tcpSyn, Fixtures.tcpData,
            try FrameBuilder.build(segment([("tcp.seq", .uint(7)), ("tcp.flags.fin", .bool(true)), ("tcp.flags.ack", .bool(true)),
                                            ("tcp.checksum", .uint(0xdead))])),
            try FrameBuilder.build(segment([("tcp.flags.syn", .bool(true))],
                                           options: [LayerSpec("tcp.option", [("tcp.option_kind", .uint(2))])])),
        ]
    }

    @Test func synWithOptions() throws {
        let d = Dissector.dissect(Fixtures.tcpSyn)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:tcp"))
        #expect(d.values("tcp.port") == [.uint(40000), .uint(40001)])
        #expect(d.uint("tcp.seq") == 1000)
        #expect(d.uint("tcp.hdr_len") == 40)
        #expect(d.uint("tcp.flags") == 0x002)
        #expect(d.first("tcp.flags.syn") == .bool(true))
        #expect(d.first("tcp.flags.ack") == .bool(false))
        #expect(d.uint("tcp.checksum.status") == 1)
        #expect(d.uint("tcp.len") == 0)
        #expect(d.values("tcp.option_kind") == [.uint(2), .uint(1), .uint(3), .uint(4), .uint(8)])
        #expect(d.uint("tcp.options.mss_val") == 1440)
        #expect(d.uint("tcp.options.wscale.shift") == 7)
        #expect(d.uint("tcp.options.wscale.multiplier") == 128)
        #expect(d.uint("tcp.options.timestamp.tsval") == 0x1111_1111)
        #expect(d.expert.isEmpty)
        let built = try FrameBuilder.build(Self.segment([("tcp.seq", .uint(1000)), ("tcp.flags.syn", .bool(true))], options: Self.synOptions))
        #expect(built == Fixtures.tcpSyn)
    }

    @Test func dataWithSACK() throws {
        let d = Dissector.dissect(Fixtures.tcpData)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:tcp:data"))
        #expect(d.uint("tcp.ack") == 2001)
        #expect(d.first("tcp.flags.push") == .bool(true))
        #expect(d.uint("tcp.len") == 5)
        #expect(d.values("tcp.options.sack_le") == [.uint(5000)])
        #expect(d.values("tcp.options.sack_re") == [.uint(6000)])
        #expect(d.first("data.data") == .bytes(Array("hello".utf8)))
        let built = try FrameBuilder.build(Self.segment([("tcp.seq", .uint(1001)), ("tcp.ack", .uint(2001)), ("tcp.flags.ack", .bool(true)),
                                                         ("tcp.flags.push", .bool(true))], options: Self.sackOptions, data: Array("hello".utf8)))
        #expect(built == Fixtures.tcpData)
    }

    @Test func explicitChecksumAndHeaderLengthAreWrittenVerbatim() throws {
        let d = Dissector.dissect(try FrameBuilder.build(Self.segment([("tcp.checksum", .uint(0xdead))])))
        #expect(d.uint("tcp.checksum") == 0xdead)
        #expect(d.uint("tcp.checksum.status") == 0)
        #expect(d.expert.contains { $0.abbrev == "tcp.checksum_bad.expert" })
        let bogus = Dissector.dissect(try FrameBuilder.build(Self.segment([("tcp.hdr_len", .uint(16))])))
        #expect(bogus.expert.contains { $0.abbrev == "tcp.bogus_header_length" })
    }

    @Test func invalidOptionLengthStopsOptionDecoding() throws {
        let d = Dissector.dissect(try FrameBuilder.build(Self.segment([], options: [
            LayerSpec("tcp.option", [("tcp.option_kind", .uint(2)), ("tcp.option_len", .uint(3)), ("tcp.options.mss_val", .uint(1))]),
        ])))
        #expect(d.expert.contains { $0.abbrev == "tcp.option.len.invalid" })
        #expect(d.first("tcp.options.mss_val") == nil)
    }

    @Test func optionLayersMustFollowTheirHeader() {
        let misplaced = [LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("ipv6.hopopts"),
                         LayerSpec("tcp.option", [("tcp.option_kind", .uint(1))]), LayerSpec("tcp")]
        #expect(throws: BuildError.self) { try FrameBuilder.build(misplaced) }
        let mixed = [LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("tcp"), LayerSpec("tcp.option", [("tcp.option_kind", .uint(1))]),
                     LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0))])]
        #expect(throws: BuildError.self) { try FrameBuilder.build(mixed) }
    }

    @Test func overIPv4() throws {
        let d = Dissector.dissect(try FrameBuilder.build([
            LayerSpec("eth"), LayerSpec("ip", [("ip.src", .string("192.0.2.1")), ("ip.dst", .string("192.0.2.2"))]),
            LayerSpec("tcp", [("tcp.srcport", .uint(1)), ("tcp.dstport", .uint(2))]), LayerSpec("data", [("data.data", .bytes([1, 2, 3]))]),
        ]))
        #expect(d.uint("ip.proto") == 6)
        #expect(d.uint("tcp.checksum.status") == 1)
        #expect(d.uint("tcp.len") == 3)
    }
}
