#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Real time on `CLOCK_REALTIME`, the clock libpcap and `SO_TIMESTAMPING` stamp frames with,
/// so that frame timestamps and deadlines compare directly.
///
/// Scheduled events still run only on the runner's thread, inside ``wait(until:for:)``.
/// Capture threads call ``notify()`` when a frame arrives so a waiting runner re-checks its
/// condition at once.
///
/// `now()` is a user-space reading and is tagged `.user`: it drives windows and deadlines,
/// never a measurement.
public final class RealClock: HarnessClock, @unchecked Sendable {
    public let source = TimestampSource.user
    private var queue = EventQueue()
    private let wakeups = Mutex<UInt64>(0)
    private var mutex = pthread_mutex_t()
    private var signal = pthread_cond_t()

    public init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&signal, nil)
    }

    deinit {
        pthread_cond_destroy(&signal)
        pthread_mutex_destroy(&mutex)
    }

    public func now() -> Timestamp { Timestamp(ns: Self.realtimeNanoseconds(), source: .user) }

    /// Nanoseconds since the Unix epoch on `CLOCK_REALTIME`.
    public static func realtimeNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    @discardableResult
    public func schedule(at deadline: Int64, _ action: @escaping () -> Void) -> ScheduledEventID {
        queue.insert(deadline: deadline, action: action)
    }

    public func cancel(_ event: ScheduledEventID) { queue.cancel(event) }

    public func cancelAll() { queue.removeAll() }

    /// Wakes a runner blocked in `wait`; safe from any thread.
    public func notify() {
        pthread_mutex_lock(&mutex)
        wakeups.withLock { $0 &+= 1 }
        pthread_cond_broadcast(&signal)
        pthread_mutex_unlock(&mutex)
    }

    public func wait(until deadline: Int64, for condition: () -> Bool) throws(ClockError) -> Bool {
        while true {
            if condition() { return true }
            let now = Self.realtimeNanoseconds()
            if let event = queue.popDue(notAfter: now) {
                event.action()
                continue
            }
            if now >= deadline { return condition() }
            let wakeAt = min(deadline, queue.nextDeadline() ?? deadline)
            sleep(untilRealtime: wakeAt)
        }
    }

    private func sleep(untilRealtime ns: Int64) {
        var ts = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
        pthread_mutex_lock(&mutex)
        let seen = wakeups.withLock { $0 }
        // A notify between the caller's condition check and here bumps `wakeups`; re-check it
        // under the mutex so the wake-up is never lost.
        if seen == lastSeenWakeups {
            _ = pthread_cond_timedwait(&signal, &mutex, &ts)
        }
        lastSeenWakeups = wakeups.withLock { $0 }
        pthread_mutex_unlock(&mutex)
    }

    private var lastSeenWakeups: UInt64 = 0
}
