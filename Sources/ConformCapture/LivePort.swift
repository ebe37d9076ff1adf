import ConformTime
import Synchronization

/// A tester port on a real network interface, optionally inside a named network namespace:
/// libpcap captures inbound frames with kernel timestamps, an AF_PACKET socket injects
/// frames and reads back their kernel transmit timestamps.
///
/// ```
///   send(bytes) ──► AF_PACKET socket ──► interface ──► device
///        ▲            │ SO_TIMESTAMPING error queue: TX stamp
///        └────────────┘
///   frames(after:) ◄── frame log ◄── capture thread ◄── pcap (PCAP_D_IN, BPF)
/// ```
///
/// Frames of both directions share one numbering, in the order they enter the log:
/// inbound frames when the capture thread hands them over, outbound frames when `send`
/// returns. Timestamps, not numbers, give the order on the wire. The log keeps every frame
/// until the owner drops the old ones with ``discardFrames(through:)``.
///
/// The handles are opened on a throw-away thread that enters the namespace and exits, so no
/// thread that Dispatch or Swift concurrency reuses ever changes namespace.
public final class LivePort: Port, @unchecked Sendable {
    public let name: String
    /// The interface the port is opened on.
    public let interface: String
    /// The network namespace of the interface; nil for the harness's own.
    public let namespace: String?
    public let configuration: LivePortConfiguration
    private let capture: LiveCapture
    private let injection: Mutex<LiveInjectionSocket?>
    private let userStampedFrames = Atomic<Int>(0)

    /// Opens the capture and injection handles and starts the capture thread.
    /// - Parameters:
    ///   - name: the tester port's name in suites (`tn1`).
    ///   - interface: the interface to capture on and inject into.
    ///   - namespace: a namespace made by `ip netns add`, or nil for the harness's own.
    ///   - onFrameArrival: called on the capture thread after new inbound frames entered the
    ///     log; pass a `RealClock`'s `notify()` so a waiting runner wakes.
    /// - Throws: ``LivePortError`` naming the stage that failed.
    public init(name: String, interface: String, namespace: String? = nil,
                configuration: LivePortConfiguration = LivePortConfiguration(),
                onFrameArrival: (@Sendable () -> Void)? = nil) throws(LivePortError) {
        let (handle, socket) = try NetnsThread.run(in: namespace, interface: interface) { () throws(LivePortError) in
            let handle = try LiveCaptureHandle(interface: interface, namespace: namespace, configuration: configuration)
            return (handle, try LiveInjectionSocket(interface: interface, namespace: namespace))
        }
        self.name = name
        self.interface = interface
        self.namespace = namespace
        self.configuration = configuration
        self.injection = Mutex(socket)
        self.capture = LiveCapture(handle: handle, port: name, onFrameArrival: onFrameArrival)
        capture.start(name: name)
    }

    deinit { close() }

    /// Receive stamps are the kernel's software stamps; so are transmit stamps, except
    /// frames counted in ``userTimestampedSends``.
    public var timestampSource: TimestampSource { .kernelSoftware }

    public var caseID: String? {
        get { capture.log.withLock { $0.caseID } }
        set { capture.log.withLock { $0.caseID = newValue } }
    }

    /// Frames dropped by the kernel or the interface (`pcap_stats` `ps_drop + ps_ifdrop`),
    /// as last read by the capture thread; final after ``close()``.
    ///
    /// libpcap reads `ps_ifdrop` (promiscuous mode only) from `/sys/class/net`, which shows
    /// the harness's own namespace: for an interface in another namespace it stays 0 and only
    /// the kernel's ring drops are counted.
    public var dropCount: UInt64 { capture.dropCount }

    /// Sent frames for which the kernel gave no transmit timestamp in time: they carry a
    /// user-space stamp with source `.user`.
    public var userTimestampedSends: Int { userStampedFrames.load(ordering: .relaxed) }

    /// Whether the capture thread is running: true from `init` until ``close()`` or a
    /// capture failure.
    public var isCapturing: Bool { capture.isRunning }

    /// Why the capture stopped by itself (the interface went away, for instance), if it did.
    public var captureFailure: String? { capture.failure }

    /// Sends one frame and returns it as captured, numbered at send, with the kernel's
    /// transmit timestamp (or a `.user` one, see ``userTimestampedSends``).
    public func send(_ bytes: [UInt8]) throws(PortError) -> CapturedFrame {
        let sent: Timestamp = try injection.withLock { socket throws(PortError) in
            guard let socket else { throw PortError(port: name, message: "the port is closed") }
            do throws(LivePortError) {
                return try socket.send(bytes, timeout: configuration.transmitTimestampTimeout)
            } catch {
                throw PortError(port: name, message: error.description)
            }
        }
        if sent.source != .kernelSoftware { userStampedFrames.add(1, ordering: .relaxed) }
        return capture.log.withLock {
            $0.append(.outbound, timestamp: sent, bytes: bytes, originalLength: bytes.count)
        }
    }

    public func frames(after number: Int) -> [CapturedFrame] {
        capture.log.withLock { $0.frames(after: number) }
    }

    /// Forgets every retained frame numbered `number` or lower, so a long capture stays
    /// bounded; later frames keep their numbers.
    public func discardFrames(through number: Int) {
        capture.log.withLock { $0.discard(through: number) }
    }

    /// Frames currently retained.
    public var retainedFrameCount: Int { capture.log.withLock { $0.count } }

    /// Stops the capture thread (`pcap_breakloop`), waits for it, and frees both handles.
    /// Retained frames stay readable; sending afterwards throws. Closing twice does nothing.
    public func close() {
        capture.stop()
        injection.withLock { $0 = nil }
    }
}
