import ConformSuite
import ConformEvidence

/// `conform schema [suite|target]`: the JSON Schemas editors and validators use.
enum SchemaCommand {
    static let command = Conform.Command(
        name: "schema",
        synopsis: "conform schema [suite|target|run|registry-record]",
        abstract: "Print the JSON Schema of suites (default), target files, run.json, or registry-record.json.",
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
        case ["registry-record"]:
            do {
                console.writeOut(try RegistryRecordSchema.text())
            } catch {
                console.error("conform schema: cannot encode the registry record schema: \(error)")
                return ExitStatus.internal
            }
        default:
            console.error("conform schema: expected 'suite', 'target', 'run' or 'registry-record'")
            return ExitStatus.usage
        }
        return ExitStatus.success
    }
}
