/// A percentile a report states, in parts per 100,000 so that p99.9 stays an exact integer.
public struct PercentileLevel: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The level in parts per 100,000 (p99.9 is 99,900).
    public let partsPer100k: Int64

    public init(partsPer100k: Int64) { self.partsPer100k = partsPer100k }

    public static let p50 = PercentileLevel(partsPer100k: 50_000)
    public static let p90 = PercentileLevel(partsPer100k: 90_000)
    public static let p99 = PercentileLevel(partsPer100k: 99_000)
    public static let p99_9 = PercentileLevel(partsPer100k: 99_900)
    /// The levels every distribution reports.
    public static let reported: [PercentileLevel] = [.p50, .p90, .p99, .p99_9]

    /// The nearest rank among `count` sorted samples: ⌈level · count⌉, at least 1.
    public func rank(among count: Int64) -> Int64 {
        max(1, (partsPer100k * count + 99_999) / 100_000)
    }

    /// The name a suite and run.json use: `p50`, `p99`, `p99.9`.
    public var description: String {
        let whole = partsPer100k / 1_000, fraction = partsPer100k % 1_000
        if fraction == 0 { return "p\(whole)" }
        var digits = String(fraction + 1_000).dropFirst()
        while digits.last == "0" { digits = digits.dropLast() }
        return "p\(whole).\(digits)"
    }

    public static func < (l: PercentileLevel, r: PercentileLevel) -> Bool { l.partsPer100k < r.partsPer100k }
}
