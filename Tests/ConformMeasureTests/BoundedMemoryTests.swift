import Testing
@testable import ConformMeasure

/// Three million samples: past the exact limit, the analyzer keeps a fixed-size ring and a
/// histogram, and its percentiles stay within the histogram's stated relative error.
@Test func manySamplesStayWithinTheStatedError() {
    let count = 3_000_000
    var analyzer = StreamAnalyzer(window: 4_096)
    var generator = SplitMix64(state: 3)
    var delays = [Int64](repeating: 0, count: count)
    for index in 0..<count {
        let sequence = UInt64(index)
        let sent = Int64(index) * 10_000
        analyzer.transmitted(sequence: sequence, at: sent)
        let delay = 5_000 + generator.next(below: 2_000) + (index % 1_000 == 0 ? 40_000 : 0)
        delays[index] = delay
        analyzer.received(sequence: sequence, at: sent + delay, frameLength: 128)
    }
    let statistics = analyzer.statistics(transmitSource: .virtual, receiveSource: .virtual)
    let latency = statistics.latency!
    #expect(!latency.exact)
    #expect(latency.count == Int64(count) && statistics.lost == 0)
    delays.sort()
    #expect(latency.min == delays.first && latency.max == delays.last)
    for level in PercentileLevel.reported {
        let truth = delays[Int(level.rank(among: Int64(count))) - 1]
        #expect(abs(latency.percentiles[level]! - truth) <= truth / LogLinearHistogram.relativeErrorDenominator, "\(level)")
    }
}
