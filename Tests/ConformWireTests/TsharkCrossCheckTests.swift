import Testing
@testable import ConformWire

@Suite(.enabled(if: TsharkOracle.isAvailable, "tshark is not installed at /usr/bin/tshark: cross-check skipped"))
struct TsharkCrossCheckTests {
    /// Fields Conform registers that are not Wireshark's.
    static let conformOnly: Set<String> = ["raw.data"]

    static func frames() throws -> [[UInt8]] {
        var badChecksum = Fixtures.nsWithSLLAO
        badChecksum[56] ^= 0x5a
        var zeroLengthOption = Fixtures.nsWithSLLAO
        zeroLengthOption[79] = 0
        var layers = FrameBuilderTests.echoRequestLayers()
        layers.insert(LayerSpec("vlan", [("vlan.priority", .uint(6)), ("vlan.dei", .bool(true)), ("vlan.id", .uint(42))]), at: 1)
        layers[2].fields += [("ipv6.tclass", .uint(0xb8)), ("ipv6.flow", .uint(0x9abcd))]
        let tagged = try FrameBuilder.build(layers)
        var naFlags = Fixtures.naWithTLLA
        naFlags[58] = 0xe0
        return Fixtures.all + [badChecksum, zeroLengthOption, tagged, naFlags] + Fixtures.extensionHeaders + Fixtures.icmpv6Errors + [Fixtures.raWithRouteInformationAndRDNSS, Fixtures.redirect, try NDOptionTests.dnsslFrame()]
            + Fixtures.mld + (try TCPTests.crossCheckFrames())
            + (try UDPTests.crossCheckFrames()) + (try IPv4Tests.crossCheckFrames())
    }

    @Test func everyRegisteredFieldMatchesTshark() throws {
        let frames = try Self.frames()
        let abbrevs = FieldRegistry.all.map(\.abbrev).filter { !Self.conformOnly.contains($0) }
        let rows = try TsharkOracle.fields(abbrevs, of: frames)
        try #require(rows.count == frames.count)
        for (index, frame) in frames.enumerated() {
            // The oracle's pcap stamps frame N (from 0) at N seconds.
            let info = FrameInfo(number: index + 1, timestampNs: Int64(index) * 1_000_000_000, originalLength: frame.count)
            let dissection = Dissector.dissect(frame, frame: info)
            for (column, abbrev) in abbrevs.enumerated() {
                let theirs = column < rows[index].count ? rows[index][column] : ""
                let ours = TsharkOracle.text(of: abbrev, in: dissection)
                #expect(ours == theirs, "frame \(index + 1) \(abbrev): ours \(ours) vs tshark \(theirs)")
            }
        }
    }

    @Test func builtChecksumsAreGoodForTshark() throws {
        let frames = try Self.frames()
        let rows = try TsharkOracle.fields(["icmpv6.checksum.status"], of: [frames[7]] + Fixtures.all)
        #expect(rows.map { $0.first ?? "" } == Array(repeating: "1", count: 6))
    }
}
