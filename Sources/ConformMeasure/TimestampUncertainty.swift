import ConformTime

/// The uncertainty a timestamp source contributes to one stamp, in nanoseconds.
///
/// Figures are those measured on this project's test beds (docs/performance.md,
/// reference tsn-gptp.md): kernel software stamps on veth agree within about 1 µs; user-space
/// readings have a 70 µs p99 and millisecond tails, so 100 µs is an optimistic bound;
/// NIC stamps are taken as 50 ns; virtual time is exact.
public enum TimestampUncertainty {
    public static func perStamp(_ source: TimestampSource) -> Int64 {
        switch source {
        case .hardware: 50
        case .kernelSoftware: 1_000
        case .user: 100_000
        case .virtual: 0
        }
    }

    /// The uncertainty of a difference between a transmit and a receive stamp: the two stamp
    /// errors add linearly (worst case), plus the error between the two clocks.
    public static func ofDelay(transmit: TimestampSource, receive: TimestampSource, clockOffset: Int64 = 0) -> Int64 {
        perStamp(transmit) + perStamp(receive) + clockOffset
    }
}
