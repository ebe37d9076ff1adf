/// The summary of a set of integer-nanosecond values: count, extremes, mean and percentiles.
public struct DistributionSummary: Sendable, Hashable {
    public let count: Int64
    public let min: Int64
    public let max: Int64
    /// The arithmetic mean rounded half up: ⌊(2·sum + n) / 2n⌋.
    public let mean: Int64
    /// Nearest-rank percentiles, in the order of ``PercentileLevel/reported``.
    public let percentiles: [PercentileLevel: Int64]
    /// Whether the percentiles are exact (true) or histogram midpoints within
    /// 1 / ``LogLinearHistogram/relativeErrorDenominator`` of the true value.
    public let exact: Bool

    public init(count: Int64, min: Int64, max: Int64, mean: Int64, percentiles: [PercentileLevel: Int64], exact: Bool) {
        self.count = count
        self.min = min
        self.max = max
        self.mean = mean
        self.percentiles = percentiles
        self.exact = exact
    }
}

/// Collects values and summarises them: exact nearest-rank percentiles up to ``exactLimit``
/// values, then a ``LogLinearHistogram`` so that memory stays bounded for any count.
///
/// Count, min, max and mean stay exact at any count (the sum is kept in 128 bits).
public struct Distribution: Sendable {
    /// Up to this many values the percentiles are exact.
    public let exactLimit: Int
    private var values: [Int64] = []
    private var histogram: LogLinearHistogram?
    private var sum: Int128 = 0
    public private(set) var count: Int64 = 0
    private var minimum = Int64.max
    private var maximum = Int64.min

    public init(exactLimit: Int = 1_000_000) {
        self.exactLimit = exactLimit
    }

    public mutating func record(_ value: Int64) {
        count += 1
        sum += Int128(value)
        minimum = Swift.min(minimum, value)
        maximum = Swift.max(maximum, value)
        if histogram != nil {
            histogram!.record(value)
        } else if values.count < exactLimit {
            values.append(value)
        } else {
            var spilled = LogLinearHistogram()
            for earlier in values { spilled.record(earlier) }
            spilled.record(value)
            values = []
            histogram = spilled
        }
    }

    /// The summary, or nil when no value was recorded.
    public func summary() -> DistributionSummary? {
        guard count > 0 else { return nil }
        let numerator = 2 * sum + Int128(count), denominator = 2 * Int128(count)
        // Floor division: Swift's `/` truncates towards zero, which differs for a negative sum.
        let mean = Int64(numerator / denominator - (numerator % denominator < 0 ? 1 : 0))
        var percentiles: [PercentileLevel: Int64] = [:]
        if let histogram {
            for level in PercentileLevel.reported {
                percentiles[level] = histogram.value(atRank: level.rank(among: count)).map { Swift.min(Swift.max($0, minimum), maximum) }
            }
        } else {
            let sorted = values.sorted()
            for level in PercentileLevel.reported {
                percentiles[level] = sorted[Int(level.rank(among: count)) - 1]
            }
        }
        return DistributionSummary(count: count, min: minimum, max: maximum, mean: mean, percentiles: percentiles,
                                   exact: histogram == nil)
    }
}
