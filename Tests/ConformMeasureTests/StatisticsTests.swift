import ConformTime
import Testing
@testable import ConformMeasure

/// A deterministic generator so the tests need no stored fixtures.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int64) -> Int64 { Int64(next() % UInt64(bound)) }
}

@Test func nearestRankPercentilesOnASmallSet() {
    var distribution = Distribution()
    for value: Int64 in [15, 20, 35, 40, 50] { distribution.record(value) }
    let summary = distribution.summary()!
    // Nearest rank: p50 of 5 samples is rank ⌈2.5⌉ = 3, p90 rank ⌈4.5⌉ = 5.
    #expect(summary.percentiles[.p50] == 35)
    #expect(summary.percentiles[.p90] == 50)
    #expect(summary.min == 15 && summary.max == 50 && summary.mean == 32)
    #expect(summary.exact)
}

@Test func meanRoundsHalfUpIncludingNegativeSums() {
    var distribution = Distribution()
    for value: Int64 in [-3, -2] { distribution.record(value) }
    #expect(distribution.summary()?.mean == -2)
}

@Test func percentileNames() {
    #expect(PercentileLevel.reported.map(\.description) == ["p50", "p90", "p99", "p99.9"])
}

@Test func rfc3550JitterMatchesTheReferenceArithmetic() {
    var jitter = InterarrivalJitter()
    let transits: [Int64] = [1_000, 1_160, 1_000, 1_320]
    for transit in transits { jitter.record(transit: transit) }
    // J16: 0 → 160 → 160 + 160 − 10 = 310 → 310 + 320 − 19 = 611 → 611 >> 4 = 38.
    #expect(jitter.value == 38)
}

@Test func histogramStaysWithinItsStatedRelativeError() {
    var generator = SplitMix64(state: 7)
    var histogram = LogLinearHistogram()
    var values: [Int64] = []
    for _ in 0..<200_000 {
        let value = generator.next(below: 50_000_000) - 1_000_000
        values.append(value)
        histogram.record(value)
    }
    values.sort()
    for level in PercentileLevel.reported + [PercentileLevel(partsPer100k: 1), PercentileLevel(partsPer100k: 100_000)] {
        let rank = level.rank(among: Int64(values.count))
        let truth = values[Int(rank) - 1]
        let reported = histogram.value(atRank: rank)!
        #expect(abs(reported - truth) <= abs(truth) / LogLinearHistogram.relativeErrorDenominator, "\(level)")
    }
}

@Test func histogramBucketsAreExactBelowTheLimitAndMonotonic() {
    for value in [Int64(0), 1, 2_047] { #expect(LogLinearHistogram.midpoint(ofBucket: LogLinearHistogram.bucketIndex(magnitude: UInt64(value))) == value) }
    var previous = -1
    for shift in 0..<63 {
        let index = LogLinearHistogram.bucketIndex(magnitude: UInt64(1) << UInt64(shift))
        #expect(index > previous)
        previous = index
    }
}

@Test func distributionSpillsToTheHistogramPastItsExactLimit() {
    var distribution = Distribution(exactLimit: 1_000)
    var values: [Int64] = []
    var generator = SplitMix64(state: 11)
    for _ in 0..<5_000 {
        let value = 10_000 + generator.next(below: 90_000)
        values.append(value)
        distribution.record(value)
    }
    let summary = distribution.summary()!
    #expect(!summary.exact)
    values.sort()
    #expect(summary.min == values.first && summary.max == values.last)
    let truth = values[Int(PercentileLevel.p99.rank(among: 5_000)) - 1]
    #expect(abs(summary.percentiles[.p99]! - truth) <= truth / LogLinearHistogram.relativeErrorDenominator)
}

@Test func analyzerCountsLossDuplicatesReorderingAndIPDV() {
    var analyzer = StreamAnalyzer(window: 16)
    for sequence in UInt64(0)..<5 { analyzer.transmitted(sequence: sequence, at: Int64(sequence) * 1_000) }
    analyzer.received(sequence: 0, at: 100, frameLength: 64)      // D 100
    analyzer.received(sequence: 2, at: 2_300, frameLength: 64)    // D 300
    analyzer.received(sequence: 1, at: 1_400, frameLength: 64)    // D 400, reordered
    analyzer.received(sequence: 1, at: 1_500, frameLength: 64)    // duplicate
    analyzer.received(sequence: 9, at: 1_600, frameLength: 64)    // never sent
    let statistics = analyzer.statistics(transmitSource: .virtual, receiveSource: .virtual)
    #expect(statistics.lost == 2)
    #expect(statistics.duplicates == 1 && statistics.reordered == 1 && statistics.unmatched == 1)
    #expect(statistics.latency?.min == 100 && statistics.latency?.max == 400)
    // IPDV pairs (0,1): 400 − 100 = 300; (1,2): 300 − 400 = −100.
    #expect(statistics.ipdvMin == -100 && statistics.ipdvMax == 300)
    #expect(statistics.quantities["pdv.max"] == .time(300))
    #expect(statistics.uncertainty == 0)
}

@Test func storeAndForwardCorrectionSubtractsTheFrameTime() {
    // A 1,500-byte frame at 1 Gbit/s: 8 · 1,520 bits = 12,160 ns.
    let correction = StoreAndForwardCorrection(bitsPerSecond: 1_000_000_000)
    #expect(correction.nanoseconds(frameLength: 1_500) == 12_160)
    var analyzer = StreamAnalyzer(correction: correction)
    analyzer.transmitted(sequence: 0, at: 0)
    #expect(analyzer.received(sequence: 0, at: 20_000, frameLength: 1_500)?.delay == 7_840)
}

@Test func uncertaintyFollowsTheTimestampSources() {
    let analyzer = StreamAnalyzer(window: 4)
    #expect(analyzer.statistics(transmitSource: .kernelSoftware, receiveSource: .kernelSoftware).uncertainty == 2_000)
    #expect(analyzer.statistics(transmitSource: .user, receiveSource: .kernelSoftware).uncertainty == 101_000)
}

@Test func eventLogLinesParseAndBadOnesAreReported() throws {
    #expect(try StreamEvent(csvLine: "tx,3,1000", lineNumber: 1) == .transmit(sequence: 3, ns: 1_000))
    #expect(try StreamEvent(csvLine: "rx,3,1500,64", lineNumber: 2) == .receive(sequence: 3, ns: 1_500, frameLength: 64))
    #expect(throws: StreamEventError.self) { try StreamEvent(csvLine: "rx,3,1500", lineNumber: 3) }
    #expect(throws: StreamEventError.self) { try StreamEvent(csvLine: "zz,x,1", lineNumber: 4) }
}
