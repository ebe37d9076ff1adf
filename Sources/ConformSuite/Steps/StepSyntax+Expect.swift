extension StepSyntax {
    static let expectKeys = ["absent", "after", "count", "match", "only", "port", "require", "save", "template", "within"]

    /// `expect: {port, within, after, template, require, match, count, absent, only, save}`.
    static let expect = StepSyntax(
        kind: ExpectStep.kind,
        schema: SchemaFragments.object([
            "port": SchemaFragments.string("A port from the suite's 'ports:'"),
            "within": SchemaFragments.duration,
            "after": SchemaFragments.string("A saved instant the window opens at"),
            "template": SchemaFragments.string("Every field this template gives must match"),
            "match": SchemaFragments.reference("match"),
            "require": SchemaFragments.reference("match"),
            "count": SchemaFragments.integer(minimum: 1),
            "absent": SchemaFragments.boolean,
            "only": SchemaFragments.boolean,
            "save": SchemaFragments.map(SchemaFragments.string("A field name, frame.time or frame.number")),
        ], required: ["port", "within"]),
        parse: { node, context in
            guard let f = context.reader.fields(of: node, "expect", allowed: expectKeys, required: ["port", "within"]) else { return nil }
            let port = context.port(f["port"], "expect.port")
            let within = context.duration(f["within"], "expect.within")
            let after = context.reader.string(f["after"], "expect.after")
            if let after, let node = f["after"], !context.locals.contains(after) {
                context.reader.error("unknown-instant", at: node.location, "'\(after)' is not saved or set earlier in the case",
                                     hint: DiagnosticLog.didYouMean(after, among: context.locals.sorted()))
            }
            let template = f["template"] == nil ? nil : context.template(f["template"], "expect.template")
            let match = context.predicates(f["match"], "expect.match")
            let require = context.predicates(f["require"], "expect.require")
            let count = f["count"] == nil ? 1 : context.reader.int(f["count"], "expect.count", minimum: 1)
            let absent = f["absent"] == nil ? false : context.reader.bool(f["absent"], "expect.absent")
            let only = f["only"] == nil ? false : context.reader.bool(f["only"], "expect.only")
            if absent == true, let countNode = f["count"] {
                context.reader.error("absent-with-count", at: countNode.location, "an expect with 'absent: true' cannot also give 'count'",
                                     hint: "'absent' means no matching frame may arrive; remove 'count'")
            }
            let save = saves(f["save"], &context)
            guard let port, let within, let count, let absent, let only else { return nil }
            return ExpectStep(port: port, within: within, after: after, template: template, match: match,
                              require: require, count: Int(count), absent: absent, only: only, save: save)
        })

    /// `save: {name: field}`: a field, `frame.time` or `frame.number`; each name becomes a local.
    private static func saves(_ node: YAMLNode?, _ context: inout StepContext) -> [ExpectStep.Save] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            context.reader.wrongType(node, "expect.save", expected: "a mapping of names to fields")
            return []
        }
        var saves: [ExpectStep.Save] = []
        for pair in pairs {
            guard let source = context.reader.string(pair.value, "save '\(pair.key.text)'") else { continue }
            if !FieldCatalog.frameSources.contains(source), FieldCatalog.descriptor(source) == nil {
                context.reader.error("bad-save-source", at: pair.value.location,
                                     "cannot save '\(source)': not a field, frame.time or frame.number",
                                     hint: DiagnosticLog.didYouMean(source, among: FieldCatalog.frameSources))
                continue
            }
            context.locals.insert(pair.key.text)
            saves.append(ExpectStep.Save(name: pair.key.text, source: source, location: pair.keyLocation))
        }
        return saves
    }
}
