import ConformTime

/// An in-process point-to-point link on a clock: the tester's ``Port`` at one end, a device
/// (usually a simulator) at the other. Frames cross after a fixed propagation delay, as
/// scheduled events, so virtual-time runs are deterministic.
public final class VirtualLink {
    public let tester: TesterEnd
    public let device: DeviceEnd

    /// - Parameters:
    ///   - port: the tester port's name (`tn1`).
    ///   - delay: one-way propagation delay.
    public convenience init(port: String, clock: any HarnessClock, delay: TimeAmount = .microseconds(1)) {
        self.init(port: port, clock: clock, delay: delay, firstFrameNumber: 1)
    }

    /// A link whose capture numbering starts at `firstFrameNumber`: above 1 when a resumed run
    /// continues a capture file that already holds frames.
    public init(port: String, clock: any HarnessClock, delay: TimeAmount, firstFrameNumber: Int) {
        let device = DeviceEnd(clock: clock, delay: delay)
        let tester = TesterEnd(name: port, clock: clock, delay: delay, device: device, firstFrameNumber: firstFrameNumber)
        device.tester = tester
        self.tester = tester
        self.device = device
    }

    /// The tester's end: a ``Port``.
    public final class TesterEnd: Port {
        public let name: String
        public var timestampSource: TimestampSource { clock.source }
        public var caseID: String?
        public let dropCount: UInt64 = 0
        private let clock: any HarnessClock
        private let delay: TimeAmount
        private unowned let device: DeviceEnd
        private var log: [CapturedFrame] = []
        /// Frames numbered before this link existed (in the part of the capture a resumed run continues).
        private let numberOffset: Int

        init(name: String, clock: any HarnessClock, delay: TimeAmount, device: DeviceEnd, firstFrameNumber: Int) {
            self.name = name
            self.clock = clock
            self.delay = delay
            self.device = device
            self.numberOffset = max(0, firstFrameNumber - 1)
        }

        public func send(_ bytes: [UInt8]) throws(PortError) -> CapturedFrame {
            let frame = record(bytes, .outbound)
            clock.schedule(after: delay) { [device] in device.receive(bytes) }
            return frame
        }

        public func frames(after number: Int) -> [CapturedFrame] {
            let index = max(0, number - numberOffset)
            return index < log.count ? Array(log[index...]) : []
        }

        fileprivate func receive(_ bytes: [UInt8]) { _ = record(bytes, .inbound) }

        private func record(_ bytes: [UInt8], _ direction: FrameDirection) -> CapturedFrame {
            let frame = CapturedFrame(number: numberOffset + log.count + 1, port: name, direction: direction,
                                      timestamp: clock.now(), bytes: bytes, caseID: caseID)
            log.append(frame)
            return frame
        }
    }

    /// The device's end: what a simulator sends on and receives from.
    public final class DeviceEnd {
        /// Called with each frame the tester sent, at its arrival time.
        public var onReceive: (([UInt8]) -> Void)?
        private let clock: any HarnessClock
        private let delay: TimeAmount
        fileprivate weak var tester: TesterEnd?

        init(clock: any HarnessClock, delay: TimeAmount) {
            self.clock = clock
            self.delay = delay
        }

        /// Sends a frame towards the tester; it arrives after the link's delay.
        public func send(_ bytes: [UInt8]) {
            clock.schedule(after: delay) { [weak tester] in tester?.receive(bytes) }
        }

        fileprivate func receive(_ bytes: [UInt8]) { onReceive?(bytes) }
    }
}
