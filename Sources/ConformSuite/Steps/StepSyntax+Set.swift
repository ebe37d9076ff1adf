extension StepSyntax {
    /// `set: {name: value}`; each name becomes a local for later steps.
    static let set = StepSyntax(
        kind: SetStep.kind,
        schema: SchemaFragments.map(SchemaFragments.scalar, description: "Named values for later {{ }}"),
        parse: { node, context in
            guard let pairs = node.mapping else {
                context.reader.wrongType(node, "set", expected: "a mapping of names to values")
                return nil
            }
            var values: [(name: String, value: Interpolated)] = []
            for pair in pairs {
                guard let value = context.value(pair.value, "set '\(pair.key.text)'") else { continue }
                values.append((pair.key.text, value))
            }
            for (name, _) in values { context.locals.insert(name) }
            return SetStep(values: values)
        })
}
