import CPcap
import ConformTime
import Dispatch
import Foundation
import Synchronization

/// The receive side of a ``LivePort``: one dedicated `Thread` running `pcap_dispatch` on the
/// port's handle and moving inbound frames into the port's frame log.
///
/// Blocking capture calls never run on the Swift concurrency pool. Frames collected by one
/// `pcap_dispatch` call enter the log under a single lock, then the wake-up callback runs
/// (the runner's `RealClock.notify()`), so a waiting runner re-checks its condition at once.
final class LiveCapture: @unchecked Sendable {
    /// The port's frames, shared with the sending side.
    let log: Mutex<LiveFrameLog>
    private let handle: LiveCaptureHandle
    private let onFrameArrival: (@Sendable () -> Void)?
    private let drops = Atomic<UInt64>(0)
    private let running = Atomic<Bool>(true)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let stopState = Mutex<Bool>(false)
    private let failureMessage = Mutex<String?>(nil)
    /// Frames of the current `pcap_dispatch` call; touched only by the capture thread.
    private var pending: [(ns: Int64, bytes: [UInt8], originalLength: Int)] = []
    private var lastDropRefresh: Int64 = 0

    /// How often, at most, the capture thread asks libpcap for its drop counters.
    private static let dropRefreshInterval: Int64 = 10_000_000

    init(handle: LiveCaptureHandle, port: String, onFrameArrival: (@Sendable () -> Void)?) {
        self.handle = handle
        self.log = Mutex(LiveFrameLog(port: port))
        self.onFrameArrival = onFrameArrival
    }

    /// Starts the capture thread.
    func start(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = "conform-capture-\(name)"
        thread.start()
    }

    /// Whether the capture thread is still running.
    var isRunning: Bool { running.load(ordering: .acquiring) }

    /// `ps_drop + ps_ifdrop` as last read by the capture thread (at most about 10 ms old
    /// while frames flow, and final once the thread stopped).
    var dropCount: UInt64 { drops.load(ordering: .relaxed) }

    /// Why the capture thread stopped on its own, if it did.
    var failure: String? { failureMessage.withLock { $0 } }

    /// Stops the capture thread, waits for it to exit, and frees the pcap handle.
    /// Calling it again does nothing.
    func stop() {
        stopState.withLock { stopped in
            guard !stopped else { return }
            stopped = true
            stopRequested.store(true, ordering: .releasing)
            handle.breakLoop()
            finished.wait()
            handle.close()
        }
    }

    private func run() {
        let user = Unmanaged.passUnretained(self).toOpaque().assumingMemoryBound(to: UInt8.self)
        while !stopRequested.load(ordering: .acquiring) {
            let result = pcap_dispatch(handle.pcap, -1, Self.collect, user)
            deliverPending()
            refreshDrops(force: false)
            if result == PCAP_ERROR_BREAK { break }
            if result < 0 {
                let reason = LiveCaptureHandle.message(handle.pcap)
                failureMessage.withLock { $0 = "pcap_dispatch: \(reason)" }
                break
            }
        }
        refreshDrops(force: true)
        running.store(false, ordering: .releasing)
        finished.signal()
    }

    /// libpcap's per-packet callback; `user` is the unretained `LiveCapture`.
    private static let collect: pcap_handler = { user, header, bytes in
        guard let user, let header, let bytes else { return }
        let capture = Unmanaged<LiveCapture>.fromOpaque(UnsafeRawPointer(user)).takeUnretainedValue()
        let info = header.pointee
        // With PCAP_TSTAMP_PRECISION_NANO, tv_usec holds nanoseconds.
        let ns = Int64(info.ts.tv_sec) * 1_000_000_000 + Int64(info.ts.tv_usec)
        let data = Array(UnsafeBufferPointer(start: bytes, count: Int(info.caplen)))
        capture.pending.append((ns, data, Int(info.len)))
    }

    private func deliverPending() {
        guard !pending.isEmpty else { return }
        log.withLock { log in
            for frame in pending {
                _ = log.append(.inbound, timestamp: Timestamp(ns: frame.ns, source: .kernelSoftware),
                               bytes: frame.bytes, originalLength: frame.originalLength)
            }
        }
        pending.removeAll(keepingCapacity: true)
        onFrameArrival?()
    }

    private func refreshDrops(force: Bool) {
        let now = RealClock.realtimeNanoseconds()
        guard force || now - lastDropRefresh >= Self.dropRefreshInterval else { return }
        lastDropRefresh = now
        if let count = handle.drops() { drops.store(count, ordering: .relaxed) }
    }
}
