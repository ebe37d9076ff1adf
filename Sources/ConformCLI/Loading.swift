import ConformSuite
import ConformRunner

/// Loading of suites and targets shared by `run` and `list`: every diagnostic printed, and
/// nil when any is an error (the command then exits 2 without running anything).
enum Loading {
    struct Loaded {
        let suites: [Suite]
        let target: Target
        let binding: SuiteBinding
    }

    static func load(suites paths: [String], target argument: String?, console: Console) -> Loaded? {
        guard !paths.isEmpty else {
            console.error("conform: no SUITE given")
            return nil
        }
        guard let argument else {
            console.error("conform: --target TARGET is required (a target file, or sim:NAME[+FAULT])")
            return nil
        }
        var suites: [Suite] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            do { suites.append(try SuiteLoader.load(path)) } catch { diagnostics += error.diagnostics }
        }
        var target: Target?
        do { target = try TargetResolver.resolve(argument) } catch { diagnostics += error.diagnostics }
        var binding: SuiteBinding?
        if let target, diagnostics.isEmpty {
            do { binding = try SuiteBinding.bind(suites, to: target) } catch { diagnostics += error.diagnostics }
        }
        for diagnostic in diagnostics { console.error(diagnostic.description) }
        guard let target, let binding, !diagnostics.contains(where: { $0.severity == .error }) else {
            let count = diagnostics.filter { $0.severity == .error }.count
            console.error("conform: \(count) error\(count == 1 ? "" : "s"); nothing was run")
            return nil
        }
        return Loaded(suites: suites, target: target, binding: binding)
    }

    /// `--filter`, `--tags` and `--skip-tags` values (comma-separated lists allowed).
    static func selection(_ arguments: ParsedArguments) -> Selection {
        let split = { (values: [String]) in values.flatMap { $0.split(separator: ",").map(String.init) } }
        return Selection(idGlobs: split(arguments.all("--filter")), tags: split(arguments.all("--tags")),
                         skipTags: split(arguments.all("--skip-tags")))
    }
}
