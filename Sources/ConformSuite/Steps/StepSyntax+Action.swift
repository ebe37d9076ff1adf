extension StepSyntax {
    static let actionKeys = ["args", "name"]

    /// `action: {name, args}`: a named action of the target.
    static let action = StepSyntax(
        kind: ActionStep.kind,
        schema: SchemaFragments.object([
            "name": SchemaFragments.string("An action the target defines, e.g. reset"),
            "args": SchemaFragments.array(SchemaFragments.scalar),
        ], required: ["name"]),
        parse: { node, context in
            guard let f = context.reader.fields(of: node, "action", allowed: actionKeys, required: ["name"]) else { return nil }
            let name = context.reader.string(f["name"], "action.name")
            let arguments = (context.reader.list(f["args"], "action.args") ?? []).compactMap { context.value($0, "action argument") }
            guard let name else { return nil }
            return ActionStep(name: name, arguments: arguments)
        })
}
