import Foundation
import ConformTime
import ConformSuite
import ConformRunner
import ConformEvidence

/// `conform run SUITE... --target TARGET`: run the selected cases and write a bundle;
/// `conform run --resume BUNDLE`: continue a killed run.
enum RunCommand {
    static let command = Conform.Command(
        name: "run",
        synopsis: "conform run SUITE... --target TARGET [--out DIR] [--filter ID-GLOB] [--tags T] [--skip-tags T] [--seed N] [--operator NAME] [--lab NAME] [--sign KEY] | conform run --resume BUNDLE [--sign KEY]",
        abstract: "Run the selected cases of the suites against a target and write an evidence bundle (the last line printed is 'bundle: PATH'); --resume continues a killed run.",
        options: [
            .value("--target", "TARGET", "target file, or sim:NAME[+FAULT] for a built-in simulator"),
            .value("--out", "DIR", "bundle folder; must be absent or empty (default: Results/<runId>)"),
            .value("--filter", "ID-GLOB", repeatable: true, "only cases whose id matches (*, ?); repeatable"),
            .value("--tags", "T", repeatable: true, "only cases with one of these tags; repeatable"),
            .value("--skip-tags", "T", repeatable: true, "leave out cases with any of these tags (e.g. slow); repeatable"),
            .value("--seed", "N", "seed for every random choice (recorded in run.json; default 0)"),
            .value("--operator", "NAME", "who runs the test (ISO/IEC 17025 §7.5)"),
            .value("--lab", "NAME", "the laboratory, for the report and the registry record"),
            .value("--sign", "KEY", "sign the bundle with this private key (conform keygen); its key id is the authoriser"),
            .value("--resume", "BUNDLE", "continue the killed run in BUNDLE: cases already journaled are kept"),
            .value("--pace", "DURATION", "pause this long in wall time after each case (demonstrations, crash tests)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        var signer: Ed25519PrivateKey?
        if let keyPath = arguments.value("--sign") {
            do {
                signer = try KeyFiles.privateKey(at: keyPath)
            } catch {
                console.error("conform run: --sign: \(error)")
                return ExitStatus.usage
            }
        }
        var pace = TimeAmount.zero
        if let text = arguments.value("--pace") {
            guard let value = TimeAmount(parsing: text) else {
                console.error("conform run: --pace needs a duration with a unit (250ms), not '\(text)'")
                return ExitStatus.usage
            }
            pace = value
        }
        if let bundle = arguments.value("--resume") {
            return resume(bundle, arguments: arguments, signer: signer, pace: pace, console: console)
        }
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
        guard Runner.plan(loaded.suites, pics: loaded.binding.pics, selection: selection).contains(where: { $0.exclusion == nil }) else {
            console.error("conform run: no case selected (see conform list); nothing was run")
            return ExitStatus.usage
        }
        if let missing = TestbedFactory.unmetRequirement(for: loaded.target) {
            console.error("conform run: \(missing); nothing was run")
            return ExitStatus.usage
        }
        let startedAt = Date()
        let runId = makeRunID(startedAt)
        let out = arguments.value("--out") ?? "Results/\(runId)"
        let settings = RunSettings(
            runId: runId, startedAt: startedAt, suitePaths: arguments.positionals, targetArgument: arguments.value("--target") ?? "",
            suiteDigests: Dictionary(loaded.suites.map { ($0.id, RunRecord.digest(of: $0)) }, uniquingKeysWith: { first, _ in first }),
            selection: selection, seed: seed, operatorName: arguments.value("--operator"), lab: arguments.value("--lab"),
            authoriser: signer?.keyID, invocation: Array(CommandLine.arguments.dropFirst()), toolVersion: Conform.version)
        let session: RunSession
        do {
            session = try RunSession(starting: out, settings: settings, suites: loaded.suites, target: loaded.target,
                                     binding: loaded.binding, signer: signer)
        } catch {
            console.error("conform run: \(error)")
            return ExitStatus.usage
        }
        return execute(session, loaded: loaded, pace: pace, console: console)
    }

    private static func resume(_ bundle: String, arguments: ParsedArguments, signer: Ed25519PrivateKey?, pace: TimeAmount,
                               console: Console) -> Int32 {
        let others = ["--target", "--out", "--filter", "--tags", "--seed", "--operator", "--lab"].filter { arguments.values[$0] != nil }
        guard arguments.positionals.isEmpty, others.isEmpty else {
            console.error("conform run: --resume takes the suites, target and options the run started with; do not give SUITE or \(others.joined(separator: ", "))")
            return ExitStatus.usage
        }
        let session: RunSession
        let loaded: Loading.Loaded
        do {
            let settings = try RunSession.pendingSettings(in: bundle)
            guard let found = Loading.load(suites: settings.suitePaths, target: settings.targetArgument, console: console) else {
                return ExitStatus.usage
            }
            loaded = found
            session = try RunSession(resuming: bundle, suites: loaded.suites, target: loaded.target, binding: loaded.binding,
                                     signer: signer)
        } catch {
            console.error("conform run: \(error)")
            return ExitStatus.usage
        }
        console.out("resuming \(bundle): \(session.resumedCases) case(s) kept from the journal")
        return execute(session, loaded: loaded, pace: pace, console: console)
    }

    private static func execute(_ session: RunSession, loaded: Loading.Loaded, pace: TimeAmount, console: Console) -> Int32 {
        let settings = session.settings
        let display = ProgressDisplay(console: console, rerun: { id in
            (["conform", "run"] + settings.suitePaths + ["--target", settings.targetArgument, "--filter", id]).map(shellQuoted)
                .joined(separator: " ")
        })
        let plan = Runner.plan(loaded.suites, pics: loaded.binding.pics, selection: settings.selection)
        display.header(suites: loaded.suites, target: loaded.target, targetArgument: settings.targetArgument,
                       selected: plan.filter { $0.exclusion == nil }.count, total: plan.count)
        let record: RunRecord
        do {
            record = try session.run(observer: display, pace: pace)
        } catch {
            console.error("conform run: \(error)")
            return ExitStatus.internal
        }
        display.summary(record.summary, wallNs: record.wallClockNs, runNs: record.cases.map(\.durationNs).reduce(0, +),
                        clock: record.clock)
        let out = session.bundle
        console.out("results: \(out)/run.json, \(out)/junit.xml")
        console.out("report: \(out)/report.html")
        console.out(record.authoriser.map { "signed: key \($0)" } ?? "unsigned (give --sign KEY to sign; verify with --integrity-only)")
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
