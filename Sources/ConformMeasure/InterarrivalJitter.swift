/// RFC 3550 §6.4.1 interarrival jitter, with the integer arithmetic of RFC 3550 Appendix A.8.
///
/// For consecutive arrivals i−1, i: D = (R_i − R_{i−1}) − (S_i − S_{i−1}) = transit_i − transit_{i−1},
/// and J ← J + (|D| − J)/16. The estimate is kept scaled by 16 (`J16 += |D| − ((J16 + 8) >> 4)`)
/// so it is exact in integers and reproducible by any independent implementation.
public struct InterarrivalJitter: Sendable, Hashable {
    private var scaled: Int64 = 0
    private var lastTransit: Int64?

    public init() {}

    /// Feeds the transit time (receive − transmit) of the next arrival.
    public mutating func record(transit: Int64) {
        if let lastTransit {
            let d = (transit &- lastTransit).magnitude
            let step = Int64(clamping: d)
            scaled = scaled &+ step &- ((scaled &+ 8) >> 4)
        }
        lastTransit = transit
    }

    /// The current jitter estimate in nanoseconds.
    public var value: Int64 { scaled >> 4 }
}
