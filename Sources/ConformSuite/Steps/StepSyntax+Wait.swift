extension StepSyntax {
    /// `wait: 2s`.
    static let wait = StepSyntax(
        kind: WaitStep.kind,
        schema: SchemaFragments.duration,
        parse: { node, context in
            context.duration(node, "wait").map(WaitStep.init(duration:))
        })
}
