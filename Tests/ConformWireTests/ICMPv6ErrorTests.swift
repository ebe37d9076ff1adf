import Testing
@testable import ConformWire

@Suite struct ICMPv6ErrorTests {
    /// An error from the NUT back to TN1 about `invoking`, an IPv6 packet given as layers.
    static func error(_ fields: [(abbrev: String, value: FieldValue)], invoking: [LayerSpec]) -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.nutLinkLocal)), ("ipv6.dst", .ipv6(Fixtures.tn1LinkLocal))]),
            LayerSpec("icmpv6", fields),
        ] + invoking
    }

    static var invokingEcho: [LayerSpec] { Array(FrameBuilderTests.echoRequestLayers().dropFirst()) }

    @Test func packetTooBigCarriesTheInvokingPacket() throws {
        let d = Dissector.dissect(Fixtures.packetTooBig)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:icmpv6:ipv6:icmpv6:data"))
        #expect(d.values("icmpv6.type") == [.uint(2), .uint(128)])
        #expect(d.uint("icmpv6.mtu") == 1280)
        // The invoking packet's checksum is not verified, as in Wireshark.
        #expect(d.values("icmpv6.checksum.status") == [.uint(1), .uint(2)])
        #expect(d.values("ipv6.src") == [.ipv6(Fixtures.nutLinkLocal), .ipv6(Fixtures.tn1LinkLocal)])
        #expect(d.first("icmpv6.echo.identifier") == .uint(0x1234))
        #expect(d.expert.isEmpty)

        let built = try FrameBuilder.build(Self.error([("icmpv6.type", .uint(2)), ("icmpv6.mtu", .uint(1280))], invoking: Self.invokingEcho))
        #expect(built == Fixtures.packetTooBig)
    }

    @Test func parameterProblemPointer() throws {
        let d = Dissector.dissect(Fixtures.parameterProblem)
        #expect(d.uint("icmpv6.type") == 4)
        #expect(d.uint("icmpv6.pointer") == 40)
        #expect(d.layers == ["eth", "ethertype", "ipv6", "icmpv6", "ipv6", "ipv6.hopopts", "icmpv6", "data"])
        #expect(d.uint("ipv6.opt.router_alert") == 0)

        var invoking = Self.invokingEcho
        invoking.insert(contentsOf: [LayerSpec("ipv6.hopopts"),
                                     LayerSpec("ipv6.opt", [("ipv6.opt.type", .uint(5)), ("ipv6.opt.router_alert", .uint(0))])], at: 1)
        let built = try FrameBuilder.build(Self.error([("icmpv6.type", .uint(4)), ("icmpv6.pointer", .uint(40))], invoking: invoking))
        #expect(built == Fixtures.parameterProblem)
    }

    @Test func destinationUnreachable() throws {
        let d = Dissector.dissect(Fixtures.destinationUnreachable)
        #expect(d.uint("icmpv6.type") == 1)
        #expect(d.first("icmpv6.reserved") == .bytes([0, 0, 0, 0]))
        let built = try FrameBuilder.build(Self.error([("icmpv6.type", .uint(1))], invoking: Self.invokingEcho))
        #expect(built == Fixtures.destinationUnreachable)
    }

    @Test func truncatedInvokingPacket() {
        let d = Dissector.dissect(Fixtures.timeExceededTruncated)
        #expect(d.uint("icmpv6.type") == 3)
        #expect(d.uint("icmpv6.checksum.status") == 1)
        #expect(d.layers == ["eth", "ethertype", "ipv6", "icmpv6", "ipv6"])
        // The part of the invoking header that is there is decoded.
        #expect(d.values("ipv6.src").count == 2)
        #expect(d.values("ipv6.dst").count == 1)
    }

    @Test func invokingPacketLengthIsNotFlagged() throws {
        // A whole invoking packet whose payload length claims more than the error carries.
        var invoking = Self.invokingEcho
        invoking[0].fields.append(("ipv6.plen", .uint(1000)))
        let d = Dissector.dissect(try FrameBuilder.build(Self.error([("icmpv6.type", .uint(3))], invoking: invoking)))
        #expect(d.expert.isEmpty)
        #expect(d.values("icmpv6.checksum.status") == [.uint(1), .uint(2)])
    }

    @Test func errorFieldsBelongToTheirType() {
        let wrong = Self.error([("icmpv6.type", .uint(1)), ("icmpv6.mtu", .uint(1280))], invoking: Self.invokingEcho)
        #expect(throws: BuildError.self) { try FrameBuilder.build(wrong) }
    }
}

@Suite struct RFC4884LengthTests {
    /// Destination Unreachable whose first unused octet is an RFC 4884 length of one
    /// 64-bit word: tshark shows the length and three reserved octets, and still decodes
    /// the whole quoted packet.
    @Test func nonZeroLengthIsShownBeforeThreeReservedOctets() throws {
        let built = try FrameBuilder.build(ICMPv6ErrorTests.error([("icmpv6.type", .uint(1)), ("icmpv6.length", .uint(1))],
                                                                  invoking: ICMPv6ErrorTests.invokingEcho))
        let d = Dissector.dissect(built)
        #expect(d.uint("icmpv6.length") == 1)
        #expect(d.first("icmpv6.reserved") == .bytes([0, 0, 0]))
        #expect(d.values("ipv6.plen").count == 2)
        #expect(d.values("icmpv6.echo.sequence_number").count == 1)
        #expect(d.first("icmpv6.checksum.status") == .uint(1))
    }
}
