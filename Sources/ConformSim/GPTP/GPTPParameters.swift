import ConformTime

/// The per-system settings of IEEE 802.1AS-2020 the simulators run on, from PIXIT text, and
/// the fixed behaviour of the reference (turnaround, residence).
public struct GPTPParameters: Sendable, Hashable {
    /// neighborPropDelayThresh (§11.2.13.2; 800 ns default for 100BASE-TX/1000BASE-T): above it
    /// a port is not asCapable. PIXIT `neighbor_prop_delay_thresh`.
    public var neighborPropDelayThreshold: TimeAmount = .nanoseconds(800)
    /// logSyncInterval −3 (§10.7.2.3).
    public var syncInterval: TimeAmount = .milliseconds(125)
    /// logAnnounceInterval 0 (§10.7.2.2).
    public var announceInterval: TimeAmount = .seconds(1)
    /// logPdelayReqInterval 0 (§11.5.2.2).
    public var pdelayInterval: TimeAmount = .seconds(1)
    /// How long the reference takes to answer a Pdelay_Req (well inside §B.2.3's 10 ms).
    public var pdelayTurnaround: TimeAmount = .microseconds(100)
    /// How long a bridge holds a Sync before forwarding it (well inside §B.2.2's 10 ms).
    public var residence: TimeAmount = .microseconds(500)
    /// allowedLostResponses (§11.5.3.4): consecutive unanswered Pdelay_Req before asCapable is lost.
    public var allowedLostResponses = 3
    /// syncReceiptTimeout and announceReceiptTimeout (§10.7.3.1, §10.7.3.2): 3 intervals.
    public var receiptTimeoutIntervals: Int64 = 3

    public init() {}

    /// Reads `neighbor_prop_delay_thresh` from PIXIT; other keys are left to other consumers.
    /// - Throws: ``SimulatorError`` when the value is not a duration with a unit.
    public init(pixit: [String: String]) throws(SimulatorError) {
        if let text = pixit["neighbor_prop_delay_thresh"] {
            guard let amount = TimeAmount(parsing: text), amount.ns >= 0 else {
                throw SimulatorError("PIXIT neighbor_prop_delay_thresh: '\(text)' is not a duration with a unit (e.g. 800ns)")
            }
            neighborPropDelayThreshold = amount
        }
    }
}
