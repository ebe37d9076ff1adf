import ConformTime

/// The Neighbor Discovery variables of RFC 4861 §10 the host runs on, taken from PIXIT.
///
/// ReachableTime is used as given instead of being drawn from [0.5, 1.5] × BaseReachableTime
/// (§6.3.2): the simulator must be deterministic, and a suite can still shrink or widen it.
public struct NeighborDiscoveryParameters: Sendable, Hashable {
    /// RetransTimer: the spacing of solicitations (default 1 s).
    public var retransTimer: TimeAmount = .seconds(1)
    /// ReachableTime: how long a confirmation keeps an entry REACHABLE (default 30 s).
    public var reachableTime: TimeAmount = .seconds(30)
    /// DELAY_FIRST_PROBE_TIME (default 5 s).
    public var delayFirstProbeTime: TimeAmount = .seconds(5)
    /// MAX_MULTICAST_SOLICIT (default 3).
    public var maxMulticastSolicit = 3
    /// MAX_UNICAST_SOLICIT (default 3).
    public var maxUnicastSolicit = 3

    public init() {}

    /// Reads the parameters from PIXIT text (`retrans_timer: 1s`); keys it does not know are
    /// left to other consumers of the PIXIT.
    /// - Throws: ``SimulatorError`` naming the key when a value is not a positive duration or count.
    public init(pixit: [String: String]) throws(SimulatorError) {
        retransTimer = try Self.duration(pixit, "retrans_timer", default: retransTimer)
        reachableTime = try Self.duration(pixit, "reachable_time", default: reachableTime)
        delayFirstProbeTime = try Self.duration(pixit, "delay_first_probe_time", default: delayFirstProbeTime)
        maxMulticastSolicit = try Self.count(pixit, "max_multicast_solicit", default: maxMulticastSolicit)
        maxUnicastSolicit = try Self.count(pixit, "max_unicast_solicit", default: maxUnicastSolicit)
    }

    private static func duration(_ pixit: [String: String], _ key: String,
                                 default value: TimeAmount) throws(SimulatorError) -> TimeAmount {
        guard let text = pixit[key] else { return value }
        guard let amount = TimeAmount(parsing: text), amount > .zero else {
            throw SimulatorError("PIXIT \(key): '\(text)' is not a positive duration with a unit (e.g. 1s, 250ms)")
        }
        return amount
    }

    private static func count(_ pixit: [String: String], _ key: String, default value: Int) throws(SimulatorError) -> Int {
        guard let text = pixit[key] else { return value }
        guard let number = Int(text), (1...255).contains(number) else {
            throw SimulatorError("PIXIT \(key): '\(text)' is not a count from 1 to 255")
        }
        return number
    }
}
