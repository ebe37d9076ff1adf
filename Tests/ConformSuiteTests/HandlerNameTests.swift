import Testing
@testable import ConformSuite

/// `{{request.FIELD}}`, `{{request.time}}` and `{{sent.time}}`, and the `check` step.
@Suite struct HandlerNameTests {
    static func suite(template: String, step: String) -> String {
        """
        suite: peer
        version: 1.0.0
        title: Peer
        method: {spec: IEEE 802.1AS-2020}
        ports: [p1]
        templates:
          answer:
            - eth: {dst: "01:80:c2:00:00:0e", src: "{{p1.mac}}"}
            - ptp.v2: {messagetype: 3, sequenceid: "\(template)"}
        cases:
          - id: PEER-1
            title: peer
            clause: IEEE 802.1AS-2020 §11.2.19
            on:
              - {port: p1, match: {ptp.v2.messagetype: 2}, send: answer}
            steps:
              - send: {port: p1, template: answer}
              - \(step)
        """
    }

    private func diagnostics(_ text: String) throws -> [Diagnostic] {
        SuiteLoader.analyse(try TestFiles.file("s.yaml", text)).1
    }

    @Test func requestFieldsTimeAndSentTimeAreKnownInTemplates() throws {
        let text = Self.suite(template: "{{request.ptp.v2.sequenceid}}{{request.time}}{{sent.time}}",
                              step: "check: {what: delay, value: \"{{sent.time}}\", range: [0, 1ms]}")
        #expect(try diagnostics(text).isEmpty)
        let suite = try SuiteLoader.load(try TestFiles.file("s.yaml", text))
        let check = try #require(suite.cases[0].steps[1].body as? CheckStep)
        #expect(check.what == "delay")
        #expect(check.high.literalText == "1ms")
    }

    @Test func aMisspeltRequestFieldIsNamedWithTheNearestField() throws {
        let ds = try diagnostics(Self.suite(template: "{{request.ptp.v2.sequencid}}", step: "wait: 1s"))
        #expect(ds.map(\.id) == ["suite.unknown-field"])
        #expect(ds.first?.hint?.contains("ptp.v2.sequenceid") == true)
    }

    @Test func requestOutsideATemplateIsRefused() throws {
        let ds = try diagnostics(Self.suite(template: "1", step: "set: {x: \"{{request.time}}\"}"))
        #expect(ds.map(\.id) == ["suite.unknown-interpolation"])
        #expect(ds.first?.message.contains("only in a template a handler sends") == true)
    }

    @Test func checkNeedsTwoBounds() throws {
        let ds = try diagnostics(Self.suite(template: "1", step: "check: {what: x, value: 1, range: [1]}"))
        #expect(ds.map(\.id) == ["suite.bad-range"])
    }
}
