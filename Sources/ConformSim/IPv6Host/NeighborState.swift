/// The reachability state of a neighbor cache entry (RFC 4861 §7.3.2).
public enum NeighborState: String, Sendable, Hashable {
    /// Address resolution is in progress: multicast solicitations are being sent.
    case incomplete
    /// Reachability was confirmed within the last ReachableTime.
    case reachable
    /// Not known to be reachable; nothing is done until a packet is sent.
    case stale
    /// A packet was sent to a STALE neighbor; waiting DELAY_FIRST_PROBE_TIME for a confirmation.
    case delay
    /// Unicast solicitations are being sent to confirm reachability.
    case probe
}
