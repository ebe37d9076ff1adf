import ConformTestbed
import Foundation
import Testing
@testable import ConformCLI
#if canImport(Glibc)
import Glibc
#endif

/// `conform testbed` and `conform run` against netns targets. The runs need root and skip
/// visibly without it; the usage checks run everywhere.
@Suite struct TestbedCommandTests {
    @Test func badUsageExitsTwo() {
        #expect(Invocation.run("testbed").status == 2)
        #expect(Invocation.run("testbed", "explode").status == 2)
        let down = Invocation.run("testbed", "down", "not-a-token")
        #expect(down.status == 2)
        #expect(down.err.contains("not a run token"))
        let simulated = Invocation.run("testbed", "up", "sim:ipv6-host")
        #expect(simulated.status == 2)
        #expect(simulated.err.contains("does not use a netns test bed"))
    }

    @Test func netnsTargetsLoadAndListWithoutRoot() {
        for target in ["linux-host", "linux-host-echo-ignore-multicast", "linux-host-echo-ignore-all", "linux-router", "radvd-router"] {
            let listed = Invocation.run("list", Invocation.repo("Suites/ipv6-core"), "--target", Invocation.repo("Fixtures/targets/\(target).yaml"))
            #expect(listed.status == 0, "\(target): \(listed.err)")
            #expect(listed.out.contains(" cases selected"))
        }
    }
}

/// Whole runs against the Linux kernel in network namespaces.
@Suite(.serialized, .enabled(if: Privileges.missing() == nil, Comment(rawValue: Privileges.missing() ?? "")))
struct TestbedRunTests {
    /// Every test bed on the machine belongs to a live run (other suites may run theirs now):
    /// nothing was left behind.
    static func nothingLeft() -> Bool { LeftoverSweeper.inventory().allSatisfy { $0.held } }

    static func namespaces() -> Set<String> {
        let output = (try? HelperCommand([IPTool.path ?? "ip", "netns", "list"]).check()) ?? ""
        return Set(output.split(separator: "\n").compactMap { line in
            let name = String(line.split(separator: " ").first ?? "")
            return RunToken.owning(namespace: name) == nil ? nil : name
        })
    }

    /// The echo and basic NS/NA cases: a quick, representative run against a real kernel.
    static let coreCases = ["ICMP-ECHO-001", "ICMP-ECHO-002", "ND-RES-001", "ND-NS-001", "ND-NS-002", "ND-NA-001", "ND-NSINVAL-001"]

    /// `conform run Suites/ipv6-core --target TARGET` in-process, on `cases` (nil: every case
    /// not tagged slow); the verdict of each case that ran.
    static func run(_ target: String, cases: [String]? = coreCases) throws -> (status: Int32, verdicts: [String: String], out: String) {
        let out = Invocation.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let selection = cases.map { $0.flatMap { ["--filter", $0] } } ?? ["--skip-tags", "slow"]
        let result = Invocation.run(["run", Invocation.repo("Suites/ipv6-core"), "--target", Invocation.repo("Fixtures/targets/\(target).yaml"),
                                     "--out", out] + selection)
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/run.json"))
        let cases = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["cases"] as? [[String: Any]])
        var verdicts: [String: String] = [:]
        for c in cases where c["verdict"] as? String != "skipped" { verdicts[c["id"] as? String ?? ""] = c["verdict"] as? String ?? "?" }
        #expect(FileManager.default.fileExists(atPath: "\(out)/logs/testbed.log"))
        return (result.status, verdicts, result.out + result.err)
    }

    @Test func theKernelPassesTwiceWithTheSameVerdictsAndLeavesNothing() throws {
        let first = try Self.run("linux-host")
        let second = try Self.run("linux-host")
        #expect(first.status == 0, "\(first.out)")
        #expect(first.verdicts.count == Self.coreCases.count)
        #expect(first.verdicts == second.verdicts)
        #expect(Self.nothingLeft())
    }

    /// The whole suite but its slow cases (the 60 s reassembly timeouts) against the kernel.
    @Test func theWholeSuiteWithoutSlowCasesPassesAgainstTheKernel() throws {
        let run = try Self.run("linux-host", cases: nil)
        #expect(run.status == 0, "\(run.out)")
        #expect(run.verdicts.count > 50)
        #expect(Self.nothingLeft())
    }

    /// RFC 4443 §4.2: an Echo Request to a multicast address SHOULD be answered. Ignoring
    /// those (one sysctl) must change exactly the case aimed at it.
    @Test func oneSysctlChangesExactlyTheCaseAimedAtIt() throws {
        let reference = try Self.run("linux-host")
        let changed = try Self.run("linux-host-echo-ignore-multicast")
        let differing = reference.verdicts.keys.filter { reference.verdicts[$0] != changed.verdicts[$0] }.sorted()
        #expect(differing == ["ICMP-ECHO-002"])
        #expect(changed.verdicts["ICMP-ECHO-002"] != "pass")
        #expect(changed.status == 1)
    }

    @Test func theKernelAsARouterAndRadvdPass() throws {
        let router = try Self.run("linux-router")
        #expect(router.status == 0, "\(router.out)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/radvd") else {
            Issue.record("radvd is not installed (CI/setup.sh installs it); the radvd target was not run")
            return
        }
        let radvd = try Self.run("radvd-router")
        #expect(radvd.status == 0, "\(radvd.out)")
    }

    static let binary = Invocation.repo(".build/debug/conform")

    /// The harness killed with SIGKILL mid-run leaves its test bed; the next run sweeps it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs the built conform binary"))
    func aRunKilledWithSIGKILLIsSweptByTheNextRun() throws {
        let out = Invocation.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let harness = Process()
        harness.executableURL = URL(fileURLWithPath: Self.binary)
        harness.arguments = ["run", Invocation.repo("Suites/ipv6-core"), "--target", Invocation.repo("Fixtures/targets/linux-host.yaml"),
                             "--out", out, "--pace", "5s"]
        harness.standardOutput = FileHandle.nullDevice
        harness.standardError = FileHandle.nullDevice
        try harness.run()
        // Mid-run: the first case is journaled while the harness pauses before the next.
        let journal = "\(out)/journal.ndjson"
        let deadline = Date().addingTimeInterval(30)
        while ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").isEmpty && Date() < deadline { usleep(20_000) }
        // The run's own namespaces, from the first line of its set-up log: `ip netns add cfTOKENd`.
        let setupLog = (try? String(contentsOfFile: "\(out)/logs/testbed.log", encoding: .utf8)) ?? ""
        let token = try #require(setupLog.split(separator: " ").lazy.compactMap { RunToken.owning(namespace: String($0.prefix(9))) }.first)
        #expect(Set(token.namespaces).isSubset(of: Self.namespaces()))
        kill(harness.processIdentifier, SIGKILL)
        harness.waitUntilExit()
        #expect(Set(token.namespaces).isSubset(of: Self.namespaces()))
        #expect(LeftoverSweeper.inventory().contains { $0.token == token && !$0.held })

        let next = try Self.run("linux-host")
        #expect(next.status == 0)
        #expect(Set(token.namespaces).isDisjoint(with: Self.namespaces()))
        #expect(Self.nothingLeft())
    }

    /// Without root: one message saying what is needed, exit 2, nothing created.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary) && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "needs the built conform binary and setpriv"))
    func anUnprivilegedUserGetsOneClearMessage() throws {
        let out = "/tmp/conform-unprivileged-\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Self.binary, "run", Invocation.repo("Suites/ipv6-core"),
                             "--target", Invocation.repo("Fixtures/targets/linux-host.yaml"), "--out", out]
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.split(separator: "\n").count == 1)
        #expect(message.contains("needs root"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Self.nothingLeft())
    }
}
