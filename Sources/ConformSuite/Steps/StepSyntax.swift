/// How one step kind is written: its YAML key, its JSON Schema, and its parser.
///
/// The case parser looks step kinds up in ``byKind``; a new protocol adds a step kind by
/// adding a `StepSyntax` in its own file and listing it in ``all``, without touching the
/// case parser.
struct StepSyntax: Sendable {
    let kind: String
    /// The schema of the value under the step's key.
    let schema: JSONValue
    /// Parses the value under the step's key; nil after reporting a problem.
    let parse: @Sendable (YAMLNode, inout StepContext) -> (any StepBody)?

    static let all: [StepSyntax] = [.send, .expect, .wait, .set, .action, .check, .stream, .measure]

    static let byKind: [String: StepSyntax] = Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0) })

    /// Parses one `- kind: {...}` item of `steps:` or `finally:`.
    static func parseStep(_ node: YAMLNode, _ context: inout StepContext) -> Step? {
        guard let pairs = node.mapping, pairs.count == 1 else {
            context.reader.error("bad-step", at: node.location, "a step is a mapping with one key, the step kind (\(all.map(\.kind).joined(separator: ", ")))")
            return nil
        }
        let kind = pairs[0].key.text
        guard let syntax = byKind[kind] else {
            context.reader.error("unknown-step", at: pairs[0].keyLocation, "unknown step kind '\(kind)'",
                                 hint: DiagnosticLog.didYouMean(kind, among: all.map(\.kind)) ?? "steps: \(all.map(\.kind).joined(separator: ", "))")
            return nil
        }
        return syntax.parse(pairs[0].value, &context).map { Step(body: $0, location: pairs[0].keyLocation) }
    }

    /// The JSON Schema of one step item: exactly one of the step kinds.
    static var itemSchema: JSONValue {
        .object(["oneOf": .array(all.map { syntax in
            SchemaFragments.object([syntax.kind: syntax.schema], required: [syntax.kind])
        })])
    }
}
