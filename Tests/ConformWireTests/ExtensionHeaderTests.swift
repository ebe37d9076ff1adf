import Testing
@testable import ConformWire

@Suite struct ExtensionHeaderTests {
    static func echo(after extensionLayers: [LayerSpec]) -> [LayerSpec] {
        var layers = FrameBuilderTests.echoRequestLayers()
        layers.insert(contentsOf: extensionLayers, at: 2)
        return layers
    }

    @Test func hopByHopWithRouterAlert() throws {
        let d = Dissector.dissect(Fixtures.hopByHop)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:ipv6.hopopts:icmpv6:data"))
        #expect(d.uint("ipv6.nxt") == 0)
        #expect(d.uint("ipv6.hopopts.nxt") == 58)
        #expect(d.uint("ipv6.hopopts.len") == 0)
        #expect(d.uint("ipv6.hopopts.len_oct") == 8)
        #expect(d.values("ipv6.opt.type") == [.uint(5), .uint(1)])
        #expect(d.values("ipv6.opt.length") == [.uint(2), .uint(0)])
        #expect(d.uint("ipv6.opt.router_alert") == 0)
        #expect(d.values("ipv6.opt.padn") == [.bytes([])])
        #expect(d.uint("icmpv6.checksum.status") == 1)
        #expect(d.expert.isEmpty)

        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.hopopts"),
            LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(5)), ("ipv6.opt.router_alert", .uint(0))]),
        ]))
        #expect(built == Fixtures.hopByHop)
    }

    @Test func destinationOptionsWithUnknownOptionAndPadding() throws {
        let d = Dissector.dissect(Fixtures.destinationOptions)
        #expect(d.layers.contains("ipv6.dstopts"))
        #expect(d.values("ipv6.opt.type") == [.uint(0x80), .uint(0), .uint(1)])
        #expect(d.values("ipv6.opt.type.action") == [.uint(2), .uint(0)])
        #expect(d.values("ipv6.opt.type.change") == [.bool(false), .bool(false)])
        #expect(d.first("ipv6.opt.unknown") == .bytes([0xaa]))
        #expect(d.expert.map(\.abbrev) == ["ipv6.opt.unknown_data.expert"])
        #expect(d.uint("icmpv6.checksum.status") == 1)

        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.dstopts"),
            LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0x80)), ("ipv6.opt.unknown", .bytes([0xaa]))]),
            LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0))]),
        ]))
        #expect(built == Fixtures.destinationOptions)
    }

    @Test func optionTypeFromActionBits() throws {
        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.dstopts"),
            LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0x1e)), ("ipv6.opt.type.action", .uint(3)),
                                   ("ipv6.opt.unknown", .bytes([1, 2]))]),
        ]))
        let d = Dissector.dissect(built)
        #expect(d.first("ipv6.opt.type") == .uint(0xde))
        // 2 + 4 bytes of option, padded with a PadN of 2 octets.
        #expect(d.values("ipv6.opt.type") == [.uint(0xde), .uint(1)])
        #expect(d.uint("icmpv6.checksum.status") == 1)
    }

    @Test func routingType0UsesFinalDestinationForChecksum() throws {
        let d = Dissector.dissect(Fixtures.routingType0)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:ipv6.routing:icmpv6:data"))
        #expect(d.uint("ipv6.routing.len") == 2)
        #expect(d.uint("ipv6.routing.len_oct") == 24)
        #expect(d.uint("ipv6.routing.type") == 0)
        #expect(d.uint("ipv6.routing.segleft") == 1)
        #expect(d.first("ipv6.routing.src.addr") == .ipv6(IPv6Address(text: "2001:db8::1")!))
        #expect(d.uint("icmpv6.checksum.status") == 1)

        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.routing", [("ipv6.routing.type", .uint(0)), ("ipv6.routing.src.addr", .string("2001:db8::1"))]),
        ]))
        #expect(built == Fixtures.routingType0)
    }

    @Test func routingOtherTypeKeepsData() throws {
        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.routing", [("ipv6.routing.type", .uint(253)), ("ipv6.routing.segleft", .uint(3))]),
        ]))
        let d = Dissector.dissect(built)
        #expect(d.uint("ipv6.routing.type") == 253)
        #expect(d.uint("ipv6.routing.segleft") == 3)
        #expect(d.first("ipv6.routing.unknown_data") == .bytes([0, 0, 0, 0]))
        #expect(d.uint("icmpv6.checksum.status") == 1)
    }

    @Test func firstFragmentIsNotReassembled() throws {
        let d = Dissector.dissect(Fixtures.firstFragment)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:ipv6.fraghdr:data"))
        #expect(d.uint("ipv6.fraghdr.nxt") == 58)
        #expect(d.uint("ipv6.fraghdr.offset") == 0)
        #expect(d.first("ipv6.fraghdr.more") == .bool(true))
        #expect(d.uint("ipv6.fraghdr.ident") == 0xabcd_ef01)
        #expect(d.first("icmpv6.type") == nil)
        #expect(d.first("data.len") == .int(12))

        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.fraghdr", [("ipv6.fraghdr.more", .bool(true)), ("ipv6.fraghdr.ident", .uint(0xabcd_ef01))]),
        ]))
        #expect(built == Fixtures.firstFragment)
    }

    @Test func atomicFragmentIsDecoded() throws {
        let d = Dissector.dissect(Fixtures.atomicFragment)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:ipv6.fraghdr:icmpv6:data"))
        #expect(d.uint("icmpv6.checksum.status") == 1)
        let built = try FrameBuilder.build(Self.echo(after: [LayerSpec("ipv6.fraghdr", [("ipv6.fraghdr.ident", .uint(0x1122_3344))])]))
        #expect(built == Fixtures.atomicFragment)
    }

    @Test func laterFragmentOffset() throws {
        let layers = [
            LayerSpec("eth"), LayerSpec("ipv6"),
            LayerSpec("ipv6.fraghdr", [("ipv6.fraghdr.nxt", .uint(58)), ("ipv6.fraghdr.offset", .uint(185))]),
            LayerSpec("data", [("data.data", .bytes([1, 2, 3, 4, 5, 6, 7, 8]))]),
        ]
        let bytes = try FrameBuilder.build(layers)
        #expect(Array(bytes[56..<58]) == [0x05, 0xc8])
        #expect(Dissector.dissect(bytes).uint("ipv6.fraghdr.offset") == 185)
    }

    @Test func hopByHopNotFirstIsFlagged() throws {
        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.dstopts"), LayerSpec("ipv6.hopopts"),
        ]))
        let d = Dissector.dissect(built)
        #expect(d.layers.suffix(4) == ["ipv6.dstopts", "ipv6.hopopts", "icmpv6", "data"])
        #expect(d.expert.contains { $0.abbrev == "ipv6.hopopts.not_first" && $0.offset == 62 })
        #expect(d.uint("icmpv6.checksum.status") == 1)
    }

    @Test func explicitLengthsAreWrittenVerbatim() throws {
        let built = try FrameBuilder.build(Self.echo(after: [
            LayerSpec("ipv6.hopopts", [("ipv6.hopopts.len", .uint(7))]),
            LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(1)), ("ipv6.opt.length", .uint(9))]),
        ]))
        let d = Dissector.dissect(built)
        #expect(d.uint("ipv6.hopopts.len") == 7)
        #expect(d.expert.contains { $0.abbrev == "_ws.malformed" })
    }

    @Test func malformedOptionLengthIsReported() {
        var bytes = Fixtures.hopByHop
        bytes[57] = 9
        let d = Dissector.dissect(bytes)
        #expect(d.expert.contains { $0.abbrev == "ipv6.opt.invalid_len" && $0.offset == 57 })
        #expect(d.uint("icmpv6.type") == 128)
    }

    @Test func optionLayerErrors() {
        #expect(throws: BuildError.self) { try FrameBuilder.build([LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("ipv6.opt")]) }
        let padWithLength = Self.echo(after: [LayerSpec("ipv6.hopopts"),
                                              LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(0)), ("ipv6.opt.length", .uint(1))])])
        #expect(throws: BuildError.self) { try FrameBuilder.build(padWithLength) }
        let alertWithPadding = Self.echo(after: [LayerSpec("ipv6.hopopts"),
                                                 LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(5)), ("ipv6.opt.padn", .bytes([0]))])])
        #expect(throws: BuildError.self) { try FrameBuilder.build(alertWithPadding) }
    }
}
