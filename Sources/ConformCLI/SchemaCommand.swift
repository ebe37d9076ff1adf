import ConformSuite
import ConformEvidence

/// `conform schema [suite|target]`: the JSON Schemas editors and validators use.
enum SchemaCommand {
    static let command = Conform.Command(
        name: "schema",
        synopsis: "conform schema [suite|target|run]",
        abstract: "Print the JSON Schema of suites (default), target files, or run.json.",
        options: [],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        switch arguments.positionals {
        case [], ["suite"]:
            console.writeOut(SchemaGenerator.suiteSchema())
        case ["target"]:
            console.writeOut(SchemaGenerator.targetSchema())
        case ["run"]:
            do {
                console.writeOut(try RunRecordSchema.text())
            } catch {
                console.error("conform schema: cannot encode the run.json schema: \(error)")
                return ExitStatus.internal
            }
        default:
            console.error("conform schema: expected 'suite', 'target' or 'run'")
            return ExitStatus.usage
        }
        return ExitStatus.success
    }
}
