import ConformTime

extension StepSyntax {
    static let measureKeys = ["assert", "decision", "link_rate", "port", "stream", "within"]

    /// `measure: {stream, port, within, link_rate, decision, assert: ["latency.p99 < 50us", ...]}`.
    static let measure = StepSyntax(
        kind: MeasureStep.kind,
        schema: SchemaFragments.object([
            "stream": SchemaFragments.string("A stream started earlier in the case"),
            "port": SchemaFragments.string("The port the stream is received on"),
            "within": SchemaFragments.duration,
            "link_rate": SchemaFragments.rate,
            "decision": SchemaFragments.enumeration(DecisionRule.allCases.map(\.rawValue)),
            "assert": SchemaFragments.array(SchemaFragments.string("QUANTITY OP LIMIT, e.g. 'latency.p99 < 50us' or 'loss == 0'",
                                                                   pattern: "^[a-z0-9.]+ *(<|<=|>|>=|==|!=) *[^ ].*$")),
        ], required: ["stream", "port", "within"]),
        parse: { node, context in
            guard let f = context.reader.fields(of: node, "measure", allowed: measureKeys,
                                                required: ["stream", "port", "within"]) else { return nil }
            let stream = context.reader.string(f["stream"], "measure.stream")
            if let stream, let streamNode = f["stream"], !context.locals.contains(streamLocal(stream)) {
                context.reader.error("unknown-stream", at: streamNode.location, "no stream '\(stream)' is started earlier in the case",
                                     hint: DiagnosticLog.didYouMean(stream, among: context.locals.filter { $0.hasPrefix("stream:") }
                                         .map { String($0.dropFirst("stream:".count)) }.sorted()))
            }
            let port = context.port(f["port"], "measure.port")
            let within = context.duration(f["within"], "measure.within")
            var linkRate: Double?
            if let rateNode = f["link_rate"], let text = context.reader.string(rateNode, "measure.link_rate") {
                guard case .rate(let value, "bit/s")? = ValueSyntax.rate(text), value > 0 else {
                    context.reader.error("bad-rate", at: rateNode.location, "measure.link_rate '\(text)' is not a bit rate",
                                         hint: "e.g. '1Gbit/s' or '100Mbit/s'")
                    return nil
                }
                linkRate = value
            }
            var decision = DecisionRule.guarded
            if let decisionNode = f["decision"], let text = context.reader.string(decisionNode, "measure.decision") {
                guard let rule = DecisionRule(rawValue: text) else {
                    context.reader.error("bad-decision", at: decisionNode.location, "unknown decision rule '\(text)'",
                                         hint: "one of: \(DecisionRule.allCases.map(\.rawValue).joined(separator: ", "))")
                    return nil
                }
                decision = rule
            }
            let items = f["assert"] == nil ? [] : (context.reader.list(f["assert"], "measure.assert") ?? [])
            let assertions = items.compactMap { assertion($0, &context) }
            guard let stream, let port, let within, assertions.count == items.count else { return nil }
            return MeasureStep(stream: stream, port: port, within: within, linkRate: linkRate, decision: decision,
                               assertions: assertions)
        })

    /// `QUANTITY OP LIMIT`, the limit's unit checked against the quantity's kind.
    private static func assertion(_ node: YAMLNode, _ context: inout StepContext) -> MeasureAssertion? {
        guard let text = context.reader.string(node, "measure.assert") else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count == 3, let comparison = MeasureAssertion.Comparison(rawValue: words[1]) else {
            context.reader.error("bad-assertion", at: node.location, "'\(text)' is not 'QUANTITY OP LIMIT'",
                                 hint: "e.g. 'latency.p99 < 50us' or 'loss == 0'; OP is one of \(MeasureAssertion.Comparison.allCases.map(\.rawValue).joined(separator: " "))")
            return nil
        }
        guard let kind = MeasureQuantity.all[words[0]] else {
            context.reader.error("unknown-quantity", at: node.location, "unknown quantity '\(words[0])'",
                                 hint: DiagnosticLog.didYouMean(words[0], among: MeasureQuantity.all.keys.sorted()))
            return nil
        }
        if words[2].hasPrefix("{{") {
            guard kind == .time else {
                context.reader.error("bad-assertion", at: node.location, "only a time limit may be a {{pixit.NAME}} duration")
                return nil
            }
            let scalar = YAMLNode(.scalar(YAMLScalar(text: words[2], style: .doubleQuoted)), at: node.location)
            guard let limit = context.duration(scalar, "limit of \(words[0])") else { return nil }
            return MeasureAssertion(quantity: words[0], comparison: comparison, limit: limit, location: node.location)
        }
        let limit = Interpolated.literal(words[2], at: node.location)
        switch kind {
        case .time:
            guard TimeAmount(parsing: words[2]) != nil else {
                context.reader.error("bad-duration", at: node.location, "\(words[0]) is a time: '\(words[2])' needs a unit",
                                     hint: "write a number and a unit (\(ValueSyntax.durationUnitList)), e.g. '50us'")
                return nil
            }
        case .count:
            guard Int64(words[2]) != nil else {
                context.reader.error("bad-count", at: node.location, "\(words[0]) is a count: '\(words[2])' must be an integer")
                return nil
            }
        }
        return MeasureAssertion(quantity: words[0], comparison: comparison, limit: limit, location: node.location)
    }
}
