import Foundation
import ConformTime
import ConformSuite
import ConformRunner
import ConformEvidence

/// `conform run SUITE... --target TARGET`: run the selected cases and write a bundle.
enum RunCommand {
    static let command = Conform.Command(
        name: "run",
        synopsis: "conform run SUITE... --target TARGET [--out DIR] [--filter ID-GLOB] [--tags T] [--seed N] [--operator NAME]",
        abstract: "Run the selected cases of the suites against a target and write an evidence bundle (the last line printed is 'bundle: PATH').",
        options: [
            .value("--target", "TARGET", "target file, or sim:NAME[+FAULT] for a built-in simulator"),
            .value("--out", "DIR", "bundle folder; must be absent or empty (default: Results/<runId>)"),
            .value("--filter", "ID-GLOB", repeatable: true, "only cases whose id matches (*, ?); repeatable"),
            .value("--tags", "T", repeatable: true, "only cases with one of these tags; repeatable"),
            .value("--seed", "N", "seed for every random choice (recorded in run.json; default 0)"),
            .value("--operator", "NAME", "who runs the test (ISO/IEC 17025 §7.5)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        var seed: UInt64 = 0
        if let text = arguments.value("--seed") {
            guard let value = UInt64(text) else {
                console.error("conform run: --seed must be a non-negative integer, not '\(text)'")
                return ExitStatus.usage
            }
            seed = value
        }
        guard let loaded = Loading.load(suites: arguments.positionals, target: arguments.value("--target"), console: console) else {
            return ExitStatus.usage
        }
        let selection = Loading.selection(arguments)
        let plan = Runner.plan(loaded.suites, pics: loaded.binding.pics, selection: selection)
        guard plan.contains(where: { $0.exclusion == nil }) else {
            console.error("conform run: no case selected (see conform list); nothing was run")
            return ExitStatus.usage
        }
        let startedAt = Date()
        let runId = makeRunID(startedAt)
        let out = arguments.value("--out") ?? "Results/\(runId)"
        do {
            try BundleWriter.prepare(out)
        } catch {
            console.error("conform run: \(error)")
            return ExitStatus.usage
        }
        let ports = Array(Set(loaded.suites.flatMap(\.ports))).sorted()
        let testbed: any TestbedSession
        do {
            testbed = try TestbedFactory.open(for: loaded.target, binding: loaded.binding, ports: ports)
        } catch {
            console.error("conform run: cannot open the test bed: \(error)")
            return ExitStatus.usage
        }
        defer { testbed.close() }

        let targetArgument = arguments.value("--target") ?? ""
        let display = ProgressDisplay(console: console, rerun: { id in
            (["conform", "run"] + arguments.positionals + ["--target", targetArgument, "--filter", id]).map(shellQuoted).joined(separator: " ")
        })
        display.header(suites: loaded.suites, target: loaded.target, targetArgument: targetArgument,
                       selected: plan.filter { $0.exclusion == nil }.count, total: plan.count)
        let runner = Runner(suites: loaded.suites, target: loaded.target, binding: loaded.binding, testbed: testbed,
                            selection: selection)
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let records = runner.run(observer: display)
        let wall = Int64(DispatchTime.now().uptimeNanoseconds - wallStart)
        let record = RunRecord(runId: runId, seed: seed, toolVersion: Conform.version, operatorName: arguments.value("--operator"),
                               startedAt: startedAt, finishedAt: Date(), wallClockNs: wall, clock: testbed.clock.source,
                               suites: loaded.suites, target: loaded.target, binding: loaded.binding, selection: selection,
                               cases: records, invocation: Array(CommandLine.arguments.dropFirst()))
        do {
            try BundleWriter.write(record, ports: testbed.ports.values.map { $0 }, to: out)
        } catch {
            console.error("conform run: \(error)")
            return ExitStatus.internal
        }
        display.summary(record.summary, wallNs: wall, runNs: records.map(\.durationNs).reduce(0, +), clock: testbed.clock.source)
        console.out("results: \(out)/run.json, \(out)/junit.xml")
        console.out("bundle: \(out)")
        let summary = record.summary
        return summary.fail + summary.inconc + summary.error == 0 ? ExitStatus.success : ExitStatus.problem
    }

    /// `20261125T014600Z-3fa9c2`: sortable, unique enough for one lab, short.
    static func makeRunID(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        return formatter.string(from: date) + "-" + String(repeating: "0", count: 6 - suffix.count) + suffix
    }

    /// An argument as a POSIX shell reads it back unchanged.
    static func shellQuoted(_ argument: String) -> String {
        let safe = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:+=,@%".contains($0) }
        return safe && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
