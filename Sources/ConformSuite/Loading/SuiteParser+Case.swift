extension SuiteParser {
    /// One item of `cases:`.
    mutating func testCase(_ node: YAMLNode) -> TestCase? {
        guard let f = reader.fields(of: node, "a case", allowed: SuiteKeys.testCase, required: SuiteKeys.testCaseRequired) else { return nil }
        let id = reader.string(f["id"], "case id")
        if let id, let idNode = f["id"] {
            if let first = caseIDs[id] {
                reader.error("duplicate-case", at: idNode.location, "duplicate case id '\(id)'", notes: ["\(first): first defined here"])
            } else {
                caseIDs[id] = idNode.location
            }
        }
        let what = id.map { "case \($0)" } ?? "case"
        let title = reader.string(f["title"], "\(what) title")
        let purpose = reader.string(f["purpose"], "\(what) purpose")
        let clause = reader.string(f["clause"], "\(what) clause")
        let references = f["references"].flatMap { reader.strings($0, "references") } ?? []
        let tags = f["tags"].flatMap { reader.strings($0, "tags") } ?? []
        let pics = f["pics"].flatMap { picsExpression($0) }

        var context = StepContext(reader: reader, scope: scope, locals: [])
        let timeout = f["timeout"].flatMap { context.duration($0, "timeout") }
        let stepItems = context.reader.list(f["steps"], "steps") ?? []
        if f["steps"] != nil, stepItems.isEmpty, f["steps"]?.sequence != nil {
            context.reader.error("no-steps", at: f["steps"]?.location ?? node.location, "\(what) has no steps")
        }
        let steps = stepItems.compactMap { StepSyntax.parseStep($0, &context) }
        let finallyItems = context.reader.list(f["finally"], "finally") ?? []
        let finallySteps = finallyItems.compactMap { StepSyntax.parseStep($0, &context) }
        let handlers = (context.reader.list(f["on"], "on") ?? []).compactMap { handler($0, &context) }
        reader = context.reader
        caseLocals.formUnion(context.locals)

        guard let id, let title, let clause else { return nil }
        return TestCase(id: id, title: title, purpose: purpose, clause: clause, references: references, pics: pics, tags: tags,
                        handlers: handlers, steps: steps, finally: finallySteps, timeout: timeout, location: node.location)
    }

    /// A `pics:` expression; syntax errors are placed at their column.
    private mutating func picsExpression(_ node: YAMLNode) -> PICSExpression? {
        guard let text = reader.string(node, "pics") else { return nil }
        do throws(ExpressionSyntaxError) {
            let expression = try PICSExpression.parse(text)
            scope.check(pics: expression, at: node.location, &reader)
            return expression
        } catch {
            reader.log.error(error.id, at: NodeReader.location(of: error.column, in: node), "pics '\(text)': \(error.message)")
            return nil
        }
    }

    /// An `on:` rule; it sees every name the case defines, as it runs throughout.
    private func handler(_ node: YAMLNode, _ context: inout StepContext) -> Handler? {
        guard let f = context.reader.fields(of: node, "a handler", allowed: SuiteKeys.handler, required: SuiteKeys.handlerRequired) else { return nil }
        let port = f["port"].flatMap { context.port($0, "on.port") }
        let match = context.predicates(f["match"], "on.match")
        let send = context.template(f["send"], "on.send")
        guard let send else { return nil }
        return Handler(port: port, match: match, send: send, location: node.location)
    }
}
