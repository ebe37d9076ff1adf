#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Discrete-event virtual time: waiting costs no wall time and every run is deterministic.
///
/// Time starts at zero and moves only inside ``wait(until:for:)``: to the next event's
/// deadline while one is due, else straight to the deadline. Events run in deadline order,
/// ties by insertion order (swift-nio's `EmbeddedEventLoop` does the same). Two guards turn
/// a livelock into an error: an event budget per wait, and a wall-clock watchdog per wait.
public final class VirtualScheduler: HarnessClock {
    public let source = TimestampSource.virtual
    private var current: Int64 = 0
    private var queue = EventQueue()

    /// Most events one `wait` may run.
    public var eventBudget: Int
    /// Most wall time one `wait` may take, in nanoseconds.
    public var watchdogNs: Int64

    public init(eventBudget: Int = 5_000_000, watchdog: TimeAmount = .seconds(20)) {
        self.eventBudget = eventBudget
        self.watchdogNs = watchdog.ns
    }

    public func now() -> Timestamp { Timestamp(ns: current, source: .virtual) }

    @discardableResult
    public func schedule(at deadline: Int64, _ action: @escaping () -> Void) -> ScheduledEventID {
        queue.insert(deadline: max(deadline, current), action: action)
    }

    public func cancel(_ event: ScheduledEventID) { queue.cancel(event) }

    public func cancelAll() { queue.removeAll() }

    public func wait(until deadline: Int64, for condition: () -> Bool) throws(ClockError) -> Bool {
        let started = monotonicNanoseconds()
        var ran = 0
        while true {
            if condition() { return true }
            guard let event = queue.popDue(notAfter: deadline) else { break }
            current = max(current, event.deadline)
            event.action()
            ran += 1
            if ran >= eventBudget {
                throw ClockError(.eventBudgetExhausted,
                                 "virtual clock ran \(ran) events without reaching \(TimeAmount(ns: deadline)) (a simulator or handler that reschedules forever?)")
            }
            if ran % 1024 == 0, monotonicNanoseconds() - started > watchdogNs {
                throw ClockError(.watchdogExpired,
                                 "virtual clock spent more than \(TimeAmount(ns: watchdogNs)) of wall time in one wait")
            }
        }
        current = max(current, deadline)
        return condition()
    }
}

/// Nanoseconds of `CLOCK_MONOTONIC`, for watchdogs only (never for measurements).
func monotonicNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}
