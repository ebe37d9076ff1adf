import Testing
import ConformTime
import ConformWire
@testable import ConformRunner

/// Handlers that answer with values of the frame they answer, and `check` steps.
@Suite struct HandlerAnswerTests {
    /// Answers the tester's echo request with an echo request of its own (id 0x4242, seq 9),
    /// and an echo reply after 10 µs.
    private let askingDevice: ScriptedTestbed.Script = { frame, device in
        guard frame.first("icmpv6.type") == .uint(128) else { return }
        var request = Frames.echoReply(identifier: 0x4242)
        request[2].fields = [("icmpv6.type", .uint(128)), ("icmpv6.code", .uint(0)),
                             ("icmpv6.echo.identifier", .uint(0x4242)), ("icmpv6.echo.sequence_number", .uint(9))]
        device.send(after: .microseconds(5), request)
        device.send(Frames.echoReply())
    }

    private let templates = """
      echo_back:
        - eth: {dst: "{{nut.mac}}", src: "{{tn1.mac}}"}
        - ipv6: {src: "{{tn1.ll}}", dst: "{{request.ipv6.src}}", hlim: 64}
        - icmpv6: {type: 129, code: 0, echo.identifier: "{{request.icmpv6.echo.identifier}}", echo.sequence_number: "{{request.icmpv6.echo.sequence_number}}"}
      echo_follow_up:
        - eth: {dst: "{{nut.mac}}", src: "{{tn1.mac}}"}
        - ipv6: {src: "{{tn1.ll}}", dst: "{{nut.ll}}", hlim: 64}
        - icmpv6: {type: 129, code: 0, echo.identifier: 0x5555, echo.sequence_number: "{{difference(sent.time, request.time)}}"}

    """

    @Test func aHandlerCopiesFieldsOfTheFrameItAnswersAndAFollowUpSeesTheFirstAnswer() throws {
        let (records, testbed) = try Harness.run("""
          - id: ANSWER
            title: answer with the request's values
            clause: RFC 4443 §4.2
            on:
              - {port: tn1, match: {icmpv6.type: 128}, send: echo_back}
              - {port: tn1, match: {icmpv6.type: 128}, send: echo_follow_up}
            steps:
              - send: {port: tn1, template: echo_request}
              - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}}

        """, templates: templates, script: askingDevice)
        #expect(records["ANSWER"]?.outcome == .verdict(.pass))
        let sent = testbed.link.tester.frames(after: 0).filter { $0.direction == .outbound }
        try #require(sent.count == 3)
        let answer = Dissector.dissect(sent[1].bytes)
        #expect(answer.first("icmpv6.echo.identifier") == .uint(0x4242))
        #expect(answer.first("icmpv6.echo.sequence_number") == .uint(9))
        #expect(answer.first("ipv6.dst") == .ipv6(Frames.nutLL))
        let request = testbed.link.tester.frames(after: 0).first { $0.direction == .inbound }
        let followUp = Dissector.dissect(sent[2].bytes)
        // sent.time is the first answer's departure; request.time the request's arrival.
        #expect(followUp.first("icmpv6.echo.sequence_number") == .uint(UInt64(sent[1].timestamp.ns - (request?.timestamp.ns ?? 0))))
    }

    @Test func requestNamesOutsideAHandlersAnswerAreAnError() throws {
        let (records, _) = try Harness.run("""
          - id: NOREQ
            title: echo_back sent by a step
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_back}

        """, templates: templates, script: askingDevice)
        guard case .verdict(.error)? = records["NOREQ"]?.outcome else {
            Issue.record("expected error, got \(String(describing: records["NOREQ"]?.outcome))")
            return
        }
        #expect(records["NOREQ"]?.reason?.observed.contains("only in a template a handler sends") == true)
    }

    @Test func checkJudgesAComputedValueAgainstItsRange() throws {
        let cases = """
          - id: RTT
            title: round trip
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}
              - set: {sent_at: "{{sent.time}}"}
              - expect: {port: tn1, after: sent_at, within: 1s, match: {icmpv6.type: 129}, save: {got: frame.time}}
              - check: {what: round trip, value: "{{difference(got, sent_at)}}", range: [LOW, HIGH]}

        """
        let echo: ScriptedTestbed.Script = { frame, device in
            if frame.first("icmpv6.type") == .uint(128) { device.send(Frames.echoReply()) }
        }
        let inside = try Harness.run(cases.replacingOccurrences(of: "LOW, HIGH", with: "1us, \"{{pixit.window}}\""), script: echo)
        #expect(inside.records["RTT"]?.outcome == .verdict(.pass))
        let outside = try Harness.run(cases.replacingOccurrences(of: "LOW, HIGH", with: "0, 5000"), script: echo)
        #expect(outside.records["RTT"]?.outcome == .verdict(.fail))
        // 10 µs in the device and 1 µs each way on the virtual link.
        #expect(outside.records["RTT"]?.reason?.observed == "round trip = 12000")
        #expect(outside.records["RTT"]?.reason?.expected == "round trip in [0, 5000]")
    }
}
