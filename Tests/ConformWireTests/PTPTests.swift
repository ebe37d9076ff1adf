import Testing
@testable import ConformWire

@Suite struct PTPTests {
    static let gptpMAC = MACAddress([0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e])
    static let portMAC = MACAddress([0x02, 0x00, 0x00, 0x00, 0x00, 0x01])
    static let clock: UInt64 = 0x0200_00ff_fe00_0001

    static func message(_ type: UInt64, _ fields: [(abbrev: String, value: FieldValue)] = [], tlvs: [LayerSpec] = []) -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(gptpMAC)), ("eth.src", .ether(portMAC))]),
            LayerSpec("ptp.v2", [("ptp.v2.messagetype", .uint(type)), ("ptp.v2.clockidentity", .uint(clock)),
                                 ("ptp.v2.sourceportid", .uint(1)), ("ptp.v2.sequenceid", .uint(4711))] + fields),
        ] + tlvs
    }

    static func sync() throws -> [UInt8] { try FrameBuilder.build(message(0, [("ptp.v2.correction.ns", .uint(1234))])) }

    static func followUp() throws -> [UInt8] {
        try FrameBuilder.build(message(8, [("ptp.v2.fu.preciseorigintimestamp.seconds", .uint(1_700_000_000)),
                                           ("ptp.v2.fu.preciseorigintimestamp.nanoseconds", .uint(999_999_999))],
                                       tlvs: [LayerSpec("ptp.as.fu", [("ptp.as.fu.cumulativeScaledRateOffset", .uint(0x0100_0000)),
                                                                      ("ptp.as.fu.scaledLastGmFreqChange", .int(-5))])]))
    }

    static func pdelayRequest() throws -> [UInt8] { try FrameBuilder.build(message(2)) }

    static func pdelayResponse() throws -> [UInt8] {
        try FrameBuilder.build(message(3, [("ptp.v2.pdrs.requestreceipttimestamp.seconds", .uint(12)),
                                           ("ptp.v2.pdrs.requestreceipttimestamp.nanoseconds", .int(345)),
                                           ("ptp.v2.pdrs.requestingportidentity", .uint(0x1122_3344_5566_7788)),
                                           ("ptp.v2.pdrs.requestingsourceportid", .uint(2))]))
    }

    static func pdelayResponseFollowUp() throws -> [UInt8] {
        try FrameBuilder.build(message(10, [("ptp.v2.pdfu.responseorigintimestamp.seconds", .uint(12)),
                                            ("ptp.v2.pdfu.responseorigintimestamp.nanoseconds", .int(5_000_345)),
                                            ("ptp.v2.pdfu.requestingportidentity", .uint(0x1122_3344_5566_7788)),
                                            ("ptp.v2.pdfu.requestingsourceportid", .uint(2))]))
    }

    static func announce() throws -> [UInt8] {
        try FrameBuilder.build(message(11, [("ptp.v2.an.priority1", .uint(246)), ("ptp.v2.an.grandmasterclockclass", .uint(248)),
                                            ("ptp.v2.an.grandmasterclockaccuracy", .uint(0xfe)), ("ptp.v2.an.grandmasterclockvariance", .uint(0x4100)),
                                            ("ptp.v2.an.priority2", .uint(248)), ("ptp.v2.an.grandmasterclockidentity", .uint(clock)),
                                            ("ptp.v2.an.localstepsremoved", .uint(1)), ("ptp.v2.timesource", .uint(0xa0)),
                                            ("ptp.v2.an.origincurrentutcoffset", .int(37)),
                                            ("ptp.v2.an.pathsequence", .uint(clock)), ("ptp.v2.an.pathsequence", .uint(0xaabb_ccff_fedd_eeff))]))
    }

    static func signaling() throws -> [UInt8] {
        try FrameBuilder.build(message(12, [("ptp.v2.sig.targetportidentity", .uint(0xffff_ffff_ffff_ffff)),
                                            ("ptp.v2.sig.targetportid", .uint(0xffff))],
                                       tlvs: [LayerSpec("ptp.as.sig", [("ptp.as.sig.tlv.timesyncinterval", .int(-4)),
                                                                       ("ptp.as.sig.tlv.flags.rateratio", .bool(true)),
                                                                       ("ptp.as.sig.tlv.flags.meanlinkdelay", .bool(true))])]))
    }

    /// Frames for the tshark cross-check: one of each message, plus a cut and an overlong one.
    static func crossCheckFrames() throws -> [[UInt8]] {
        let all = [try sync(), try followUp(), try pdelayRequest(), try pdelayResponse(), try pdelayResponseFollowUp(),
                   try announce(), try signaling()]
        var overlong = try announce()
        overlong[17] = 0xf0
        return all + [Array(try followUp().prefix(60)), overlong]
    }

    @Test func lengthsMatchTheProfile() throws {
        // IEEE 802.1AS-2020: Sync 44, Follow_Up 76, Pdelay 54, Announce 64 + path trace, Signaling 60.
        #expect(try Self.sync().count - 14 == 44)
        #expect(try Self.followUp().count - 14 == 76)
        #expect(try Self.pdelayRequest().count - 14 == 54)
        #expect(try Self.pdelayResponse().count - 14 == 54)
        #expect(try Self.pdelayResponseFollowUp().count - 14 == 54)
        #expect(try Self.announce().count - 14 == 64 + 4 + 16)
        #expect(try Self.signaling().count - 14 == 60)
    }

    @Test func syncHeader() throws {
        let d = Dissector.dissect(try Self.sync())
        #expect(d.first("frame.protocols") == .string("eth:ethertype:ptp"))
        #expect(d.uint("eth.type") == 0x88f7)
        #expect(d.uint("ptp.v2.majorsdoid") == 1)
        #expect(d.uint("ptp.v2.versionptp") == 2)
        #expect(d.uint("ptp.v2.messagelength") == 44)
        #expect(d.first("ptp.v2.flags.twostep") == .bool(true))
        #expect(d.uint("ptp.v2.correction.ns") == 1234)
        #expect(d.uint("ptp.v2.clockidentity") == Self.clock)
        #expect(d.uint("ptp.v2.sequenceid") == 4711)
        #expect(d.uint("ptp.v2.controlfield") == 0)
        #expect(d.first("ptp.v2.logmessageperiod") == .int(-3))
        #expect(d.expert.isEmpty)
    }

    @Test func followUpInformationTLV() throws {
        let d = Dissector.dissect(try Self.followUp())
        #expect(d.uint("ptp.v2.messagelength") == 76)
        #expect(d.uint("ptp.v2.controlfield") == 2)
        #expect(d.uint("ptp.v2.fu.preciseorigintimestamp.seconds") == 1_700_000_000)
        #expect(d.uint("ptp.as.fu.tlvType") == 3)
        #expect(d.uint("ptp.as.fu.lengthField") == 28)
        #expect(d.uint("ptp.as.fu.organizationId") == 0x0080c2)
        #expect(d.first("ptp.as.fu.organizationSubType") == .int(1))
        #expect(d.uint("ptp.as.fu.cumulativeScaledRateOffset") == 0x0100_0000)
        #expect(d.first("ptp.as.fu.scaledLastGmFreqChange") == .int(-5))
    }

    @Test func pdelayResponseEchoesTheRequester() throws {
        let d = Dissector.dissect(try Self.pdelayResponse())
        #expect(d.uint("ptp.v2.pdrs.requestingportidentity") == 0x1122_3344_5566_7788)
        #expect(d.uint("ptp.v2.pdrs.requestingsourceportid") == 2)
        #expect(d.first("ptp.v2.pdrs.requestreceipttimestamp.nanoseconds") == .int(345))
        #expect(d.first("ptp.v2.logmessageperiod") == .int(127))
    }

    @Test func announcePathTrace() throws {
        let d = Dissector.dissect(try Self.announce())
        #expect(d.uint("ptp.v2.an.tlvType") == 8)
        #expect(d.uint("ptp.v2.an.lengthField") == 16)
        #expect(d.values("ptp.v2.an.pathsequence") == [.uint(Self.clock), .uint(0xaabb_ccff_fedd_eeff)])
        #expect(d.uint("ptp.v2.an.priority1") == 246)
        #expect(d.first("ptp.v2.an.origincurrentutcoffset") == .int(37))
    }

    @Test func signalingIntervalRequestDefaultsToNoChange() throws {
        let d = Dissector.dissect(try Self.signaling())
        #expect(d.first("ptp.as.sig.tlv.timesyncinterval") == .int(-4))
        #expect(d.first("ptp.as.sig.tlv.linkdelayinterval") == .int(-128))
        #expect(d.first("ptp.as.sig.tlv.announceinterval") == .int(-128))
        #expect(d.uint("ptp.as.sig.tlv.flags") == 0x06)
    }

    @Test func aMessageTypeMustBeGiven() {
        #expect(throws: BuildError.self) { try FrameBuilder.build([LayerSpec("eth"), LayerSpec("ptp.v2")]) }
    }

    @Test func aBodyFieldOfAnotherTypeIsRefused() {
        #expect(throws: BuildError.self) {
            try FrameBuilder.build(Self.message(0, [("ptp.v2.an.priority1", .uint(1))]))
        }
    }

    @Test func anInteger8OutOfRangeIsRefused() {
        #expect(throws: BuildError.self) {
            try FrameBuilder.build(Self.message(0, [("ptp.v2.logmessageperiod", .int(200))]))
        }
    }

    @Test func lengthsBeyondTheFrameAreReported() throws {
        let cut = Dissector.dissect(Array(try Self.followUp().prefix(60)))
        #expect(cut.expert.contains { $0.abbrev == "ptp.v2.msg_len_too_large" })
        #expect(cut.values("ptp.as.fu.tlvType").isEmpty)
        var tlvOverrun = try Self.announce()
        tlvOverrun[14 + 64 + 3] = 0xff
        #expect(Dissector.dissect(tlvOverrun).expert.contains { $0.abbrev == "_ws.malformed" })
    }

    @Test func hostileBytesAfterThePTPEtherTypeNeverTrap() throws {
        var rng = RobustnessTests.SplitMix64(state: 0x88f7)
        let seeds = try Self.crossCheckFrames()
        for round in 0..<20_000 {
            var frame = seeds[round % seeds.count]
            frame = Array(frame.prefix(Int.random(in: 14...frame.count, using: &rng)))
            for _ in 0..<Int.random(in: 1...6, using: &rng) where frame.count > 14 {
                frame[Int.random(in: 14..<frame.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            let d = Dissector.dissect(frame)
            #expect(d.layers.contains("ptp"))
        }
    }
}
