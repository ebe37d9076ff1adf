import Testing
@testable import ConformWire

@Suite struct WireFunctionsTests {
    @Test func solicitedNodeAddress() {
        let f = WireFunctions.named("solicited_node")
        #expect(f?.arity == 1)
        #expect(f?.apply([.ipv6(IPv6Address(text: "fe80::2aa:ff:fe28:9c5a")!)]) == .ipv6(IPv6Address(text: "ff02::1:ff28:9c5a")!))
        #expect(f?.apply([.string("2001:db8::1")]) == .ipv6(IPv6Address(text: "ff02::1:ff00:1")!))
        #expect(f?.apply([.string("not an address")]) == nil)
        #expect(f?.apply([]) == nil)
    }

    @Test func multicastMAC() {
        let f = WireFunctions.named("multicast_mac")
        #expect(f?.apply([.string("ff02::1:ff28:9c5a")]) == .ether(MACAddress(text: "33:33:ff:28:9c:5a")!))
        #expect(f?.apply([.ipv6(.allNodes)]) == .ether(MACAddress(text: "33:33:00:00:00:01")!))
    }

    @Test func linkLocalFromMAC() {
        let f = WireFunctions.named("link_local")
        // RFC 4291 Appendix A: the universal/local bit is inverted.
        #expect(f?.apply([.string("00:aa:00:28:9c:5a")]) == .ipv6(IPv6Address(text: "fe80::2aa:ff:fe28:9c5a")!))
        #expect(f?.apply([.ether(Fixtures.tn1MAC)]) == .ipv6(IPv6Address(text: "fe80::ff:fe00:1")!))
        #expect(f?.apply([.uint(1)]) == nil)
    }

    @Test func composes() {
        let mac = WireFunctions.named("multicast_mac")?.apply([WireFunctions.named("solicited_node")!.apply([.ipv6(Fixtures.nutLinkLocal)])!])
        #expect(mac == .ether(MACAddress(text: "33:33:ff:00:00:02")!))
        #expect(WireFunctions.named("nope") == nil)
        #expect(Set(WireFunctions.all.map(\.name)).count == WireFunctions.all.count)
    }
}

@Suite struct InternetChecksumTests {
    @Test func rfc1071Example() {
        // RFC 1071 §3: the sum of 0001 f203 f4f5 f6f7 is ddf2 (before complement).
        #expect(InternetChecksum.checksum([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]) == ~UInt16(0xddf2))
        #expect(InternetChecksum.checksum([]) == 0xffff)
        // An odd byte is padded with zero on the right.
        #expect(InternetChecksum.checksum([0x12]) == ~UInt16(0x1200))
    }

    @Test func ipv6PseudoHeaderOverValidMessageIsZero() {
        for fixture in Fixtures.all {
            let message = Array(fixture[54...])
            let src = IPv6Address(Array(fixture[22..<38]))
            let dst = IPv6Address(Array(fixture[38..<54]))
            #expect(InternetChecksum.ipv6(source: src, destination: dst, nextHeader: 58, upperLayer: message) == 0)
            #expect(InternetChecksum.ipv6(source: dst, destination: src, nextHeader: 17, upperLayer: message) != 0)
        }
    }
}
