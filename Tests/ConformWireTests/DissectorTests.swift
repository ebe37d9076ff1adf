import Testing
@testable import ConformWire

@Suite struct DissectorTests {
    @Test func echoRequest() {
        let d = Dissector.dissect(Fixtures.echoRequest)
        #expect(d.layers == ["eth", "ethertype", "ipv6", "icmpv6", "data"])
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:icmpv6:data"))
        #expect(d.first("frame.len") == .uint(UInt64(Fixtures.echoRequest.count)))
        #expect(d.first("eth.dst") == .ether(Fixtures.nutMAC))
        #expect(d.first("eth.src") == .ether(Fixtures.tn1MAC))
        #expect(d.uint("eth.type") == 0x86dd)
        #expect(d.uint("ipv6.version") == 6)
        #expect(d.uint("ip.version") == 6)
        #expect(d.uint("ipv6.plen") == 12)
        #expect(d.uint("ipv6.nxt") == 58)
        #expect(d.uint("ipv6.hlim") == 64)
        #expect(d.first("ipv6.src") == .ipv6(Fixtures.tn1LinkLocal))
        #expect(d.first("ipv6.dst") == .ipv6(Fixtures.nutLinkLocal))
        // As Wireshark, either-direction fields occur once per address.
        #expect(d.values("eth.addr") == [.ether(Fixtures.nutMAC), .ether(Fixtures.tn1MAC)])
        #expect(d.values("ipv6.addr") == [.ipv6(Fixtures.tn1LinkLocal), .ipv6(Fixtures.nutLinkLocal)])
        #expect(d.uint("icmpv6.type") == 128)
        #expect(d.uint("icmpv6.checksum") == 0x8fae)
        #expect(d.uint("icmpv6.checksum.status") == 1)
        #expect(d.uint("icmpv6.echo.identifier") == 0x1234)
        #expect(d.uint("icmpv6.echo.sequence_number") == 1)
        #expect(d.first("data.data") == .bytes(Array("ping".utf8)))
        #expect(d.first("data.len") == .int(4))
        #expect(d.expert.isEmpty)
    }

    @Test func echoReplyOffsets() {
        let d = Dissector.dissect(Fixtures.echoReply)
        #expect(d.uint("icmpv6.type") == 129)
        let identifier = d.fields.first { $0.abbrev == "icmpv6.echo.identifier" }
        #expect(identifier?.offset == 58)
        #expect(identifier?.length == 2)
        let data = d.fields.first { $0.abbrev == "data.data" }
        #expect(data?.offset == 62)
        #expect(data?.length == 4)
    }

    @Test func neighborSolicitationWithSourceLinkLayerAddress() {
        let d = Dissector.dissect(Fixtures.nsWithSLLAO)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ipv6:icmpv6"))
        #expect(d.uint("icmpv6.type") == 135)
        #expect(d.uint("icmpv6.checksum.status") == 1)
        #expect(d.first("icmpv6.reserved") == .bytes([0, 0, 0, 0]))
        #expect(d.first("icmpv6.nd.ns.target_address") == .ipv6(Fixtures.nutLinkLocal))
        #expect(d.uint("icmpv6.opt.type") == 1)
        #expect(d.uint("icmpv6.opt.length") == 1)
        // As tshark: the generic and the role-specific field, both over the same 6 bytes.
        #expect(d.values("icmpv6.opt.linkaddr") == [.bytes(Fixtures.tn1MAC.bytes)])
        #expect(d.values("icmpv6.opt.src_linkaddr") == [.bytes(Fixtures.tn1MAC.bytes)])
        #expect(d.fields.first { $0.abbrev == "icmpv6.opt.src_linkaddr" }?.offset == 80)
        #expect(d.expert.isEmpty)
    }

    @Test func neighborAdvertisementFlagsAndTargetLinkLayerAddress() {
        let d = Dissector.dissect(Fixtures.naWithTLLA)
        #expect(d.uint("icmpv6.type") == 136)
        #expect(d.uint("icmpv6.nd.na.flag") == 0x6000_0000)
        #expect(d.first("icmpv6.nd.na.flag.r") == .bool(false))
        #expect(d.first("icmpv6.nd.na.flag.s") == .bool(true))
        #expect(d.first("icmpv6.nd.na.flag.o") == .bool(true))
        #expect(d.uint("icmpv6.nd.na.flag.rsv") == 0)
        #expect(d.first("icmpv6.nd.na.target_address") == .ipv6(Fixtures.nutLinkLocal))
        #expect(d.values("icmpv6.opt.target_linkaddr") == [.bytes(Fixtures.nutMAC.bytes)])
        #expect(d.values("icmpv6.opt.linkaddr") == [.bytes(Fixtures.nutMAC.bytes)])
        #expect(d.values("icmpv6.opt.src_linkaddr").isEmpty)
    }

    @Test func routerAdvertisementWithPrefixAndMTU() {
        let d = Dissector.dissect(Fixtures.raWithPrefixAndMTU)
        #expect(d.uint("icmpv6.type") == 134)
        #expect(d.uint("icmpv6.checksum.status") == 1)
        #expect(d.uint("icmpv6.nd.ra.cur_hop_limit") == 64)
        #expect(d.uint("icmpv6.nd.ra.flag") == 0xc0)
        #expect(d.first("icmpv6.nd.ra.flag.m") == .bool(true))
        #expect(d.first("icmpv6.nd.ra.flag.o") == .bool(true))
        #expect(d.uint("icmpv6.nd.ra.flag.prf") == 0)
        #expect(d.uint("icmpv6.nd.ra.router_lifetime") == 1800)
        #expect(d.uint("icmpv6.nd.ra.reachable_time") == 30000)
        #expect(d.uint("icmpv6.nd.ra.retrans_timer") == 1000)
        #expect(d.values("icmpv6.opt.type") == [.uint(3), .uint(5)])
        #expect(d.values("icmpv6.opt.length") == [.uint(4), .uint(1)])
        #expect(d.uint("icmpv6.opt.prefix.length") == 64)
        #expect(d.first("icmpv6.opt.prefix.flag.l") == .bool(true))
        #expect(d.first("icmpv6.opt.prefix.flag.a") == .bool(true))
        #expect(d.uint("icmpv6.opt.prefix.valid_lifetime") == 2_592_000)
        #expect(d.uint("icmpv6.opt.prefix.preferred_lifetime") == 604_800)
        #expect(d.first("icmpv6.opt.prefix") == .ipv6(IPv6Address(text: "2001:db8:0:1::")!))
        #expect(d.uint("icmpv6.opt.mtu") == 1500)
        #expect(d.expert.isEmpty)
    }

    @Test func badChecksumIsReportedNotHidden() {
        var bytes = Fixtures.echoRequest
        bytes[57] ^= 0xff
        let d = Dissector.dissect(bytes)
        #expect(d.uint("icmpv6.checksum.status") == 0)
        #expect(d.expert.contains { $0.abbrev == "icmpv6.checksum_bad.expert" && $0.group == .checksum })
        // Decoding goes on after the bad checksum.
        #expect(d.uint("icmpv6.echo.sequence_number") == 1)
    }

    @Test func zeroLengthOptionStopsOptionParsing() {
        var bytes = Fixtures.nsWithSLLAO
        bytes[79] = 0
        let d = Dissector.dissect(bytes)
        #expect(d.values("icmpv6.opt.type") == [.uint(1)])
        #expect(d.values("icmpv6.opt.linkaddr").isEmpty)
        #expect(d.expert.contains { $0.abbrev == "icmpv6.invalid_option_length" && $0.offset == 79 })
    }

    @Test func optionLongerThanPacketIsMalformed() {
        var bytes = Fixtures.nsWithSLLAO
        bytes[79] = 9
        let d = Dissector.dissect(bytes)
        #expect(d.expert.contains { $0.group == .malformed && $0.offset == 79 })
    }

    @Test func truncatedIPv6HeaderIsMalformed() {
        let d = Dissector.dissect(Array(Fixtures.echoRequest.prefix(30)))
        #expect(d.layers == ["eth", "ethertype", "ipv6"])
        #expect(d.uint("ipv6.plen") == 12)
        #expect(d.first("ipv6.src") == nil)
        #expect(d.expert.contains { $0.abbrev == "_ws.malformed" })
    }

    @Test func payloadLengthBeyondCaptureLeavesChecksumUnverified() {
        var bytes = Fixtures.echoRequest
        bytes[19] = 40
        let cut = Dissector.dissect(bytes, frame: FrameInfo(number: 1, timestampNs: 0, originalLength: bytes.count + 28))
        #expect(cut.expert.contains { $0.abbrev == "_ws.malformed" && $0.offset == 18 })
        #expect(cut.uint("icmpv6.checksum.status") == 2)
        // Sent short rather than cut by the capture: verified over the bytes there are (and
        // good here, as the message is whole), as tshark does.
        let short = Dissector.dissect(bytes)
        #expect(short.uint("icmpv6.checksum.status") == 1)
    }

    @Test func paddingAfterThePayload() {
        let bytes = Fixtures.echoRequest + [0, 0, 0, 0]
        let d = Dissector.dissect(bytes)
        #expect(d.first("data.data") == .bytes(Array("ping".utf8)))
        #expect(d.first("eth.padding") == nil)
        #expect(d.first("eth.trailer") == .bytes([0, 0, 0, 0]))
        let short = Dissector.dissect(Fixtures.hex("ffffffffffff020000000001" + "1234") + [UInt8](repeating: 0xaa, count: 10))
        #expect(short.first("data.data") == .bytes([UInt8](repeating: 0xaa, count: 10)))
    }

    @Test func vlanTaggedFrame() {
        let tagged = Array(Fixtures.echoRequest[0..<12]) + [0x81, 0x00, 0xa0, 0x05] + Array(Fixtures.echoRequest[12...])
        let d = Dissector.dissect(tagged)
        #expect(d.first("frame.protocols") == .string("eth:ethertype:vlan:ethertype:ipv6:icmpv6:data"))
        #expect(d.uint("eth.type") == 0x8100)
        #expect(d.uint("vlan.priority") == 5)
        #expect(d.first("vlan.dei") == .bool(false))
        #expect(d.uint("vlan.id") == 5)
        #expect(d.uint("vlan.etype") == 0x86dd)
        #expect(d.uint("icmpv6.checksum.status") == 1)
    }

    @Test func unknownEtherTypeIsData() {
        let d = Dissector.dissect(Fixtures.hex("ffffffffffff020000000001" + "88b5" + "0102030405"))
        #expect(d.layers == ["eth", "ethertype", "data"])
        #expect(d.first("data.data") == .bytes([1, 2, 3, 4, 5]))
    }

    @Test func unknownICMPv6TypeBodyIsNotDecoded() {
        var bytes = Fixtures.echoRequest
        bytes[54] = 200
        let d = Dissector.dissect(bytes)
        #expect(d.uint("icmpv6.type") == 200)
        #expect(d.first("icmpv6.echo.identifier") == nil)
        // As tshark 4.0 ("Dissector for ICMPv6 Type not implemented"): no data layer.
        #expect(d.first("data.data") == nil)
        #expect(d.layers.last == "icmpv6")
    }

    @Test func trafficClassAndFlowLabel() {
        var bytes = Fixtures.echoRequest
        bytes.replaceSubrange(14..<18, with: [0x6a, 0xb1, 0x23, 0x45])
        let d = Dissector.dissect(bytes)
        #expect(d.uint("ipv6.version") == 6)
        #expect(d.uint("ipv6.tclass") == 0xab)
        #expect(d.uint("ipv6.tclass.dscp") == 0xab >> 2)
        #expect(d.uint("ipv6.tclass.ecn") == 3)
        #expect(d.uint("ipv6.flow") == 0x12345)
    }
}
