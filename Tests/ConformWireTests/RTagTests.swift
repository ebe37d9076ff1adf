import Testing
@testable import ConformWire

/// IEEE 802.1CB R-TAG: built and dissected against hand-written bytes (802.1CB §7.8 layout).
@Suite struct RTagTests {
    static let frame: [UInt8] = [
        0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01,   // dst, src
        0x81, 0x00, 0xa0, 0x64,                            // VLAN: PCP 5, VID 100
        0xf1, 0xc1,                                        // R-TAG EtherType
        0x00, 0x00, 0x12, 0x34, 0x88, 0xb5,                // reserved, sequence 0x1234, next type
        0xde, 0xad,
    ]

    @Test func buildsAVLANTaggedFrameWithAnRTag() throws {
        let layers = [
            LayerSpec("eth", [("eth.dst", .string("02:00:00:00:00:02")), ("eth.src", .string("02:00:00:00:00:01"))]),
            LayerSpec("vlan", [("vlan.priority", .uint(5)), ("vlan.id", .uint(100))]),
            LayerSpec("ieee8021cb", [("ieee8021cb.seq", .uint(0x1234)), ("ieee8021cb.etype", .uint(0x88b5))]),
            LayerSpec("data", [("data.data", .bytes([0xde, 0xad]))]),
        ]
        #expect(try FrameBuilder.build(layers) == Self.frame)
    }

    @Test func dissectsTheSequenceAndTheInnerType() {
        let dissection = Dissector.dissect(Self.frame)
        #expect(dissection.first("ieee8021cb.seq") == .uint(0x1234))
        #expect(dissection.first("ieee8021cb.etype") == .uint(0x88b5))
        #expect(dissection.first("vlan.etype") == .uint(0xf1c1))
        #expect(dissection.first("data.data") == .bytes([0xde, 0xad]))
    }

    @Test func aTruncatedTagDoesNotTrap() {
        let dissection = Dissector.dissect(Array(Self.frame.prefix(20)))
        #expect(dissection.first("ieee8021cb.seq") == nil)
    }
}
