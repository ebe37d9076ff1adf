import Testing
import ConformSuite
@testable import ConformRunner

/// The guarded decision rule: pass only when the assertion holds over [v − U, v + U], fail only
/// when it holds nowhere there, otherwise inconc.
@Suite struct MeasureDecisionTests {
    @Test func aResultInsideTheGuardBandIsInconclusive() {
        let less = MeasureAssertion.Comparison.less
        #expect(MeasureExecutor.decide(less, measured: 48_000, margin: 1_000, limit: 50_000) == .pass)
        #expect(MeasureExecutor.decide(less, measured: 49_500, margin: 1_000, limit: 50_000) == .inconc)
        #expect(MeasureExecutor.decide(less, measured: 50_500, margin: 1_000, limit: 50_000) == .inconc)
        #expect(MeasureExecutor.decide(less, measured: 51_000, margin: 1_000, limit: 50_000) == .fail)
        #expect(MeasureExecutor.decide(.greaterOrEqual, measured: 3_990_000, margin: 0, limit: 3_990_000) == .pass)
    }

    @Test func equalityNeedsAnExactCount() {
        #expect(MeasureExecutor.decide(.equal, measured: 0, margin: 0, limit: 0) == .pass)
        #expect(MeasureExecutor.decide(.equal, measured: 1, margin: 0, limit: 0) == .fail)
        #expect(MeasureExecutor.decide(.equal, measured: 10, margin: 5, limit: 12) == .inconc)
        #expect(MeasureExecutor.decide(.notEqual, measured: 10, margin: 5, limit: 30) == .pass)
    }

    @Test func timesRenderInMicroseconds() {
        #expect(MeasureExecutor.render(5_216) == "5216ns")
        #expect(MeasureExecutor.render(4_002_216) == "4002.216us")
    }
}
