import ConformTime
import ConformWire
import Foundation
import Testing
@testable import ConformSim

@Suite struct GPTPSystemTests {
    static let ownIdentity: UInt64 = 0x0200_00ff_fe00_0001

    @Test func anAnsweredPortIsAsCapableAndTheGrandmasterSendsTwoStepSyncEvery125ms() throws {
        let bench = try GPTPBench(GPTPSystem.endStation)
        try bench.run(.milliseconds(1_010))
        #expect(bench.system.isAsCapable("p1"))
        #expect(bench.system.meanLinkDelay("p1") == 1_000)
        let syncs = bench.received(on: "p1", type: 0)
        let followUps = bench.received(on: "p1", type: 8)
        #expect(syncs.count == 8)
        #expect(zip(syncs, syncs.dropFirst()).allSatisfy { $1.time - $0.time == 125_000_000 })
        #expect(syncs.map { $0.d.first("ptp.v2.sequenceid") } == followUps.map { $0.d.first("ptp.v2.sequenceid") })
        let sync = try #require(syncs.first?.d)
        #expect(sync.first("ptp.v2.flags.twostep") == .bool(true))
        #expect(sync.first("ptp.v2.logmessageperiod") == .int(-3))
        #expect(sync.first("eth.dst") == .ether(GPTPMessages.destination))
        let followUp = try #require(followUps.first)
        #expect(followUp.d.first("ptp.as.fu.organizationId") == .uint(0x0080c2))
        // The preciseOriginTimestamp is the Sync's departure, one link delay before its arrival.
        #expect(followUp.d.instant("ptp.v2.fu.preciseorigintimestamp") == syncs[0].time - 1_000)
        let announces = bench.received(on: "p1", type: 11)
        #expect(announces.count == 1)
        #expect(announces.first?.d.values("ptp.v2.an.pathsequence") == [.uint(Self.ownIdentity)])
        #expect(bench.system.transmitFailures.isEmpty)
    }

    @Test func pdelayRequestsGoEverySecondAndUnansweredPortsNeverSync() throws {
        let bench = try GPTPBench(GPTPSystem.endStation)
        bench.answersPdelay = false
        try bench.run(.milliseconds(3_500))
        #expect(bench.received(on: "p1", type: 2).map(\.time) == [1_000, 1_000_001_000, 2_000_001_000, 3_000_001_000])
        #expect(bench.received(on: "p1", type: 0).isEmpty)
        #expect(bench.received(on: "p1", type: 11).isEmpty)
    }

    @Test func aLinkDelayAboveTheThresholdIsNotAsCapable() throws {
        let bench = try GPTPBench(GPTPSystem.endStation, threshold: "800ns")
        try bench.run(.milliseconds(1_500))
        #expect(bench.system.meanLinkDelay("p1") == 1_000)
        #expect(!bench.system.isAsCapable("p1"))
        #expect(bench.received(on: "p1", type: 0).isEmpty)
    }

    @Test func threeLostResponsesEndAsCapable() throws {
        let bench = try GPTPBench(GPTPSystem.endStation)
        try bench.run(.milliseconds(500))
        #expect(bench.system.isAsCapable("p1"))
        bench.answersPdelay = false
        try bench.run(.milliseconds(3_000))
        #expect(bench.system.isAsCapable("p1"))
        try bench.run(.milliseconds(1_000))
        #expect(!bench.system.isAsCapable("p1"))
    }

    @Test func theSystemAnswersPdelayEchoingTheRequester() throws {
        let bench = try GPTPBench(GPTPSystem.endStation)
        try bench.send(GPTPBench.message(2, sequence: .uint(77), []), on: "p1")
        try bench.run(.milliseconds(1))
        let response = try #require(bench.received(on: "p1", type: 3).first)
        let followUp = try #require(bench.received(on: "p1", type: 10).first)
        #expect(response.d.first("ptp.v2.sequenceid") == .uint(77))
        #expect(response.d.first("ptp.v2.pdrs.requestingportidentity") == .uint(GPTPBench.testerClock))
        #expect(followUp.d.first("ptp.v2.pdfu.requestingsourceportid") == .uint(1))
        let t2 = try #require(response.d.instant("ptp.v2.pdrs.requestreceipttimestamp"))
        let t3 = try #require(followUp.d.instant("ptp.v2.pdfu.responseorigintimestamp"))
        #expect(t3 - t2 == 100_000)
    }

    static func betterAnnounce(trace: [UInt64] = [GPTPBench.testerClock]) -> [LayerSpec] {
        GPTPBench.message(11, sequence: .uint(1), [
            ("ptp.v2.an.priority1", .uint(246)), ("ptp.v2.an.grandmasterclockclass", .uint(248)),
            ("ptp.v2.an.grandmasterclockaccuracy", .uint(0xfe)), ("ptp.v2.an.grandmasterclockvariance", .uint(0x436a)),
            ("ptp.v2.an.priority2", .uint(248)), ("ptp.v2.an.grandmasterclockidentity", .uint(GPTPBench.testerClock)),
            ("ptp.v2.an.localstepsremoved", .uint(0)), ("ptp.v2.timesource", .uint(0xa0)),
        ] + trace.map { ("ptp.v2.an.pathsequence", FieldValue.uint($0)) })
    }

    @Test func aBetterMasterIsFollowedAndItsAnnounceForwardedWithTheTraceExtended() throws {
        let bench = try GPTPBench(GPTPSystem.bridge)
        try bench.run(.milliseconds(500))
        try bench.send(Self.betterAnnounce(), on: "p1")
        try bench.run(.milliseconds(1_000))
        #expect(bench.system.grandmaster == GPTPBench.testerClock)
        #expect(bench.received(on: "p1", type: 11).isEmpty)
        let forwarded = try #require(bench.received(on: "p2", type: 11).last?.d)
        #expect(forwarded.first("ptp.v2.an.priority1") == .uint(246))
        #expect(forwarded.first("ptp.v2.an.localstepsremoved") == .uint(1))
        #expect(forwarded.values("ptp.v2.an.pathsequence") == [.uint(GPTPBench.testerClock), .uint(Self.ownIdentity)])
        try bench.run(.milliseconds(3_000))
        #expect(bench.system.grandmaster == Self.ownIdentity)
    }

    @Test func aLoopedAnnounceIsDropped() throws {
        let bench = try GPTPBench(GPTPSystem.bridge)
        try bench.run(.milliseconds(500))
        try bench.send(Self.betterAnnounce(trace: [GPTPBench.testerClock, Self.ownIdentity]), on: "p1")
        try bench.run(.milliseconds(10))
        #expect(bench.system.grandmaster == Self.ownIdentity)
    }

    @Test func aBridgeForwardsSyncWithResidenceAndUpstreamDelayInTheCorrection() throws {
        let bench = try GPTPBench(GPTPSystem.bridge)
        try bench.run(.milliseconds(500))
        try bench.send(Self.betterAnnounce(), on: "p1")
        try bench.run(.milliseconds(1))
        let sent = bench.clock.now().ns
        try bench.send(GPTPBench.message(0, sequence: .uint(5), [("ptp.v2.flags.twostep", .bool(true))]), on: "p1")
        try bench.send(GPTPBench.message(8, sequence: .uint(5), [("ptp.v2.correction.ns", .uint(300)),
                                                                 ("ptp.v2.fu.preciseorigintimestamp.seconds", .uint(1000))]) + [LayerSpec("ptp.as.fu")], on: "p1")
        try bench.run(.milliseconds(5))
        let sync = try #require(bench.received(on: "p2", type: 0).last)
        let followUp = try #require(bench.received(on: "p2", type: 8).last)
        #expect(followUp.d.first("ptp.v2.sequenceid") == sync.d.first("ptp.v2.sequenceid"))
        #expect(followUp.d.first("ptp.v2.fu.preciseorigintimestamp.seconds") == .uint(1000))
        // Arrival on p2 = send + 1 µs (p1 link) + 500 µs residence + 1 µs (p2 link).
        #expect(sync.time - sent == 502_000)
        #expect(followUp.d.first("ptp.v2.correction.ns") == .uint(300 + 1_000 + 500_000))
    }

    @Test func aFastNeighbourShowsInTheRateRatioAndTheForwardedRateOffset() throws {
        let bench = try GPTPBench(GPTPSystem.bridge)
        bench.ratePPB = 50_000
        try bench.run(.milliseconds(2_500))
        try bench.send(Self.betterAnnounce(), on: "p1")
        try bench.run(.milliseconds(1))
        try bench.send(GPTPBench.message(0, sequence: .uint(5), []), on: "p1")
        try bench.send(GPTPBench.message(8, sequence: .uint(5), [("ptp.v2.fu.preciseorigintimestamp.seconds", .uint(1000))]) + [LayerSpec("ptp.as.fu")], on: "p1")
        try bench.run(.milliseconds(5))
        let followUp = try #require(bench.received(on: "p2", type: 8).last?.d)
        // (1 + 50 ppm − 1) · 2^41 = 109 951 162.8
        #expect(followUp.first("ptp.as.fu.cumulativeScaledRateOffset") == .uint(109_951_163))
        #expect(bench.system.meanLinkDelay("p1") == 1_000)
    }

    @Test func aMessageIntervalRequestSlowsSync() throws {
        let bench = try GPTPBench(GPTPSystem.endStation)
        try bench.run(.milliseconds(130))
        try bench.send(GPTPBench.message(12, sequence: .uint(1), [("ptp.v2.sig.targetportidentity", .uint(0xffff_ffff_ffff_ffff)),
                                                                  ("ptp.v2.sig.targetportid", .uint(0xffff))])
                       + [LayerSpec("ptp.as.sig", [("ptp.as.sig.tlv.timesyncinterval", .int(-2))])], on: "p1")
        try bench.run(.milliseconds(1_000))
        let times = bench.received(on: "p1", type: 0).map(\.time).filter { $0 > 130_000_000 }
        #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 == 250_000_000 })
        #expect(bench.received(on: "p1", type: 0).last?.d.first("ptp.v2.logmessageperiod") == .int(-2))
    }

    /// A neighbour sending arbitrary PTP bytes (valid messages with random bytes overwritten,
    /// extreme timestamps included) never traps the system, and its own traffic goes on.
    @Test func hostileNeighbourFramesNeverTrapTheSystem() throws {
        let bench = try GPTPBench(GPTPSystem.bridge)
        var state: UInt64 = 0x88f7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let seeds = try [0, 2, 3, 8, 10, 11, 12].map { type in
            try FrameBuilder.build(GPTPBench.message(UInt64(type), sequence: .uint(0), []) + (type == 8 ? [LayerSpec("ptp.as.fu")] : []))
        }
        for round in 0..<3_000 {
            var frame = seeds[round % seeds.count]
            for _ in 0..<(1 + next() % 8) { frame[14 + Int(next() % UInt64(frame.count - 14))] = UInt8(truncatingIfNeeded: next()) }
            _ = try bench.links[round % 2 == 0 ? "p1" : "p2"]!.tester.send(frame)
            if round % 50 == 0 { try bench.run(.milliseconds(10)) }
        }
        try bench.run(.seconds(2))
        #expect(!bench.received(on: "p1", type: 2).isEmpty)
        #expect(bench.system.transmitFailures.isEmpty)
    }

    @Test(arguments: GPTPFault.allCases)
    func everyFaultBuildsAndChangesTheWire(fault: GPTPFault) throws {
        let unchanged = try Self.wire(of: nil) == Self.wire(of: fault)
        #expect(!unchanged, "\(fault.rawValue) leaves the scripted exchange unchanged")
    }

    /// A scripted exchange touching every behaviour a fault can break: the device's own Sync,
    /// Announce and Pdelay, a Pdelay the tester starts, an interval request on p2, a larger
    /// apparent delay on p2, a looped then a better Announce, a Sync to forward on p1, and a
    /// better master falling silent.
    static func wire(of fault: GPTPFault?) throws -> [String] {
        let bench = try GPTPBench(GPTPSystem.bridge, fault: fault?.rawValue)
        bench.ratePPB = 50_000
        try bench.send(GPTPBench.message(2, sequence: .uint(9), []), on: "p1")
        try bench.run(.milliseconds(2_100))
        try bench.send(GPTPBench.message(12, sequence: .uint(1), []) + [LayerSpec("ptp.as.sig", [("ptp.as.sig.tlv.timesyncinterval", .int(-1))])], on: "p2")
        try bench.send(Self.betterAnnounce(trace: [GPTPBench.testerClock, ownIdentity]), on: "p1")
        try bench.run(.milliseconds(1_100))
        try bench.send(Self.betterAnnounce(), on: "p1")
        try bench.run(.milliseconds(1))
        try bench.send(GPTPBench.message(0, sequence: .uint(5), []), on: "p1")
        try bench.send(GPTPBench.message(8, sequence: .uint(5), [("ptp.v2.fu.preciseorigintimestamp.seconds", .uint(1000))]) + [LayerSpec("ptp.as.fu")], on: "p1")
        try bench.run(.milliseconds(100))
        // A better master again, then silence: announceReceiptTimeout returns the role.
        try bench.send(Self.betterAnnounce(), on: "p1")
        try bench.run(.milliseconds(4_000))
        bench.delayBias = 20_000
        try bench.run(.milliseconds(2_000))
        return bench.links.sorted { $0.key < $1.key }.flatMap { $0.value.tester.frames(after: 0) }.map { "\($0.timestamp.ns) \($0.bytes)" }
    }
}
