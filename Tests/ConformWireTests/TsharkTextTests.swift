import Testing
@testable import ConformWire

@Suite struct TsharkTextTests {
    static func text(_ value: FieldValue, _ descriptor: FieldDescriptor) -> String { TsharkText.text(value, for: descriptor) }

    @Test func integersInTheFieldsBase() {
        #expect(Self.text(.uint(2), TCP.flags) == "0x0002")
        #expect(Self.text(.uint(0xe000_0000), ICMPv6.naFlag) == "0xe0000000")
        #expect(Self.text(.uint(0x9abcd), IPv6.flowLabel) == "0x09abcd")
        #expect(Self.text(.uint(0), IPv6.hopLimit) == "0")
        #expect(Self.text(.uint(18_446_744_073_709_551_615), IPv6.hopLimit) == "18446744073709551615")
        #expect(Self.text(.int(-42), DataLayer.length) == "-42")
        #expect(Self.text(.bool(true), ICMPv6.naFlagS) == "1")
        #expect(Self.text(.bool(false), ICMPv6.naFlagS) == "0")
    }

    @Test func bytesPlainOrSeparatedAndEmpty() {
        #expect(Self.text(.bytes([0, 0x0a, 0xff]), ICMPv6.reserved) == "000aff")
        #expect(Self.text(.bytes([2, 0, 0, 0, 0, 1]), NDOption.linkAddress) == "02:00:00:00:00:01")
        #expect(Self.text(.bytes([]), IPv6Option.padN) == "<none>")
        #expect(Self.text(.ether(MACAddress(text: "0A:1b:2c:3d:4e:5f")!), Ethernet.source) == "0a:1b:2c:3d:4e:5f")
    }

    /// `inet_ntop` forms, as tshark prints IPv6 addresses.
    @Test(arguments: [
        ("fe80::1", "fe80::1"), ("::", "::"), ("::1", "::1"), ("2001:db8::", "2001:db8::"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"), ("::ffff:192.0.2.7", "::ffff:192.0.2.7"),
        ("::192.0.2.7", "::192.0.2.7"), ("::2", "::2"), ("ff02::1:ff00:2", "ff02::1:ff00:2"),
    ])
    func ipv6LikeInetNtop(input: String, printed: String) {
        #expect(Self.text(.ipv6(IPv6Address(text: input)!), IPv6.source) == printed)
    }

    @Test func epochWithNineDecimals() {
        #expect(FrameInfo(number: 1, timestampNs: 1_700_000_000_000_000_123, originalLength: 0).epochText == "1700000000.000000123")
        #expect(FrameInfo(number: 1, timestampNs: 0, originalLength: 0).epochText == "0.000000000")
        #expect(FrameInfo(number: 1, timestampNs: -1, originalLength: 0).epochText == "-0.000000001")
    }

    @Test func formatterJoinsOccurrencesAndKeepsColumns() {
        let fields = ["frame.number", "ipv6.addr", "icmpv6.type", "ipv6.addr", "tcp.flags"].compactMap(FieldRegistry.descriptor(for:))
        var formatter = TsharkFieldsFormatter(fields: fields)
        var out: [UInt8] = []
        let frame = FrameInfo(number: 7, timestampNs: 0, originalLength: Fixtures.echoRequest.count)
        formatter.appendLine(for: Dissector.dissect(Fixtures.echoRequest, frame: frame), to: &out)
        formatter.appendLine(for: Dissector.dissect(Fixtures.echoReply, frame: frame), to: &out)
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[0] == "7\tfe80::1,fe80::200:0:0:2\t128\tfe80::1,fe80::200:0:0:2\t")
        #expect(lines[1].hasSuffix("\t129\tfe80::200:0:0:2,fe80::1\t"))
        #expect(lines[2].isEmpty)
    }

    @Test func jsonHasEveryOccurrenceWithItsPlace() {
        var out: [UInt8] = []
        var bytes = Fixtures.echoRequest
        bytes[56] ^= 0xff
        Dissector.dissect(bytes).appendJSON(to: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix(#"{"layers":["eth","ethertype","ipv6","icmpv6","data"],"fields":[{"name":"frame.len","value":"66","offset":0,"length":0}"#))
        #expect(text.contains(#"{"name":"ipv6.src","value":"fe80::1","offset":22,"length":16}"#))
        #expect(text.contains(#""expert":[{"name":"icmpv6.checksum_bad.expert","group":"checksum","severity":"error","message":"Bad checksum","offset":56}]"#))
    }
}
