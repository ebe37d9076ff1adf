import ConformWire
import ConformSuite
import ConformSim
import ConformRunner

/// `conform mutate SUITE... --sim NAME`: which cases catch which fault of a built-in simulator.
enum MutateCommand {
    static let command = Conform.Command(
        name: "mutate",
        synopsis: "conform mutate SUITE... --sim NAME [--filter ID-GLOB] [--tags T] [--skip-tags T]",
        abstract: "Run the suites against a built-in simulator and each of its faults; print which cases catch which fault and the mutation score (exit 1 unless the reference passes and every fault is caught).",
        options: [
            .value("--sim", "NAME", "built-in simulator (see the sim: targets, e.g. ipv6-host)"),
            .value("--filter", "ID-GLOB", repeatable: true, "only cases whose id matches (*, ?); repeatable"),
            .value("--tags", "T", repeatable: true, "only cases with one of these tags; repeatable"),
            .value("--skip-tags", "T", repeatable: true, "leave out cases with any of these tags (e.g. slow); repeatable"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard !arguments.positionals.isEmpty else {
            console.error("conform mutate: no SUITE given\nusage: \(command.synopsis)")
            return ExitStatus.usage
        }
        guard let name = arguments.value("--sim") else {
            console.error("conform mutate: --sim NAME is required\nusage: \(command.synopsis)")
            return ExitStatus.usage
        }
        guard let simulator = SimulatorCatalog.named(name) else {
            let known = SimulatorCatalog.all.map(\.name)
            let hint = NameSuggester.nearest(to: name, among: known).map { " (did you mean '\($0)'?)" }
                ?? " (simulators: \(known.joined(separator: ", ")))"
            console.error("conform mutate: no built-in simulator '\(name)'\(hint)")
            return ExitStatus.usage
        }
        var suites: [Suite] = []
        var diagnostics: [Diagnostic] = []
        for path in arguments.positionals {
            do { suites.append(try SuiteLoader.load(path)) } catch { diagnostics += error.diagnostics }
        }
        for diagnostic in diagnostics { console.error(diagnostic.description) }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            console.error("conform mutate: the suites have errors; nothing was run")
            return ExitStatus.usage
        }
        let analysis = MutationAnalysis(suites: suites, simulator: simulator, selection: Loading.selection(arguments))
        let report: MutationReport
        do {
            report = try analysis.run()
        } catch {
            console.error("conform mutate: \(error)")
            return ExitStatus.usage
        }
        guard !report.reference.isEmpty else {
            console.error("conform mutate: no case selected (see conform list); nothing was run")
            return ExitStatus.usage
        }
        show(report, suites: suites, console: console)
        return report.isComplete ? ExitStatus.success : ExitStatus.problem
    }

    private static func show(_ report: MutationReport, suites: [Suite], console: Console) {
        let passed = report.reference.count - report.referenceProblems.count
        console.out("conform mutate: \(suites.map(\.id).joined(separator: ", ")) against \(report.simulator) and its \(report.faults.count) faults")
        console.out("reference: \(passed) of \(report.reference.count) cases pass")
        for record in report.referenceProblems {
            console.out("  \(record.outcomeName) \(record.id) (\(record.clause)): \(record.reason?.observed ?? "")")
        }
        let rows = report.faults.map { outcome in
            (outcome.fault.name, outcome.fault.clause,
             outcome.isCaught ? outcome.catchers.map(\.id).joined(separator: ", ")
                 : outcome.isTargeted ? "MISSED" : "MISSED (no selected case has this clause)")
        }
        let nameWidth = max("fault".count, rows.map(\.0.count).max() ?? 0) + 2
        let clauseWidth = max("clause".count, rows.map(\.1.count).max() ?? 0) + 2
        let pad = { (text: String, width: Int) in text + String(repeating: " ", count: max(0, width - text.count)) }
        console.out("")
        console.out(pad("fault", nameWidth) + pad("clause", clauseWidth) + "caught by")
        for (row, outcome) in zip(rows, report.faults) {
            console.out(pad(row.0, nameWidth) + pad(row.1, clauseWidth) + row.2)
            for stray in outcome.strayFailures {
                console.out(String(repeating: " ", count: nameWidth) + "also \(stray.outcomeName): \(stray.id) (\(stray.clause))")
            }
        }
        let percent = (report.score * 1000).rounded() / 10
        console.out("")
        console.out("mutation score: \(report.caught.count)/\(report.faults.count) faults caught (\(percent)%)")
    }
}
