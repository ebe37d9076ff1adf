/// An HDR-style log-linear histogram of signed integer nanoseconds, in bounded memory.
///
/// Values with magnitude below 2^11 are counted exactly. Above, each power-of-two range
/// [2^k, 2^(k+1)) is split into 1,024 equal sub-buckets, so a bucket's width is at most 1/1,024
/// of its lower bound. A percentile reports the midpoint of its bucket, hence
///
///     |reported − true| ≤ true / ``relativeErrorDenominator``   (1/2,048, about 0.049 %).
///
/// Negative values (a receive clock behind the transmit clock) are counted by magnitude in a
/// mirror set of buckets. Memory is fixed: about 110,000 counters for the full Int64 range.
public struct LogLinearHistogram: Sendable {
    /// Sub-buckets per power of two, as a power of two.
    static let subBucketBits = 10
    /// Values below this magnitude are counted exactly.
    static let exactLimit: Int64 = 1 << (subBucketBits + 1)
    /// The stated bound on a percentile's relative error: 1 / 2,048.
    public static let relativeErrorDenominator: Int64 = 1 << (subBucketBits + 1)

    private var positive: [UInt64]
    private var negative: [UInt64]
    public private(set) var count: Int64 = 0

    public init() {
        let buckets = Self.bucketIndex(magnitude: UInt64(Int64.max)) + 1
        positive = Array(repeating: 0, count: buckets)
        negative = Array(repeating: 0, count: buckets)
    }

    /// Counts one value.
    public mutating func record(_ value: Int64) {
        if value >= 0 {
            positive[Self.bucketIndex(magnitude: UInt64(value))] &+= 1
        } else {
            negative[Self.bucketIndex(magnitude: value.magnitude)] &+= 1
        }
        count += 1
    }

    /// The nearest-rank value at 1-based `rank` (1 ... count), as its bucket's midpoint.
    public func value(atRank rank: Int64) -> Int64? {
        guard rank >= 1, rank <= count else { return nil }
        var seen: Int64 = 0
        for index in stride(from: negative.count - 1, through: 0, by: -1) where negative[index] > 0 {
            seen += Int64(negative[index])
            if seen >= rank { return -Self.midpoint(ofBucket: index) }
        }
        for index in positive.indices where positive[index] > 0 {
            seen += Int64(positive[index])
            if seen >= rank { return Self.midpoint(ofBucket: index) }
        }
        return nil
    }

    static func bucketIndex(magnitude: UInt64) -> Int {
        if magnitude < UInt64(exactLimit) { return Int(magnitude) }
        // The highest set bit k ≥ 11: keep the top 11 bits (1,024 ... 2,047 after the shift).
        let shift = (63 - magnitude.leadingZeroBitCount) - subBucketBits
        let subBucket = Int(magnitude >> UInt64(shift)) - (1 << subBucketBits)
        return Int(exactLimit) + (shift - 1) * (1 << subBucketBits) + subBucket
    }

    static func midpoint(ofBucket index: Int) -> Int64 {
        if index < Int(exactLimit) { return Int64(index) }
        let offset = index - Int(exactLimit)
        let shift = offset / (1 << subBucketBits) + 1
        let subBucket = offset % (1 << subBucketBits) + (1 << subBucketBits)
        let low = Int64(subBucket) << Int64(shift)
        let width = Int64(1) << Int64(shift)
        return low + (width - 1) / 2
    }
}
