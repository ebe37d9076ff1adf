import ConformCapture
import ConformTime
import Dispatch
import Foundation
import Testing

/// Live ports across a veth pair between two namespaces made for each test.
@Suite(.serialized, .enabled(if: LiveVethPair.unavailableReason == nil,
                             Comment(rawValue: LiveVethPair.unavailableReason ?? "")))
struct LivePortTests {
    /// A local experimental EtherType (IEEE 802 §9.2.4), so no kernel protocol reacts.
    static let etherType: UInt16 = 0x88B5

    /// A broadcast frame of `length` bytes carrying `sequence` in its first payload bytes.
    static func frame(_ sequence: UInt32, etherType: UInt16 = etherType, length: Int = 64) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0, 0, 0, 0, 1,
                              UInt8(etherType >> 8), UInt8(etherType & 0xFF)]
        bytes += withUnsafeBytes(of: sequence.bigEndian, Array.init)
        bytes += (bytes.count..<length).map { UInt8(truncatingIfNeeded: $0 &+ Int(sequence)) }
        return bytes
    }

    static func sequence(of frame: CapturedFrame) -> UInt32? {
        guard frame.bytes.count >= 18 else { return nil }
        return frame.bytes[14..<18].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Waits on a real clock, woken by the port's captures, until `condition` holds.
    static func wait(on clock: RealClock, seconds: Int64 = 5, for condition: () -> Bool) throws -> Bool {
        try clock.wait(until: clock.now().ns + seconds * 1_000_000_000, for: condition)
    }

    struct Ends {
        let pair: LiveVethPair
        let clock = RealClock()
        let sender: LivePort
        let receiver: LivePort

        init(receiverConfiguration: LivePortConfiguration = LivePortConfiguration(filter: "ether proto 0x88b5"),
             onReceive: (@Sendable () -> Void)? = nil) throws {
            pair = try LiveVethPair()
            sender = try LivePort(name: "tn1", interface: pair.left.interface, namespace: pair.left.namespace,
                                  configuration: LivePortConfiguration(filter: "ether proto 0x88b5"))
            let clock = clock
            receiver = try LivePort(name: "dut", interface: pair.right.interface, namespace: pair.right.namespace,
                                    configuration: receiverConfiguration,
                                    onFrameArrival: { clock.notify(); onReceive?() })
        }

        func close() {
            sender.close()
            receiver.close()
            pair.remove()
        }
    }

    @Test func injectedFramesArriveWithKernelTimestampsAndTheirBytes() throws {
        let ends = try Ends()
        defer { ends.close() }
        let sent = try (0..<5).map { try ends.sender.send(Self.frame($0, length: 60 + Int($0) * 100)) }
        #expect(sent.map(\.number) == [1, 2, 3, 4, 5])
        #expect(sent.allSatisfy { $0.direction == .outbound && $0.timestamp.source == .kernelSoftware })
        #expect(ends.sender.userTimestampedSends == 0)
        #expect(try Self.wait(on: ends.clock) { ends.receiver.frames(after: 0).count == 5 })
        let received = ends.receiver.frames(after: 0)
        #expect(received.map(\.bytes) == sent.map(\.bytes))
        #expect(received.map(\.number) == [1, 2, 3, 4, 5])
        #expect(received.allSatisfy { $0.direction == .inbound && $0.port == "dut" })
        #expect(received.allSatisfy { $0.timestamp.source == .kernelSoftware })
        #expect(ends.receiver.timestampSource == .kernelSoftware)
        for (tx, rx) in zip(sent, received) {
            #expect((rx.timestamp - tx.timestamp) >= .zero)
            #expect((rx.timestamp - tx.timestamp) < .milliseconds(100))
        }
        // The sender captures inbound frames only: its own transmissions are not seen twice.
        #expect(ends.sender.frames(after: 0).count == 5)
    }

    @Test func tenThousandFramesCrossWithAMedianUnderFiveMicroseconds() throws {
        let ends = try Ends()
        defer { ends.close() }
        let count = 10_000
        var transmitted: [Int64] = []
        transmitted.reserveCapacity(count)
        for sequence in 0..<count {
            let frame = try ends.sender.send(Self.frame(UInt32(sequence)))
            #expect(frame.timestamp.source == .kernelSoftware)
            transmitted.append(frame.timestamp.ns)
            // Let the capture catch up every 500 frames, so a busy machine (CI runs the
            // tests in parallel on 2 cores) measures latency, not ring overflow.
            if sequence % 500 == 499 {
                _ = try Self.wait(on: ends.clock, seconds: 5) { ends.receiver.retainedFrameCount > sequence }
            }
        }
        #expect(try Self.wait(on: ends.clock, seconds: 20) { ends.receiver.retainedFrameCount >= count })
        var deltas: [Int64] = []
        for frame in ends.receiver.frames(after: 0) {
            guard let sequence = Self.sequence(of: frame).map(Int.init), sequence < count else { continue }
            deltas.append(frame.timestamp.ns - transmitted[sequence])
        }
        #expect(deltas.count == count)
        deltas.sort()
        let median = deltas[deltas.count / 2]
        let p99 = deltas[deltas.count * 99 / 100]
        let source = ends.receiver.frames(after: 0).first?.timestamp.source.rawValue ?? "none"
        print("live veth TX→RX over \(deltas.count) frames (timestamp source \(source)): median \(median) ns, p99 \(p99) ns, max \(deltas.last ?? 0) ns; drops \(ends.receiver.dropCount)")
        #expect(median < 5_000)
        #expect(ends.receiver.dropCount == 0)
    }

    @Test func dropsAreCountedWhenTheCaptureThreadFallsBehind() throws {
        let gate = DispatchSemaphore(value: 0)
        let ends = try Ends(receiverConfiguration: LivePortConfiguration(bufferSize: 128 * 1024, filter: "ether proto 0x88b5"),
                            onReceive: { gate.wait(); gate.signal() })
        defer { ends.close() }
        // The first delivery blocks the capture thread in its wake-up callback, so the ring fills.
        _ = try ends.sender.send(Self.frame(0))
        #expect(try Self.wait(on: ends.clock) { ends.receiver.retainedFrameCount == 1 })
        let burst = 2_000
        for sequence in 1...burst { _ = try ends.sender.send(Self.frame(UInt32(sequence), length: 1_000)) }
        gate.signal()
        // The capture thread reads the drop counters at least every capture timeout (100 ms).
        var accounted = false
        for _ in 0..<50 where !accounted {
            accounted = try ends.clock.wait(until: ends.clock.now().ns + 100_000_000) {
                UInt64(ends.receiver.retainedFrameCount) + ends.receiver.dropCount == UInt64(burst + 1)
            }
        }
        ends.receiver.close()
        let received = ends.receiver.retainedFrameCount
        print("drop test: \(burst + 1) sent, \(received) captured, \(ends.receiver.dropCount) dropped")
        #expect(ends.receiver.dropCount > 0)
        #expect(UInt64(received) + ends.receiver.dropCount == UInt64(burst + 1))
    }

    @Test func aBPFFilterKeepsOnlyMatchingFrames() throws {
        let ends = try Ends(receiverConfiguration: LivePortConfiguration(filter: "ether proto 0x88b6"))
        defer { ends.close() }
        for sequence: UInt32 in 0..<20 { _ = try ends.sender.send(Self.frame(sequence)) }
        for sequence: UInt32 in 100..<110 { _ = try ends.sender.send(Self.frame(sequence, etherType: 0x88B6)) }
        #expect(try Self.wait(on: ends.clock) { ends.receiver.retainedFrameCount >= 10 })
        // Frames cross in order, so the filtered-out ones would have arrived first.
        let received = ends.receiver.frames(after: 0)
        #expect(received.compactMap(Self.sequence) == Array(100..<110))
    }

    @Test func aFrameWithoutAKernelTransmitStampFallsBackToAUserStamp() throws {
        let pair = try LiveVethPair()
        defer { pair.remove() }
        // A bridge without ports drops frames without ever stamping them.
        let bridge = pair.left.namespace + "br"
        try LiveVethPair.ip(["-n", pair.left.namespace, "link", "add", bridge, "type", "bridge"])
        try LiveVethPair.ip(["-n", pair.left.namespace, "link", "set", bridge, "up"])
        let port = try LivePort(name: "tn1", interface: bridge, namespace: pair.left.namespace,
                                configuration: LivePortConfiguration(transmitTimestampTimeout: .milliseconds(5)))
        defer { port.close() }
        let before = RealClock.realtimeNanoseconds()
        let frame = try port.send(Self.frame(1))
        #expect(frame.timestamp.source == .user)
        #expect(frame.timestamp.ns >= before)
        #expect(port.userTimestampedSends == 1)
    }

    @Test func aBadFilterIsReportedWithItsStage() throws {
        let pair = try LiveVethPair()
        defer { pair.remove() }
        #expect {
            try LivePort(name: "tn1", interface: pair.left.interface, namespace: pair.left.namespace,
                         configuration: LivePortConfiguration(filter: "ether proto nonsense"))
        } throws: { ($0 as? LivePortError)?.code == .filter }
    }

    @Test func closingStopsTheCaptureThreadAndKeepsTheFrames() throws {
        let ends = try Ends()
        defer { ends.close() }
        _ = try ends.sender.send(Self.frame(1))
        #expect(try Self.wait(on: ends.clock) { ends.receiver.retainedFrameCount == 1 })
        #expect(ends.receiver.isCapturing)
        ends.receiver.close()
        #expect(!ends.receiver.isCapturing)
        #expect(ends.receiver.captureFailure == nil)
        #expect(ends.receiver.frames(after: 0).count == 1)
        #expect(throws: PortError.self) { try ends.receiver.send(Self.frame(2)) }
        ends.receiver.close()
        #expect(!ends.receiver.isCapturing)
    }

    @Test func aRealClockWaitWakesWhenAFrameArrives() throws {
        let ends = try Ends()
        defer { ends.close() }
        let started = ends.clock.now()
        // The send runs inside the wait, as a runner's scheduled event would; only the
        // capture thread's notify can then end the wait before its 10 s deadline.
        ends.clock.schedule(after: .milliseconds(1)) { _ = try? ends.sender.send(Self.frame(7)) }
        let arrived = try ends.clock.wait(until: started.ns + 10_000_000_000) {
            ends.receiver.frames(after: 0).contains { Self.sequence(of: $0) == 7 }
        }
        #expect(arrived)
        #expect(ends.clock.now() - started < .seconds(1))
    }

    @Test func discardingKeepsMemoryBoundedAndNumbersStable() throws {
        let ends = try Ends()
        defer { ends.close() }
        for sequence: UInt32 in 0..<100 { _ = try ends.sender.send(Self.frame(sequence)) }
        #expect(try Self.wait(on: ends.clock) { ends.receiver.retainedFrameCount == 100 })
        ends.receiver.discardFrames(through: 90)
        #expect(ends.receiver.retainedFrameCount == 10)
        #expect(ends.receiver.frames(after: 0).map(\.number) == Array(91...100))
        _ = try ends.sender.send(Self.frame(500))
        #expect(try Self.wait(on: ends.clock) { ends.receiver.frames(after: 100).count == 1 })
        #expect(ends.receiver.frames(after: 100).first?.number == 101)
    }
}

/// Opening errors that need neither root nor a namespace of ours.
struct LivePortOpeningTests {
    @Test func aMissingNamespaceIsReportedAsSuch() {
        #expect {
            try LivePort(name: "tn1", interface: "eth0", namespace: "cf-no-such-namespace")
        } throws: { error in
            guard let error = error as? LivePortError else { return false }
            return error.code == .namespace && error.description.contains("cf-no-such-namespace")
        }
    }

    @Test func aNamespaceNameWithASlashIsRefused() {
        #expect {
            try LivePort(name: "tn1", interface: "eth0", namespace: "../1")
        } throws: { ($0 as? LivePortError)?.code == .namespace }
    }
}
