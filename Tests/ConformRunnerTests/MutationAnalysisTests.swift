import Foundation
import Testing
import ConformTime
import ConformWire
import ConformSuite
import ConformSim
@testable import ConformRunner

/// A device that answers Echo Requests, with three faults: one the echo case aims at, one
/// that breaks the echo case under another clause, and one that changes nothing.
private final class EchoResponder: DeviceSimulator {
    static let wrongIdentifier = FaultDescriptor(name: "wrong-identifier", clause: "RFC 4443 §4.2", summary: "identifier + 1")
    static let silentUnderOtherClause = FaultDescriptor(name: "silent", clause: "RFC 8200 §3", summary: "never answers")
    static let harmless = FaultDescriptor(name: "harmless", clause: "RFC 4443 §4.2", summary: "changes nothing")

    static let descriptor = SimulatorDescriptor(
        name: "echo-responder", summary: "answers Echo Requests", ports: ["tn1"],
        faults: [wrongIdentifier, silentUnderOtherClause, harmless],
        targetYAML: Harness.target.replacingOccurrences(of: "simulator: ipv6-host", with: "simulator: echo-responder"),
        make: { environment throws(SimulatorError) in try EchoResponder(environment: environment) })

    init(environment: SimulatorEnvironment) throws(SimulatorError) {
        guard let link = environment.links["tn1"] else { throw SimulatorError("no tn1") }
        let fault = environment.fault
        let clock = environment.clock
        link.onReceive = { [link] bytes in
            guard Dissector.dissect(bytes).first("icmpv6.type") == .uint(128), fault != Self.silentUnderOtherClause else { return }
            let reply = try? FrameBuilder.build(Frames.echoReply(identifier: fault == Self.wrongIdentifier ? 0x1235 : 0x1234))
            clock.schedule(after: .microseconds(10)) { if let reply { link.send(reply) } }
        }
    }
}

private func loadSuite(_ cases: String) throws -> Suite {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mutation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("suite.yaml").path
    try (Harness.header + cases).write(toFile: path, atomically: true, encoding: .utf8)
    return try SuiteLoader.load(path)
}

private let echoCase = """
  - id: ECHO
    title: echo
    clause: RFC 4443 §4.2
    steps:
      - send: {port: tn1, template: echo_request}
      - expect: {port: tn1, within: "{{pixit.window}}", match: {icmpv6.type: 129, icmpv6.echo.identifier: 0x1234}}

"""

@Suite struct MutationAnalysisTests {
    @Test func aFaultIsCaughtOnlyByAFailInACaseOfItsClause() throws {
        let suite = try loadSuite(echoCase)
        let report = try MutationAnalysis(suites: [suite], simulator: EchoResponder.descriptor).run()
        #expect(report.referenceProblems.isEmpty)
        #expect(report.reference.map(\.id) == ["ECHO"])
        let byName = Dictionary(uniqueKeysWithValues: report.faults.map { ($0.fault.name, $0) })

        let caught = try #require(byName["wrong-identifier"])
        #expect(caught.isCaught)
        #expect(caught.catchers.map(\.id) == ["ECHO"])
        #expect(caught.strayFailures.isEmpty)

        // ECHO fails under "silent", but ECHO aims at RFC 4443 §4.2, not the fault's RFC 8200 §3.
        let silent = try #require(byName["silent"])
        #expect(!silent.isCaught)
        #expect(!silent.isTargeted)
        #expect(silent.strayFailures.map(\.id) == ["ECHO"])

        let harmless = try #require(byName["harmless"])
        #expect(!harmless.isCaught)
        #expect(harmless.isTargeted)

        #expect(report.missed.map(\.fault.name) == ["silent", "harmless"])
        #expect(abs(report.score - 1.0 / 3.0) < 1e-9)
        #expect(!report.isComplete)
    }

    @Test func aReferenceThatFailsACaseMakesTheAnalysisIncomplete() throws {
        let suite = try loadSuite(echoCase + """
          - id: NO-ECHO
            title: expects silence where the device answers
            clause: RFC 4443 §4.2
            steps:
              - send: {port: tn1, template: echo_request}
              - expect: {port: tn1, within: "{{pixit.window}}", absent: true, match: {icmpv6.type: 129}}

        """)
        let report = try MutationAnalysis(suites: [suite], simulator: EchoResponder.descriptor,
                                          selection: Selection(idGlobs: ["NO-ECHO"])).run()
        #expect(report.reference.map(\.id) == ["NO-ECHO"])
        #expect(report.referenceProblems.map(\.id) == ["NO-ECHO"])
        #expect(!report.isComplete)
    }

    @Test func aTargetThatDoesNotFitTheSuitesIsATypedError() throws {
        let suite = try loadSuite(echoCase)
        let unfit = SimulatorDescriptor(name: "unfit", summary: "", ports: ["tn1"], faults: [],
                                        targetYAML: Harness.target.replacingOccurrences(of: "pics: {host: true, router: false}", with: "pics: {hots: true}"),
                                        make: EchoResponder.descriptor.make)
        #expect(throws: MutationError.self) { try MutationAnalysis(suites: [suite], simulator: unfit).run() }
    }

    /// The shipped suite against the shipped host: the reference passes, and every fault is
    /// caught, each only by cases of its clause and without failing any case of another.
    @Test func theIPv6CoreSuiteCatchesEveryFaultOfTheHost() throws {
        let suite = try SuiteLoader.load(Repository.path("Suites/ipv6-core"))
        let simulator = try #require(SimulatorCatalog.named("ipv6-host"))
        let report = try MutationAnalysis(suites: [suite], simulator: simulator).run()
        #expect(report.referenceProblems.isEmpty, "\(report.referenceProblems.map { "\($0.id): \($0.reason?.observed ?? "")" })")
        for outcome in report.faults {
            let (caught, strays) = (outcome.isCaught, outcome.strayFailures.map { "\($0.id) (\($0.clause))" })
            #expect(caught, "\(outcome.fault.name) (\(outcome.fault.clause)) is caught by no case")
            #expect(strays.isEmpty, "\(outcome.fault.name) also fails \(strays)")
        }
        #expect(report.isComplete)
        #expect(report.score == 1)
    }
}

/// The whole shipped suite, slow cases included, against the reference host: well under 5 s
/// of wall time, however long its timers (the reassembly cases wait 60 s each).
@Test func theIPv6CoreSuiteRunsInUnderFiveSecondsOfWallTime() throws {
    let suite = try SuiteLoader.load(Repository.path("Suites/ipv6-core"))
    let simulator = try #require(SimulatorCatalog.named("ipv6-host"))
    let target = try TargetLoader.load(text: simulator.targetYAML, name: "sim:ipv6-host")
    let binding = try SuiteBinding.bind([suite], to: target)
    let testbed = SimulatorTestbed(simulator: simulator, fault: nil, portNames: suite.ports,
                                   addresses: target.addresses["nut"] ?? [:], parameters: binding.pixit.mapValues(\.description))
    defer { testbed.close() }
    let started = ContinuousClock.now
    let records = Runner(suites: [suite], target: target, binding: binding, testbed: testbed).run()
    let elapsed = ContinuousClock.now - started
    #expect(records.allSatisfy { $0.outcome == .verdict(.pass) })
    #expect(records.contains { testCase in suite.cases.first { $0.id == testCase.id }?.tags.contains("slow") == true })
    #expect(records.map(\.durationNs).reduce(0, +) > 120_000_000_000)
    #expect(elapsed < .seconds(5))
}

/// Paths inside the repository (this file is Tests/ConformRunnerTests/MutationAnalysisTests.swift).
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func path(_ relative: String) -> String { "\(root)/\(relative)" }
}
