import Testing
import ConformTime
import ConformWire
@testable import ConformRunner

/// Answers every echo request with an echo reply.
private func echoDevice(_ frame: Dissection, _ device: ScriptedDevice) {
    if frame.first("icmpv6.type") == .uint(128) { device.send(Frames.echoReply()) }
}

private let echoCase = """
  - id: ECHO
    title: echo
    clause: RFC 4443 §4.2
    steps:
      - send: {port: tn1, template: echo_request}
      - expect: {port: tn1, within: "{{pixit.window}}", match: {icmpv6.type: 129, icmpv6.echo.identifier: 0x1234}}

"""

@Suite struct ExpectTests {
    @Test func aMatchingReplyPasses() throws {
        let (records, _) = try Harness.run(echoCase, script: echoDevice)
        #expect(records["ECHO"]?.outcome == .verdict(.pass))
    }

    @Test func aReplyThatArrivedBeforeTheStepBeganStillCounts() throws {
        let (records, _) = try Harness.run("""
          - id: FAST
            title: answer arrives during a wait before the expect
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}
              - wait: 500ms
              - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}}

        """, script: echoDevice)
        #expect(records["FAST"]?.outcome == .verdict(.pass))
    }

    @Test func aLateReplyFailsAndNamesTheWindow() throws {
        let (records, _) = try Harness.run(echoCase) { frame, device in
            if frame.first("icmpv6.type") == .uint(128) { device.send(after: .seconds(2), Frames.echoReply()) }
        }
        let record = try #require(records["ECHO"])
        #expect(record.outcome == .verdict(.fail))
        #expect(record.reason?.clause == "RFC 4443 §4.2")
        #expect(record.reason?.observed.contains("no frame from the device") == true)
        #expect(record.reason?.expected.contains("within 1s") == true)
    }

    @Test func aWrongFieldIsReportedFieldByFieldWithTheFrameNumber() throws {
        let (records, _) = try Harness.run(echoCase) { frame, device in
            if frame.first("icmpv6.type") == .uint(128) { device.send(Frames.echoReply(identifier: 0x1235)) }
        }
        let reason = try #require(records["ECHO"]?.reason)
        #expect(records["ECHO"]?.outcome == .verdict(.fail))
        #expect(reason.observed.contains("icmpv6.echo.identifier == 4660 (0x1234) but was 4661 (0x1235)"), "\(reason.observed)")
        #expect(reason.frames == [FrameReference(capture: "captures/tn1.pcapng", number: 2)])
    }

    @Test func eachFrameIsConsumedByOneExpectOnly() throws {
        let (records, _) = try Harness.run("""
          - id: TWICE
            title: one reply cannot satisfy two expects
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}
              - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}}
              - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}}

        """, script: echoDevice)
        #expect(records["TWICE"]?.outcome == .verdict(.fail))
    }

    @Test func absentPassesOnSilenceAndFailsOnAnAnswer() throws {
        let absent = """
          - id: SILENT
            title: no reply expected
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}
              - expect: {port: tn1, within: 2s, absent: true, match: {icmpv6.type: 129}}

        """
        let silent = try Harness.run(absent) { _, _ in }
        #expect(silent.records["SILENT"]?.outcome == .verdict(.pass))
        let chatty = try Harness.run(absent, script: echoDevice)
        #expect(chatty.records["SILENT"]?.outcome == .verdict(.fail))
        #expect(chatty.records["SILENT"]?.reason?.frames.first?.number == 2)
    }

    @Test func anUnmetRequirementIsInconclusiveNotAFailure() throws {
        let cases = """
          - id: REQ
            title: hop limit of the reply
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}
              - expect: {port: tn1, within: 1s, require: {icmpv6.type: 129}, match: {ipv6.hlim: 255}}

        """
        let silent = try Harness.run(cases) { _, _ in }
        #expect(silent.records["REQ"]?.outcome == .verdict(.inconc))
        #expect(silent.records["REQ"]?.reason?.observed.contains("precondition not reached") == true)
        let wrong = try Harness.run(cases, script: echoDevice)
        #expect(wrong.records["REQ"]?.outcome == .verdict(.fail))
    }

    @Test func savedInstantsOpenLaterWindows() throws {
        let (records, _) = try Harness.run("""
          - id: AFTER
            title: window from a saved instant
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}
              - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}, save: {first_at: frame.time, id: icmpv6.echo.identifier}}
              - expect: {port: tn1, after: first_at, within: 3s, match: {icmpv6.type: 129, icmpv6.echo.identifier: "{{id}}"}}

        """) { frame, device in
            guard frame.first("icmpv6.type") == .uint(128) else { return }
            device.send(Frames.echoReply())
            device.send(after: .seconds(2), Frames.echoReply())
        }
        #expect(records["AFTER"]?.outcome == .verdict(.pass))
    }
}

@Suite struct HandlerTests {
    /// A device that resolves the tester's address before it replies, as a real host does.
    private let resolvingDevice: ScriptedTestbed.Script = { frame, device in
        switch frame.first("icmpv6.type") {
        case .uint(128): device.send(Frames.solicitation(for: Frames.tn1LL))
        case .uint(136): device.send(Frames.echoReply())
        default: break
        }
    }

    @Test func handlersAnswerTheDeviceWhileAStepWaits() throws {
        let withHandler = """
          - id: RESOLVE
            title: echo through address resolution
            clause: RFC 4443 §4.2
            on:
              - {port: tn1, match: {icmpv6.type: 135, icmpv6.nd.ns.target_address: "{{tn1.ll}}"}, send: na_from_tn1}
            steps:
              - send: {port: tn1, template: echo_request}
              - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}}

        """
        let answered = try Harness.run(withHandler, script: resolvingDevice)
        #expect(answered.records["RESOLVE"]?.outcome == .verdict(.pass))
        let frames = answered.testbed.link.tester.frames(after: 0)
        #expect(frames.map { $0.direction } == [.outbound, .inbound, .outbound, .inbound])

        let without = withHandler.replacingOccurrences(of: "    on:\n      - {port: tn1, match: {icmpv6.type: 135, icmpv6.nd.ns.target_address: \"{{tn1.ll}}\"}, send: na_from_tn1}\n", with: "")
        let unanswered = try Harness.run(without, script: resolvingDevice)
        #expect(unanswered.records["RESOLVE"]?.outcome == .verdict(.fail))
    }
}

@Suite struct CaseLifecycleTests {
    @Test func aCaseThatJudgesNothingIsAnError() throws {
        let (records, _) = try Harness.run("""
          - id: NOJUDGE
            title: only sends
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}

        """, script: echoDevice)
        #expect(records["NOJUDGE"]?.outcome == .verdict(.error))
    }

    @Test func aDeviceThatReschedulesForeverEndsInErrorNotAHang() throws {
        let (records, _) = try Harness.run(echoCase) { _, device in
            func spin() { device.clock.schedule(after: .zero, spin) }
            spin()
        }
        #expect(records["ECHO"]?.outcome == .verdict(.error))
        #expect(records["ECHO"]?.reason?.observed.contains("clock") == true)
    }

    @Test func everyCaseStartsFromAResetDeviceAndFinallyAlwaysRuns() throws {
        let (records, testbed) = try Harness.run(echoCase + """
          - id: CLEANUP
            title: finally runs after a failure
            clause: RFC 4443 §4.2
            steps:
              - expect: {port: tn1, within: 1s, match: {icmpv6.type: 1}}
            finally:
              - action: {name: flush, args: ["{{nut.ll}}"]}

        """, script: echoDevice)
        #expect(testbed.resets == 2)
        #expect(records["CLEANUP"]?.outcome == .verdict(.fail))
        #expect(testbed.actions.map(\.0) == ["flush"])
        #expect(testbed.actions.first?.1 == ["fe80::1"])
    }

    @Test func tenSecondsOfWaitingCostLittleWallTime() throws {
        let started = ContinuousClock.now
        let (records, _) = try Harness.run("""
          - id: LONG
            title: long silence
            clause: RFC 4443 §4.2
            steps:
              - wait: 10s
              - expect: {port: tn1, within: 1s, absent: true}

        """, script: echoDevice)
        #expect(records["LONG"]?.outcome == .verdict(.pass))
        // With no send in the case, the window opened at the case start: the wait alone counts.
        #expect(records["LONG"]?.durationNs == 10_000_000_000)
        #expect(ContinuousClock.now - started < .milliseconds(100))
    }
}

@Suite struct SelectionTests {
    private let cases = """
      - id: HOST-1
        title: host case
        clause: RFC 4443 §4.2
        pics: host
        tags: [fast]
        steps:
          - send: {port: tn1, template: echo_request}
          - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}}
      - id: ROUTER-1
        title: router case
        clause: RFC 4443 §4.2
        pics: router and not host
        steps:
          - send: {port: tn1, template: echo_request}
          - expect: {port: tn1, within: 1s, match: {icmpv6.type: 129}}

    """

    @Test func picsExcludesWithTheExpression() throws {
        let (records, _) = try Harness.run(cases, script: echoDevice)
        #expect(records["HOST-1"]?.outcome == .verdict(.pass))
        #expect(records["ROUTER-1"]?.outcome == .notSelected("router and not host"))
    }

    @Test func filterAndTagsSkip() throws {
        let byID = try Harness.run(cases, selection: Selection(idGlobs: ["ROUT*"]), script: echoDevice)
        #expect(byID.records["HOST-1"]?.outcome == .skipped("not matched by --filter/--tags/--skip-tags"))
        let byTag = try Harness.run(cases, selection: Selection(tags: ["fast"]), script: echoDevice)
        #expect(byTag.records["HOST-1"]?.outcome == .verdict(.pass))
        let skipped = try Harness.run(cases, selection: Selection(skipTags: ["fast"]), script: echoDevice)
        #expect(skipped.records["HOST-1"]?.outcome == .skipped("not matched by --filter/--tags/--skip-tags"))
    }

    @Test(arguments: [("ND-*", "ND-NS-001", true), ("ND-NS-00?", "ND-NS-001", true), ("ND-*", "ICMP-1", false),
                      ("*", "X", true), ("A*B*C", "AxxBxxC", true), ("A*B", "AxxBx", false)])
    func globs(pattern: String, id: String, matches: Bool) {
        #expect(Selection.glob(pattern, matches: id) == matches)
    }
}

@Suite struct VerdictTests {
    @Test func verdictsOnlyGetWorseAndKeepTheFirstReason() {
        var arbiter = VerdictArbiter()
        #expect(arbiter.final == .error)
        arbiter.set(.pass)
        let first = VerdictReason(clause: "c", expected: "e1", observed: "o1", frames: [], location: nil)
        let second = VerdictReason(clause: "c", expected: "e2", observed: "o2", frames: [], location: nil)
        arbiter.set(.fail, first)
        arbiter.set(.inconc, second)
        arbiter.set(.fail, second)
        #expect(arbiter.final == .fail)
        #expect(arbiter.reason == first)
        arbiter.set(.error, second)
        #expect(arbiter.final == .error)
    }

    @Test func ttcn3Order() {
        #expect(Verdict.allCases.sorted() == [.none, .pass, .inconc, .fail, .error])
    }
}
