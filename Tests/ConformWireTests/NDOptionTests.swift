import Testing
@testable import ConformWire

@Suite struct NDOptionTests {
    static let router = IPv6Address(text: "fe80::3")!
    static let routerMAC = MACAddress(text: "02:00:00:00:00:01")!

    @Test func routeInformationRDNSSAndNonce() throws {
        let d = Dissector.dissect(Fixtures.raWithRouteInformationAndRDNSS)
        #expect(d.values("icmpv6.opt.type") == [.uint(24), .uint(25), .uint(14)])
        #expect(d.uint("icmpv6.opt.prefix.length") == 48)
        #expect(d.uint("icmpv6.opt.route_info.flag.route_preference") == 1)
        #expect(d.uint("icmpv6.opt.route_lifetime") == 600)
        #expect(d.first("icmpv6.opt.prefix") == .ipv6(IPv6Address(text: "2001:db8:1::")!))
        #expect(d.uint("icmpv6.opt.rdnss.lifetime") == 1200)
        #expect(d.values("icmpv6.opt.rdnss") == [.ipv6(IPv6Address(text: "2001:db8::53")!), .ipv6(IPv6Address(text: "2001:db8::54")!)])
        #expect(d.first("icmpv6.opt.nonce") == .bytes([1, 2, 3, 4, 5, 6]))
        #expect(d.expert.isEmpty)

        let built = try FrameBuilder.build([
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Self.routerMAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Self.router)), ("ipv6.dst", .ipv6(.allNodes)), ("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(134))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(24)), ("icmpv6.opt.prefix.length", .uint(48)),
                                     ("icmpv6.opt.route_info.flag.route_preference", .uint(1)),
                                     ("icmpv6.opt.route_lifetime", .uint(600)), ("icmpv6.opt.prefix", .string("2001:db8:1::"))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(25)), ("icmpv6.opt.rdnss.lifetime", .uint(1200)),
                                     ("icmpv6.opt.rdnss", .string("2001:db8::53")), ("icmpv6.opt.rdnss", .string("2001:db8::54"))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(14)), ("icmpv6.opt.nonce", .bytes([1, 2, 3, 4, 5, 6]))]),
        ])
        #expect(built == Fixtures.raWithRouteInformationAndRDNSS)
    }

    /// RA carrying a DNSSL option with two names (RFC 8106 §5.2).
    static func dnsslFrame() throws -> [UInt8] {
        try FrameBuilder.build([
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Self.routerMAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Self.router)), ("ipv6.dst", .ipv6(.allNodes)), ("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(134))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(31)), ("icmpv6.opt.dnssl.lifetime", .uint(900)),
                                     ("icmpv6.opt.dnssl", .string("example.com")), ("icmpv6.opt.dnssl", .string("lab.example.org"))]),
        ])
    }

    @Test func dnsSearchListRoundTrips() throws {
        let frame = try Self.dnsslFrame()
        // 8 fixed octets + 13 + 17 octets of names = 38, padded to 40: length 5.
        let d = Dissector.dissect(frame)
        #expect(d.values("icmpv6.opt.length") == [.uint(5)])
        #expect(d.uint("icmpv6.opt.dnssl.lifetime") == 900)
        #expect(d.values("icmpv6.opt.dnssl") == [.string("example.com"), .string("lab.example.org")])
        #expect(d.first("icmpv6.checksum.status") == .uint(1))
        #expect(d.expert.isEmpty)
    }

    @Test func dnsSearchListStopsAtTheFirstNameNotWhole() throws {
        var frame = try Self.dnsslFrame()
        // The second name's first label claims 60 octets, past the option's end: the first
        // name is shown, the second is not (as tshark), and nothing traps.
        frame[14 + 40 + 16 + 8 + 13] = 60
        let d = Dissector.dissect(frame)
        #expect(d.values("icmpv6.opt.dnssl") == [.string("example.com")])
        frame[14 + 40 + 16 + 8] = 60
        #expect(Dissector.dissect(frame).values("icmpv6.opt.dnssl").isEmpty)
    }

    @Test func redirectWithRedirectedHeader() throws {
        let d = Dissector.dissect(Fixtures.redirect)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:icmpv6:ipv6:icmpv6:data"))
        #expect(d.values("icmpv6.type") == [.uint(137), .uint(128)])
        #expect(d.first("icmpv6.nd.rd.target_address") == .ipv6(IPv6Address(text: "fe80::4")!))
        #expect(d.first("icmpv6.rd.na.destination_address") == .ipv6(IPv6Address(text: "2001:db8::99")!))
        #expect(d.values("icmpv6.opt.type") == [.uint(2), .uint(4)])
        #expect(d.values("icmpv6.checksum.status") == [.uint(1), .uint(2)])
        #expect(d.expert.isEmpty)

        let destination = IPv6Address(text: "2001:db8::99")!
        let built = try FrameBuilder.build([
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Self.routerMAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Self.router)), ("ipv6.dst", .ipv6(Fixtures.tn1LinkLocal)), ("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(137)), ("icmpv6.nd.rd.target_address", .string("fe80::4")),
                                 ("icmpv6.rd.na.destination_address", .ipv6(destination))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(2)), ("icmpv6.opt.target_linkaddr", .string("02:00:00:00:00:04"))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(4))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.tn1LinkLocal)), ("ipv6.dst", .ipv6(destination))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(128)), ("icmpv6.echo.identifier", .uint(0x1234)),
                                 ("icmpv6.echo.sequence_number", .uint(1))]),
            LayerSpec("data", [("data.data", .bytes(Array("ping".utf8)))]),
        ])
        #expect(built == Fixtures.redirect)
    }

    @Test func routeInformationPrefixSizeFollowsPrefixLength() throws {
        for (bits, units) in [(0, 1), (64, 2), (65, 3)] as [(UInt64, UInt64)] {
            let d = Dissector.dissect(try FrameBuilder.build([
                LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("icmpv6", [("icmpv6.type", .uint(134))]),
                LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(24)), ("icmpv6.opt.prefix.length", .uint(bits)),
                                         ("icmpv6.opt.prefix", .string("2001:db8:1:2:3::"))]),
            ]))
            #expect(d.uint("icmpv6.opt.length") == units)
        }
    }

    @Test func optionFieldsBelongToTheirType() {
        let layers = [LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("icmpv6", [("icmpv6.type", .uint(133))]),
                      LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(25)), ("icmpv6.opt.mtu", .uint(1500))])]
        #expect(throws: BuildError.self) { try FrameBuilder.build(layers) }
    }
}
