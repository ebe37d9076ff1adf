import ConformCapture
import ConformTime
import Foundation
import Testing
@testable import ConformSim

/// The tsn-bridge on virtual links: four tester ports, each frame's arrival time recorded.
final class BridgeBench {
    let clock = VirtualScheduler()
    let links: [String: VirtualLink]
    let bridge: TSNBridge
    static let ports = ["tn1", "tn2", "tn3", "tn4"]

    init(fault: TSNBridgeFault? = nil, parameters: [String: String] = [:]) throws {
        var links: [String: VirtualLink] = [:]
        for port in Self.ports { links[port] = VirtualLink(port: port, clock: clock) }
        self.links = links
        bridge = try TSNBridge(environment: SimulatorEnvironment(clock: clock, links: links.mapValues(\.device), addresses: [:],
                                                                 parameters: parameters, fault: fault?.descriptor))
        for port in Self.ports { try send(on: port, Self.frame(from: port, to: "ff", vid: nil, pcp: 0, length: 60)) }
        try clock.wait(.milliseconds(1))
    }

    static func mac(_ port: String) -> [UInt8] { [2, 0, 0, 0, 1, UInt8(port.last!.wholeNumberValue!)] }

    /// A frame from `port` to the MAC of `to` ("ff": broadcast), tagged when `vid` is given.
    static func frame(from port: String, to: String, vid: Int?, pcp: Int, length: Int, rtag: UInt16? = nil, marker: UInt8 = 0) -> [UInt8] {
        var bytes = (to == "ff" ? [UInt8](repeating: 0xff, count: 6) : mac(to)) + mac(port)
        if let vid { bytes += [0x81, 0x00, UInt8(pcp << 5 | vid >> 8), UInt8(vid & 0xff)] }
        if let rtag { bytes += [0xf1, 0xc1, 0, 0, UInt8(rtag >> 8), UInt8(rtag & 0xff)] }
        bytes += [0x88, 0xb5, marker]
        return bytes + [UInt8](repeating: 0, count: max(0, length - bytes.count))
    }

    func send(on port: String, _ bytes: [UInt8]) throws { _ = try links[port]!.tester.send(bytes) }

    func send(on port: String, at instant: Int64, _ bytes: [UInt8]) {
        let tester = links[port]!.tester
        clock.schedule(at: instant) { _ = try? tester.send(bytes) }
    }

    /// Frames received on `port` after `since` (ns) whose marker byte is `marker`, with their times.
    func received(on port: String, marker: UInt8, since: Int64 = 0) -> [CapturedFrame] {
        links[port]!.tester.frames(after: 0).filter {
            $0.direction == .inbound && $0.timestamp.ns >= since && $0.bytes.count > 14 && Self.marker(of: $0.bytes) == marker
        }
    }

    static func marker(of bytes: [UInt8]) -> UInt8? {
        guard let index = (12..<(bytes.count - 2)).first(where: { bytes[$0] == 0x88 && bytes[$0 + 1] == 0xb5 }) else { return nil }
        return bytes[index + 2]
    }
}

@Suite struct TSNBridgeTests {
    @Test func forwardsToTheLearnedPortAfterTheForwardingLatency() throws {
        let bench = try BridgeBench()
        let start = bench.clock.now().ns
        try bench.send(on: "tn1", BridgeBench.frame(from: "tn1", to: "tn2", vid: 10, pcp: 0, length: 128, marker: 1))
        try bench.clock.wait(.milliseconds(1))
        let frames = bench.received(on: "tn2", marker: 1)
        try #require(frames.count == 1)
        // 1 µs link + 2 µs forwarding + (128 + 24) · 8 ns on the wire + 1 µs link.
        #expect(frames[0].timestamp.ns - start == 1_000 + 2_000 + 1_216 + 1_000)
        #expect(bench.received(on: "tn3", marker: 1).isEmpty && bench.received(on: "tn4", marker: 1).isEmpty)
    }

    @Test func theForwardingLatencyIsAPIXIT() throws {
        let bench = try BridgeBench(parameters: ["forwarding_latency": "7us"])
        let start = bench.clock.now().ns
        try bench.send(on: "tn1", BridgeBench.frame(from: "tn1", to: "tn2", vid: 10, pcp: 0, length: 128, marker: 1))
        try bench.clock.wait(.milliseconds(1))
        #expect(bench.received(on: "tn2", marker: 1).first.map { $0.timestamp.ns - start } == 10_216)
        #expect(throws: SimulatorError.self) { try BridgeBench(parameters: ["forwarding_latency": "7"]) }
    }

    @Test func pcpZeroIsServedBeforePCPOneAndSevenFirst() throws {
        for fault in [nil, TSNBridgeFault.wrongPCPMapping] {
            let bench = try BridgeBench(fault: fault)
            // A 1500-byte frame occupies tn2; then PCP 1, PCP 0 and PCP 7 frames queue behind it.
            try bench.send(on: "tn3", BridgeBench.frame(from: "tn3", to: "tn2", vid: 10, pcp: 0, length: 1500, marker: 9))
            for (pcp, marker) in [(1, UInt8(1)), (0, 2), (7, 3)] {
                try bench.send(on: "tn1", BridgeBench.frame(from: "tn1", to: "tn2", vid: 10, pcp: pcp, length: 128, marker: marker))
            }
            try bench.clock.wait(.milliseconds(1))
            let order = bench.links["tn2"]!.tester.frames(after: 0).filter { $0.direction == .inbound }
                .compactMap { BridgeBench.marker(of: $0.bytes) }.filter { $0 != 0 }
            #expect(order == (fault == nil ? [9, 3, 2, 1] : [9, 3, 1, 2]), "\(String(describing: fault))")
        }
    }

    @Test func aScheduledFrameWaitsForItsGate() throws {
        let bench = try BridgeBench()
        // tn3 egress: class 7 open in [0, 5) ms of each 10 ms cycle. Sent at 16 ms: closed until 20 ms.
        bench.send(on: "tn1", at: 16_000_000, BridgeBench.frame(from: "tn1", to: "tn3", vid: 10, pcp: 7, length: 128, marker: 1))
        try bench.clock.wait(until: 30_000_000)
        #expect(bench.received(on: "tn3", marker: 1).map(\.timestamp.ns) == [20_000_000 + 1_216 + 1_000])
    }

    @Test func theGuardBandHoldsAFrameThatWouldCrossTheClose() throws {
        for fault in [nil, TSNBridgeFault.noGuardBand] {
            let bench = try BridgeBench(fault: fault)
            // Class 0 may send in [15, 20) ms; a 1500-byte frame queued at 19.998 ms cannot finish by 20 ms.
            bench.send(on: "tn2", at: 19_995_000, BridgeBench.frame(from: "tn2", to: "tn3", vid: 10, pcp: 0, length: 1500, marker: 1))
            try bench.clock.wait(until: 40_000_000)
            let sent = try #require(bench.received(on: "tn3", marker: 1).first).timestamp.ns
            #expect(fault == nil ? sent > 25_000_000 : sent < 20_020_000, "\(String(describing: fault))")
        }
    }

    @Test func aFrameAboveItsClassQueueMaxSDUIsDiscarded() throws {
        let bench = try BridgeBench()
        bench.send(on: "tn1", at: 10_000_000, BridgeBench.frame(from: "tn1", to: "tn3", vid: 10, pcp: 7, length: 501, marker: 1))
        bench.send(on: "tn1", at: 10_100_000, BridgeBench.frame(from: "tn1", to: "tn3", vid: 10, pcp: 7, length: 500, marker: 2))
        try bench.clock.wait(until: 20_000_000)
        #expect(bench.received(on: "tn3", marker: 1).isEmpty && bench.received(on: "tn3", marker: 2).count == 1)
        #expect(bench.bridge.counters["tn3.oversize-drops"] == 1)
    }

    @Test func theShaperSpacesClassAAtIdleSlope() throws {
        let bench = try BridgeBench()
        for k in 0..<4 {
            bench.send(on: "tn1", at: 10_000_000 + Int64(k) * 8_192,
                       BridgeBench.frame(from: "tn1", to: "tn4", vid: 10, pcp: 3, length: 1000, marker: 1))
        }
        try bench.clock.wait(until: 20_000_000)
        let times = bench.received(on: "tn4", marker: 1).map(\.timestamp.ns)
        try #require(times.count == 4)
        // (1000 + 24) · 8 bit at 100 Mbit/s: one frame every 81.92 µs.
        #expect(zip(times.dropFirst(), times).map { $0 - $1 } == [81_920, 81_920, 81_920])
    }

    @Test func recoveryEliminatesDuplicatesAndResetsAfterSilence() throws {
        for fault in [nil, TSNBridgeFault.frerPassesDuplicates, .frerNoReset] {
            let bench = try BridgeBench(fault: fault)
            let start = bench.clock.now().ns
            for sequence in UInt16(0)..<5 {
                for port in ["tn2", "tn3"] {
                    bench.send(on: port, at: start + Int64(sequence) * 100_000,
                               BridgeBench.frame(from: port, to: "tn1", vid: 200, pcp: 2, length: 128, rtag: sequence, marker: 1))
                }
            }
            // After 200 ms of silence (reset timeout 100 ms) the sender restarts at 0.
            bench.send(on: "tn2", at: start + 200_000_000,
                       BridgeBench.frame(from: "tn2", to: "tn1", vid: 200, pcp: 2, length: 128, rtag: 0, marker: 2))
            try bench.clock.wait(until: start + 300_000_000)
            let first = bench.received(on: "tn1", marker: 1), second = bench.received(on: "tn1", marker: 2)
            #expect(first.count == (fault == .frerPassesDuplicates ? 10 : 5), "\(String(describing: fault))")
            #expect(second.count == (fault == .frerNoReset ? 0 : 1), "\(String(describing: fault))")
            #expect(first.allSatisfy { !$0.bytes.contains(0xf1) }, "the R-TAG is removed")
            if fault == nil {
                #expect(bench.bridge.counters["frer.passed"] == 6 && bench.bridge.counters["frer.discarded"] == 5)
                #expect(bench.bridge.counters["frer.resets"] == 1)
            }
        }
    }

    @Test func generationTagsBothReplicasWithTheSameSequenceNumber() throws {
        let bench = try BridgeBench()
        try bench.send(on: "tn1", BridgeBench.frame(from: "tn1", to: "tn4", vid: 100, pcp: 7, length: 128, marker: 1))
        try bench.send(on: "tn1", BridgeBench.frame(from: "tn1", to: "tn4", vid: 100, pcp: 7, length: 128, marker: 2))
        try bench.clock.wait(.milliseconds(20))
        for port in ["tn2", "tn3"] {
            let frames = bench.received(on: port, marker: 1) + bench.received(on: port, marker: 2)
            #expect(frames.map { Array($0.bytes[16..<22]) } == [[0xf1, 0xc1, 0, 0, 0, 0], [0xf1, 0xc1, 0, 0, 0, 1]], "\(port)")
        }
        #expect(bench.received(on: "tn4", marker: 1).isEmpty)
    }

    @Test func streamFiltersGateMeterAndBlockOversizeFrames() throws {
        let bench = try BridgeBench()
        // VID 300: gate open in [0, 5) ms; VID 302: max SDU 1000.
        bench.send(on: "tn1", at: 21_000_000, BridgeBench.frame(from: "tn1", to: "tn2", vid: 300, pcp: 0, length: 128, marker: 1))
        bench.send(on: "tn1", at: 26_000_000, BridgeBench.frame(from: "tn1", to: "tn2", vid: 300, pcp: 0, length: 128, marker: 2))
        bench.send(on: "tn1", at: 27_000_000, BridgeBench.frame(from: "tn1", to: "tn2", vid: 302, pcp: 0, length: 1001, marker: 3))
        bench.send(on: "tn1", at: 28_000_000, BridgeBench.frame(from: "tn1", to: "tn2", vid: 302, pcp: 0, length: 1000, marker: 4))
        // VID 301: CBS 3000 bytes; four 1000-byte frames back to back: the fourth exceeds the bucket.
        for k in 0..<4 {
            bench.send(on: "tn1", at: 30_000_000 + Int64(k) * 10_000,
                       BridgeBench.frame(from: "tn1", to: "tn2", vid: 301, pcp: 0, length: 1000, marker: 5))
        }
        try bench.clock.wait(until: 40_000_000)
        #expect((1...4).map { bench.received(on: "tn2", marker: UInt8($0)).count } == [1, 0, 0, 1])
        #expect(bench.received(on: "tn2", marker: 5).count == 3)
        let counters = bench.bridge.counters
        #expect(counters["psfp.300.gate-drops"] == 1 && counters["psfp.300.passed"] == 1)
        #expect(counters["psfp.302.oversize-drops"] == 1 && counters["psfp.301.meter-drops"] == 1)
        #expect(counters["tn2.queue-drops"] == 0)
    }

    @Test func malformedFramesNeverTrap() throws {
        let bench = try BridgeBench()
        var state: UInt64 = 1
        for length in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33))
            }
            if length > 16 { bytes[12] = 0x81; bytes[13] = 0x00 }
            if length > 20 { bytes[16] = 0xf1; bytes[17] = 0xc1 }
            try bench.send(on: "tn1", bytes)
        }
        try bench.clock.wait(.milliseconds(10))
    }

    @Test func everyFaultNamesItsClause() throws {
        let descriptor = try #require(SimulatorCatalog.named("tsn-bridge"))
        #expect(descriptor.faults.count == TSNBridgeFault.allCases.count)
        #expect(descriptor.faults.allSatisfy { !$0.clause.isEmpty && !$0.summary.isEmpty })
        #expect(descriptor.fault(named: "gate-opens-late")?.clause == "IEEE 802.1Q §8.6.9")
        #expect(throws: SimulatorError.self) {
            try TSNBridge(environment: SimulatorEnvironment(clock: VirtualScheduler(), links: [:], addresses: [:], parameters: [:], fault: nil))
        }
    }

    @Test func builtInTargetMatchesTheFixture() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/targets/sim-tsn-bridge.yaml")
        #expect(try String(contentsOf: fixture, encoding: .utf8) == TSNBridge.targetYAML)
    }
}
