import ConformRunner

/// `conform list SUITE... --target TARGET`: which cases a run would select, and why not the others.
enum ListCommand {
    static let command = Conform.Command(
        name: "list",
        synopsis: "conform list SUITE... --target TARGET [--filter ID-GLOB] [--tags T] [--skip-tags T]",
        abstract: "List the cases a run would select, and the PICS expression that excludes the others.",
        options: [
            .value("--target", "TARGET", "target file, or sim:NAME[+FAULT]"),
            .value("--filter", "ID-GLOB", repeatable: true, "only cases whose id matches (*, ?)"),
            .value("--tags", "T", repeatable: true, "only cases with one of these tags"),
            .value("--skip-tags", "T", repeatable: true, "leave out cases with any of these tags (e.g. slow); repeatable"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard let loaded = Loading.load(suites: arguments.positionals, target: arguments.value("--target"), console: console) else {
            return ExitStatus.usage
        }
        let plan = Runner.plan(loaded.suites, pics: loaded.binding.pics, selection: Loading.selection(arguments))
        let width = plan.map(\.testCase.id.count).max() ?? 0
        for planned in plan {
            let id = planned.testCase.id + String(repeating: " ", count: width - planned.testCase.id.count)
            switch planned.exclusion {
            case nil:
                console.out("selected      \(id)  \(planned.testCase.clause)  \(planned.testCase.title)")
            case .notSelected(let expression)?:
                console.out("not-selected  \(id)  PICS: \(expression) is false")
            case .skipped(let why)?:
                console.out("skipped       \(id)  \(why)")
            case .verdict?:
                break
            }
        }
        let selected = plan.filter { $0.exclusion == nil }.count
        console.out("\(selected) of \(plan.count) cases selected")
        return selected > 0 ? ExitStatus.success : ExitStatus.usage
    }
}
