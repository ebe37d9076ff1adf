/// Where a timestamp came from. Every timing claim in a bundle names its source, because the
/// source bounds the uncertainty (user-space clocks on veth: tens of µs with ms tails; kernel
/// software stamps: about 1 µs).
public enum TimestampSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// Stamped by the NIC.
    case hardware
    /// Stamped by the kernel (`SO_TIMESTAMPING` software, or the capture's host stamp).
    case kernelSoftware = "kernel-software"
    /// Read from a user-space clock.
    case user
    /// The virtual clock of an in-process simulation.
    case virtual
}

/// An instant in integer nanoseconds on some clock, tagged with the source that produced it.
///
/// Real timestamps count from the Unix epoch (the clock libpcap and `SO_TIMESTAMPING` use);
/// virtual ones count from the start of the simulation.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ns: Int64
    public var source: TimestampSource

    public init(ns: Int64, source: TimestampSource) {
        self.ns = ns
        self.source = source
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.ns < rhs.ns }

    public static func + (lhs: Timestamp, rhs: TimeAmount) -> Timestamp {
        Timestamp(ns: lhs.ns &+ rhs.ns, source: lhs.source)
    }

    public static func - (lhs: Timestamp, rhs: Timestamp) -> TimeAmount {
        TimeAmount(ns: lhs.ns &- rhs.ns)
    }

    public var description: String {
        let s = ns / 1_000_000_000
        let frac = ns % 1_000_000_000
        let fracText = String(frac < 0 ? -frac : frac)
        return "\(s).\(String(repeating: "0", count: 9 - fracText.count))\(fracText) (\(source.rawValue))"
    }
}
