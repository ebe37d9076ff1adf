extension StepSyntax {
    static let checkKeys = ["range", "value", "what"]

    /// `check: {what, value, range: [low, high]}`: a computed value (of saved values and helpers)
    /// must lie in a range; bounds are integers or durations (nanoseconds).
    static let check = StepSyntax(
        kind: CheckStep.kind,
        schema: SchemaFragments.object([
            "what": SchemaFragments.string("What the value is, for the report (\"mean link delay\")"),
            "value": SchemaFragments.scalar,
            "range": SchemaFragments.array(SchemaFragments.scalar, minItems: 2),
        ], required: ["value", "range", "what"]),
        parse: { node, context in
            guard let f = context.reader.fields(of: node, "check", allowed: checkKeys, required: ["value", "range", "what"]) else { return nil }
            let what = context.reader.string(f["what"], "check.what")
            let value = context.value(f["value"], "check.value")
            let bounds = (context.reader.list(f["range"], "check.range") ?? []).compactMap { context.value($0, "check.range bound") }
            guard let what, let value else { return nil }
            guard bounds.count == 2 else {
                context.reader.error("bad-range", at: f["range"]?.location ?? node.location, "check.range takes two bounds, [low, high]")
                return nil
            }
            return CheckStep(what: what, value: value, low: bounds[0], high: bounds[1])
        })
}
