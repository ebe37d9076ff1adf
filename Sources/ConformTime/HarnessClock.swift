/// The clock the runner, the ports and the simulators share.
///
/// The runner is single-threaded in its decisions: it calls ``wait(until:for:)`` and scheduled
/// events run on the runner's thread inside that call, in deadline order, ties broken by
/// insertion order. With the ``VirtualScheduler`` no wall time passes; with the ``RealClock``
/// the call sleeps until the deadline, the condition, or the next event.
///
/// Named `HarnessClock` so that it cannot be confused with the standard library's `Clock`.
public protocol HarnessClock: AnyObject {
    /// The source every timestamp of this clock carries.
    var source: TimestampSource { get }

    /// The current instant.
    func now() -> Timestamp

    /// Runs due events until `condition()` holds or the clock reaches `deadline` (ns on this
    /// clock), whichever comes first.
    /// - Returns: whether the condition held.
    /// - Throws: ``ClockError`` when the event budget or the wall-clock watchdog runs out,
    ///   which turns a livelocked simulator into a harness error instead of a hang.
    func wait(until deadline: Int64, for condition: () -> Bool) throws(ClockError) -> Bool

    /// Schedules `action` to run on the runner's thread at `deadline`.
    @discardableResult
    func schedule(at deadline: Int64, _ action: @escaping () -> Void) -> ScheduledEventID

    /// Cancels a scheduled event; cancelling one that already ran does nothing.
    func cancel(_ event: ScheduledEventID)

    /// Drops every pending event: a device reset between cases, so that no timer of the
    /// previous case's device (or frame still in flight on a virtual link) reaches the next.
    func cancelAll()
}

extension HarnessClock {
    /// Lets time pass until `deadline`, running every event due before it.
    public func wait(until deadline: Int64) throws(ClockError) {
        _ = try wait(until: deadline, for: { false })
    }

    /// Lets `amount` pass.
    public func wait(_ amount: TimeAmount) throws(ClockError) {
        try wait(until: now().ns &+ amount.ns)
    }

    /// Schedules `action` after `delay` from now.
    @discardableResult
    public func schedule(after delay: TimeAmount, _ action: @escaping () -> Void) -> ScheduledEventID {
        schedule(at: now().ns &+ delay.ns, action)
    }
}

/// Identifies a scheduled event so it can be cancelled.
public struct ScheduledEventID: Sendable, Hashable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
}

/// Why a clock gave up waiting.
public struct ClockError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// More events ran inside one wait than the budget allows.
        case eventBudgetExhausted = "event-budget-exhausted"
        /// One wait took longer in wall time than the watchdog allows.
        case watchdogExpired = "watchdog-expired"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
