extension StepSyntax {
    static let sendKeys = ["count", "port", "set", "template"]

    /// `send: {port, template, count, set}`.
    static let send = StepSyntax(
        kind: SendStep.kind,
        schema: SchemaFragments.object([
            "port": SchemaFragments.string("A port from the suite's 'ports:'"),
            "template": SchemaFragments.string("The template to send"),
            "count": SchemaFragments.integer(minimum: 1),
            "set": SchemaFragments.map(SchemaFragments.scalar, description: "Field overrides by display-filter name"),
        ], required: ["port", "template"]),
        parse: { node, context in
            guard let f = context.reader.fields(of: node, "send", allowed: sendKeys, required: ["port", "template"]) else { return nil }
            let port = context.port(f["port"], "send.port")
            let template = context.template(f["template"], "send.template")
            let count = f["count"] == nil ? 1 : context.reader.int(f["count"], "send.count", minimum: 1)
            let overrides = context.overrides(f["set"], "send.set")
            guard let port, let template, let count else { return nil }
            return SendStep(port: port, template: template, overrides: overrides, count: Int(count))
        })
}
