import Foundation
import Testing
import ConformSim
@testable import ConformCLI

/// Runs `conform` in-process and captures what it prints.
struct Invocation {
    var out = ""
    var err = ""
    var status: Int32 = -1

    /// The repository root (this file is Tests/ConformCLITests/CommandLineTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func run(_ arguments: String...) -> Invocation {
        run(arguments)
    }

    static func run(_ arguments: [String]) -> Invocation {
        final class Box: @unchecked Sendable { var out = "", err = "" }
        let box = Box()
        let console = Console(writeOut: { box.out += $0 }, writeError: { box.err += $0 }, isTerminal: false, color: false)
        let status = Conform.main(["conform"] + arguments, console: console)
        return Invocation(out: box.out, err: box.err, status: status)
    }

    /// A path inside the repository.
    static func repo(_ relative: String) -> String { "\(root)/\(relative)" }

    static func temporaryFolder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conform-cli-\(UUID().uuidString)").path
        return path
    }
}

@Suite struct CommandLineTests {
    @Test func versionAndHelp() {
        let version = Invocation.run("--version")
        #expect(version.status == 0)
        #expect(version.out == "conform \(Conform.version)\n")
        for command in ["run", "list", "lint", "schema", "mutate"] {
            let help = Invocation.run(command, "--help")
            #expect(help.status == 0)
            #expect(help.out.hasPrefix("usage: conform \(command)"))
        }
    }

    @Test func unknownCommandsAndOptionsExit2WithASuggestion() {
        let command = Invocation.run("rn")
        #expect(command.status == 2)
        #expect(command.err.contains("did you mean 'run'?"))
        let option = Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--targte", "sim:ipv6-host")
        #expect(option.status == 2)
        #expect(option.err.contains("unknown option --targte (did you mean --target?)"))
    }

    @Test func referenceRunPassesAndWritesTheBundle() throws {
        let out = Invocation.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host", "--out", out)
        #expect(run.status == 0, "\(run.out)\(run.err)")
        #expect(run.out.hasSuffix("bundle: \(out)\n"))
        for file in ["run.json", "junit.xml", "target.json", "captures/tn1.pcapng"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "missing \(file)")
        }
        let summary = try runJSON(out)["summary"] as? [String: Int]
        #expect(summary?["fail"] == 0 && summary?["error"] == 0 && summary?["inconc"] == 0)
        #expect((summary?["pass"] ?? 0) >= 7)
    }

    /// Each fault fails exactly the cases whose clause is the fault's, with a reason naming
    /// the clause, the expectation and what was seen, and exit status 1.
    @Test(arguments: SimulatorCatalog.named("ipv6-host")?.faults.map { ($0.name, $0.clause) } ?? [])
    func aFaultFailsExactlyTheCasesAimedAtIt(fault: String, clause: String) throws {
        let out = Invocation.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host+\(fault)", "--out", out)
        #expect(run.status == 1, "\(run.out)\(run.err)")
        let cases = try #require(try runJSON(out)["cases"] as? [[String: Any]])
        let failed = cases.filter { $0["verdict"] as? String == "fail" }
        #expect(!failed.isEmpty)
        for record in failed {
            #expect(record["clause"] as? String == clause, "\(record["id"] ?? "?") failed under \(fault)")
            let reason = try #require(record["reason"] as? [String: Any])
            #expect(reason["clause"] as? String == clause)
            #expect(!(reason["expected"] as? String ?? "").isEmpty)
            #expect(!(reason["observed"] as? String ?? "").isEmpty)
        }
        for record in cases where record["clause"] as? String != clause {
            #expect(["pass", "inconc"].contains(record["verdict"] as? String), "\(record["id"] ?? "?") under \(fault)")
        }
        #expect(run.out.contains("rerun:    conform run \(Invocation.repo("Suites/ipv6-core")) --target sim:ipv6-host+\(fault) --filter "))
    }

    @Test func mutateCatchesEveryFaultOfTheHostAndExits0() {
        let mutate = Invocation.run("mutate", Invocation.repo("Suites/ipv6-core"), "--sim", "ipv6-host")
        #expect(mutate.status == 0, "\(mutate.out)\(mutate.err)")
        #expect(mutate.out.contains("fault "))
        #expect(mutate.out.contains("na-hop-limit-64"))
        let faults = SimulatorCatalog.named("ipv6-host")?.faults.count ?? 0
        #expect(mutate.out.contains("mutation score: \(faults)/\(faults) faults caught (100.0%)"))
        #expect(!mutate.out.contains("MISSED"))
    }

    @Test func mutateExits1WhenAFaultIsMissedAnd2ForUsage() {
        let filtered = Invocation.run("mutate", Invocation.repo("Suites/ipv6-core"), "--sim", "ipv6-host", "--filter", "ICMP-ECHO-001")
        #expect(filtered.status == 1, "\(filtered.out)\(filtered.err)")
        #expect(filtered.out.contains("MISSED (no selected case has this clause)"))
        #expect(filtered.out.contains("echo-wrong-identifier"))
        #expect(Invocation.run("mutate", Invocation.repo("Suites/ipv6-core")).status == 2)
        let unknown = Invocation.run("mutate", Invocation.repo("Suites/ipv6-core"), "--sim", "ipv6-hots")
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("did you mean 'ipv6-host'?"))
        #expect(Invocation.run("mutate", "--sim", "ipv6-host").status == 2)
        #expect(Invocation.run("mutate", Invocation.repo("Suites/ipv6-core"), "--sim", "ipv6-host", "--filter", "NONE").status == 2)
    }

    @Test func twoRunsGiveIdenticalResultsApartFromRunIdentityAndWallClock() throws {
        let first = Invocation.temporaryFolder(), second = Invocation.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        #expect(Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host", "--out", first).status == 0)
        #expect(Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host", "--out", second).status == 0)
        var a = try runJSON(first), b = try runJSON(second)
        for key in ["runId", "startedAt", "finishedAt", "wallClockNs", "invocation"] {
            a[key] = nil
            b[key] = nil
        }
        #expect(NSDictionary(dictionary: a).isEqual(to: b))
        let captureA = try Data(contentsOf: URL(fileURLWithPath: "\(first)/captures/tn1.pcapng"))
        let captureB = try Data(contentsOf: URL(fileURLWithPath: "\(second)/captures/tn1.pcapng"))
        #expect(captureA == captureB)
    }

    @Test func aNonEmptyOutFolderIsRefused() throws {
        let out = Invocation.temporaryFolder()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(out)/keep"))
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host", "--out", out)
        #expect(run.status == 2)
        #expect(run.err.contains("is not empty"))
    }

    @Test func aRunThatSelectsNothingExits2() {
        let run = Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host", "--filter", "NO-SUCH-*")
        #expect(run.status == 2)
        #expect(run.err.contains("no case selected"))
    }

    @Test func unknownSimulatorsAndFaultsAreRefused() {
        let simulator = Invocation.run("list", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-hots")
        #expect(simulator.status == 2)
        #expect(simulator.err.contains("did you mean 'ipv6-host'?"))
        let fault = Invocation.run("list", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host+na-hop-limit-65")
        #expect(fault.status == 2)
        #expect(fault.err.contains("did you mean 'na-hop-limit-64'?"))
    }

    /// A misspelt or missing PICS answer is refused before anything runs, with a did-you-mean.
    @Test(arguments: [("misspelt-pics", "[target.unknown-pics]", "did you mean 'ipv6.host'?"),
                      ("missing-required-pics", "[target.missing-pics]", "add 'ipv6.host:' under 'pics:'")])
    func badTargetsAreRefused(file: String, id: String, hint: String) {
        let out = Invocation.temporaryFolder()
        let run = Invocation.run("run", Invocation.repo("Suites/ipv6-core"), "--target",
                                 Invocation.repo("Fixtures/bad-targets/\(file).yaml"), "--out", out)
        #expect(run.status == 2)
        #expect(run.err.contains(id), "\(run.err)")
        #expect(run.err.contains(hint), "\(run.err)")
        #expect(run.err.contains("nothing was run"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func listShowsSelectionWithThePICSReason() {
        let list = Invocation.run("list", Invocation.repo("Suites/ipv6-core"), "--target", "sim:ipv6-host")
        #expect(list.status == 0)
        #expect(list.out.contains("selected      ICMP-ECHO-001"))
    }

    @Test func lintOfTheBadSuitesPrintsFileLineColumnAndExits2() {
        let lint = Invocation.run("lint", Invocation.repo("Fixtures/bad-suites"))
        #expect(lint.status == 2)
        let diagnostics = lint.out.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(diagnostics.count >= 20)
        for line in diagnostics {
            #expect(line.hasPrefix(Invocation.repo("Fixtures/bad-suites/")), "\(line)")
            #expect(line.range(of: #"\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test func runRefusesAnInvalidSuiteAndRunsNothing() throws {
        let out = Invocation.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = Invocation.run("run", Invocation.repo("Fixtures/bad-suites/unknown-field.yaml"), "--target", "sim:ipv6-host", "--out", out)
        #expect(run.status == 2)
        #expect(run.err.contains("nothing was run"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func lintOfTheShippedSuitesAndTargetsIsClean() {
        let lint = Invocation.run("lint", Invocation.repo("Suites/ipv6-core"), Invocation.repo("Fixtures/targets/sim-ipv6-host.yaml"))
        #expect(lint.status == 0, "\(lint.out)")
    }

    @Test(arguments: ["suite", "target", "run"])
    func committedSchemasEqualTheGeneratedOnes(kind: String) throws {
        let schema = Invocation.run("schema", kind)
        #expect(schema.status == 0)
        let committed = try String(contentsOfFile: "\(Invocation.root)/schema/\(kind).schema.json", encoding: .utf8)
        #expect(schema.out == committed)
    }

    private func runJSON(_ bundle: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(bundle)/run.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
