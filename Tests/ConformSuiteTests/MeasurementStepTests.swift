import Testing
@testable import ConformSuite

/// `stream` and `measure` steps: units are checked when the suite loads.
@Suite struct MeasurementStepTests {
    static func suite(steps: String) -> String {
        """
        suite: tsn-test
        version: 1.0.0
        title: Streams
        method: {spec: IEEE 802.1Q}
        ports: [tn1, tn2]
        pixit:
          bound: {type: duration, default: 10us}
        templates:
          frame:
            - eth: {dst: "02:00:00:00:00:02", src: "02:00:00:00:00:01"}
            - vlan: {priority: 0, id: 10, etype: 0x88b5}
        cases:
          - id: S-001
            title: A stream
            clause: IEEE 802.1Q §8.6.8.1
            steps:
        \(steps)
        """
    }

    static func load(_ steps: String) throws -> (Suite?, [Diagnostic]) {
        SuiteLoader.analyse(try TestFiles.file("s.yaml", suite(steps: steps)))
    }

    @Test func aStreamAndAMeasureLoad() throws {
        let (suite, diagnostics) = try Self.load("""
                  - stream: {name: s, port: [tn1, tn2], template: frame, pcp: 7, vid: 20, rate: 100Mbit/s, count: 10, size: 128}
                  - measure: {stream: s, port: tn2, within: 1ms, link_rate: 1Gbit/s, decision: simple,
                              assert: ["latency.p99.9 < 50us", "loss == 0", "latency.max < {{pixit.bound}}"]}
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let steps = try #require(suite?.cases.first?.steps)
        let stream = try #require(steps[0].body as? StreamStep)
        #expect(stream.ports == ["tn1", "tn2"] && stream.count == 10 && stream.size == 128)
        #expect(stream.pacing == .bitsPerSecond(100_000_000))
        #expect(stream.overrides.map(\.abbrev) == ["vlan.priority", "vlan.id"])
        let measure = try #require(steps[1].body as? MeasureStep)
        #expect(measure.linkRate == 1e9 && measure.decision == .simple)
        #expect(measure.assertions.map(\.quantity) == ["latency.p99.9", "loss", "latency.max"])
        #expect(measure.assertions[0].comparison == .less && measure.assertions[1].comparison == .equal)
    }

    @Test func aScheduleLoads() throws {
        let (suite, diagnostics) = try Self.load("""
                  - stream: {name: s, port: tn1, template: frame, schedule: {period: 10ms, offsets: [1ms, 6ms]}, align: 10ms, count: 4}
        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let stream = try #require(suite?.cases.first?.steps.first?.body as? StreamStep)
        guard case .schedule(let period, let offsets) = stream.pacing else { Issue.record("not a schedule"); return }
        #expect(period.literalText == "10ms" && offsets.map(\.literalText) == ["1ms", "6ms"])
    }

    @Test(arguments: [
        ("latency.p99 < 50", "suite.bad-duration"),
        ("loss == 0us", "suite.bad-count"),
        ("latency.p98 < 5us", "suite.unknown-quantity"),
        ("latency.p99 ~ 5us", "suite.bad-assertion"),
        ("loss == {{pixit.bound}}", "suite.bad-assertion"),
    ])
    func aBadAssertionIsReportedAtLoad(assertion: String, id: String) throws {
        let (_, diagnostics) = try Self.load("""
                  - stream: {name: s, port: tn1, template: frame, rate: 1000pps, count: 10}
                  - measure: {stream: s, port: tn2, within: 1ms, assert: ["\(assertion)"]}
        """)
        #expect(diagnostics.map(\.id) == [id])
    }

    @Test func streamProblemsAreReportedAtLoad() throws {
        let (_, noPacing) = try Self.load("""
                  - stream: {name: s, port: tn1, template: frame, count: 10}
        """)
        #expect(noPacing.map(\.id) == ["suite.bad-pacing"])
        let (_, badRate) = try Self.load("""
                  - stream: {name: s, port: tn1, template: frame, rate: 100, count: 10}
        """)
        #expect(badRate.map(\.id) == ["suite.bad-rate"])
        let (_, badPCP) = try Self.load("""
                  - stream: {name: s, port: tn1, template: frame, rate: 10pps, pcp: 8, count: 10}
        """)
        #expect(badPCP.map(\.id) == ["suite.out-of-range"])
        let (_, unknownStream) = try Self.load("""
                  - stream: {name: s, port: tn1, template: frame, rate: 10pps, count: 10}
                  - measure: {stream: t, port: tn2, within: 1ms}
        """)
        #expect(unknownStream.map(\.id) == ["suite.unknown-stream"])
    }
}
