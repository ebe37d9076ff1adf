import ConformSuite

/// `conform lint SUITE... [TARGET...]`: every diagnostic as FILE:LINE:COL.
enum LintCommand {
    static let command = Conform.Command(
        name: "lint",
        synopsis: "conform lint SUITE... [TARGET...]",
        abstract: "Check suites (files, suite folders, or folders of independent files) and target files; print every problem as FILE:LINE:COL: error: message.",
        options: [],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard !arguments.positionals.isEmpty else {
            console.error("conform lint: no SUITE given")
            return ExitStatus.usage
        }
        let diagnostics = Linter.lint(arguments.positionals)
        for diagnostic in diagnostics { console.out(diagnostic.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        console.out("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return errors > 0 ? ExitStatus.usage : ExitStatus.success
    }
}
