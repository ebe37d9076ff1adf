import Testing
@testable import ConformWire

@Suite struct MLDTests {
    static let group = IPv6Address(text: "ff02::1:ff00:2")!
    static let mldv2Routers = IPv6Address(text: "ff02::16")!

    static func message(to destination: IPv6Address, _ fields: [(abbrev: String, value: FieldValue)], then more: [LayerSpec] = []) -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.tn1LinkLocal)), ("ipv6.dst", .ipv6(destination)), ("ipv6.hlim", .uint(1))]),
            LayerSpec("icmpv6", fields),
        ] + more
    }

    @Test func version1QueryAndDone() throws {
        let query = Dissector.dissect(Fixtures.mldQuery)
        #expect(query.uint("icmpv6.mld.maximum_response_delay") == 10000)
        #expect(query.first("icmpv6.mld.multicast_address") == .ipv6(.unspecified))
        #expect(query.first("icmpv6.mld.maximum_response_code") == nil)
        #expect(try FrameBuilder.build(Self.message(to: .allNodes, [("icmpv6.type", .uint(130)),
                                                                    ("icmpv6.mld.maximum_response_delay", .uint(10000))])) == Fixtures.mldQuery)
        let done = Dissector.dissect(Fixtures.mldDone)
        #expect(done.first("icmpv6.mld.multicast_address") == .ipv6(Self.group))
        #expect(try FrameBuilder.build(Self.message(to: .allNodes, [("icmpv6.type", .uint(132)),
                                                                    ("icmpv6.mld.multicast_address", .ipv6(Self.group))])) == Fixtures.mldDone)
    }

    @Test func version2Query() throws {
        let d = Dissector.dissect(Fixtures.mldv2Query)
        #expect(d.uint("icmpv6.mld.maximum_response_code") == 10000)
        #expect(d.first("icmpv6.mld.flag.s") == .bool(true))
        #expect(d.uint("icmpv6.mld.flag.qrv") == 2)
        #expect(d.uint("icmpv6.mld.qqi") == 125)
        #expect(d.uint("icmpv6.mld.nb_sources") == 1)
        #expect(d.values("icmpv6.mld.source_address") == [.ipv6(Fixtures.tn1LinkLocal)])
        let built = try FrameBuilder.build(Self.message(to: .allNodes, [
            ("icmpv6.type", .uint(130)), ("icmpv6.mld.maximum_response_code", .uint(10000)),
            ("icmpv6.mld.multicast_address", .ipv6(Self.group)), ("icmpv6.mld.flag.s", .bool(true)),
            ("icmpv6.mld.flag.qrv", .uint(2)), ("icmpv6.mld.qqi", .uint(125)),
            ("icmpv6.mld.source_address", .ipv6(Fixtures.tn1LinkLocal)),
        ]))
        #expect(built == Fixtures.mldv2Query)
    }

    @Test func version2ReportRecords() throws {
        let d = Dissector.dissect(Fixtures.mldv2Report)
        #expect(d.uint("icmpv6.mldr.nb_mcast_records") == 2)
        #expect(d.values("icmpv6.mldr.mar.record_type") == [.uint(4), .uint(3)])
        #expect(d.values("icmpv6.mldr.mar.nb_sources") == [.uint(0), .uint(1)])
        #expect(d.values("icmpv6.mldr.mar.multicast_address") == [.ipv6(Self.group), .ipv6(Self.group)])
        #expect(d.values("icmpv6.mldr.mar.source_address") == [.ipv6(Fixtures.nutLinkLocal)])
        #expect(d.expert.isEmpty)
        let built = try FrameBuilder.build(Self.message(to: Self.mldv2Routers, [("icmpv6.type", .uint(143))], then: [
            LayerSpec("icmpv6.mldr.mar", [("icmpv6.mldr.mar.record_type", .uint(4)), ("icmpv6.mldr.mar.multicast_address", .ipv6(Self.group))]),
            LayerSpec("icmpv6.mldr.mar", [("icmpv6.mldr.mar.record_type", .uint(3)), ("icmpv6.mldr.mar.multicast_address", .ipv6(Self.group)),
                                          ("icmpv6.mldr.mar.source_address", .ipv6(Fixtures.nutLinkLocal))]),
        ]))
        #expect(built == Fixtures.mldv2Report)
    }

    @Test func recordCountBeyondTheBytesIsMalformed() {
        var bytes = Fixtures.mldv2Report
        bytes[61] = 200
        let d = Dissector.dissect(bytes)
        #expect(d.values("icmpv6.mldr.mar.record_type").count == 2)
        #expect(d.expert.contains { $0.abbrev == "_ws.malformed" })
    }

    @Test func auxiliaryDataMustBeWords() {
        let layers = Self.message(to: Self.mldv2Routers, [("icmpv6.type", .uint(143))], then: [
            LayerSpec("icmpv6.mldr.mar", [("icmpv6.mldr.mar.record_type", .uint(1)), ("icmpv6.mldr.mar.auxiliary_data", .bytes([1, 2]))]),
        ])
        #expect(throws: BuildError.self) { try FrameBuilder.build(layers) }
    }
}
