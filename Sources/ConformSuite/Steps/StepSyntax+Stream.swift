extension StepSyntax {
    static let streamKeys = ["align", "count", "name", "pcp", "port", "rate", "schedule", "set", "size", "start", "template", "vid"]

    /// `stream: {name, port, template, rate | schedule, count, pcp, vid, set, start, align, size}`;
    /// `port` is one port or a list (the same frames on each).
    static let stream = StepSyntax(
        kind: StreamStep.kind,
        schema: SchemaFragments.object([
            "name": SchemaFragments.string("The stream's name, for 'measure'"),
            "port": SchemaFragments.anyOf([SchemaFragments.string("A port from the suite's 'ports:'"),
                                           SchemaFragments.array(SchemaFragments.string(), minItems: 1)]),
            "template": SchemaFragments.string("The frame template; the stream tag is appended as payload"),
            "rate": SchemaFragments.rate,
            "schedule": SchemaFragments.object([
                "period": SchemaFragments.duration,
                "offsets": SchemaFragments.array(SchemaFragments.duration, minItems: 1),
            ], required: ["period", "offsets"]),
            "count": SchemaFragments.integer(minimum: 1),
            "pcp": SchemaFragments.integer(minimum: 0),
            "vid": SchemaFragments.integer(minimum: 0),
            "set": SchemaFragments.map(SchemaFragments.scalar, description: "Field overrides by display-filter name"),
            "start": SchemaFragments.duration,
            "align": SchemaFragments.duration,
            "size": SchemaFragments.integer(minimum: 60),
        ], required: ["name", "port", "template", "count"]),
        parse: { node, context in
            guard let f = context.reader.fields(of: node, "stream", allowed: streamKeys,
                                                required: ["name", "port", "template", "count"]) else { return nil }
            let name = context.reader.string(f["name"], "stream.name")
            var ports: [String] = []
            if let portNode = f["port"] {
                if portNode.scalar != nil {
                    ports = context.port(portNode, "stream.port").map { [$0] } ?? []
                } else {
                    let items = context.reader.list(portNode, "stream.port") ?? []
                    ports = items.compactMap { context.port($0, "stream.port") }
                    if items.isEmpty { context.reader.error("bad-port", at: portNode.location, "stream.port lists no port") }
                    if ports.count != items.count || items.isEmpty { ports = [] }
                }
            }
            let template = context.template(f["template"], "stream.template")
            let count = context.reader.int(f["count"], "stream.count", minimum: 1)
            var overrides = context.overrides(f["set"], "stream.set")
            for (key, field, maximum) in [("pcp", "vlan.priority", Int64(7)), ("vid", "vlan.id", 4_095)] {
                guard let node = f[key], let value = context.reader.int(node, "stream.\(key)", minimum: 0) else { continue }
                if value > maximum {
                    context.reader.error("out-of-range", at: node.location, "stream.\(key) \(value) is above \(maximum)")
                }
                overrides.append(TemplateField(abbrev: field, value: .literal(String(value), at: node.location)))
            }
            let pacing = streamPacing(rate: f["rate"], schedule: f["schedule"], at: node, &context)
            let start = f["start"] == nil ? nil : context.duration(f["start"], "stream.start")
            let align = f["align"] == nil ? nil : context.duration(f["align"], "stream.align")
            let size = f["size"] == nil ? nil : context.reader.int(f["size"], "stream.size", minimum: 60)
            if let name {
                let key = streamLocal(name)
                if context.locals.contains(key), let nameNode = f["name"] {
                    context.reader.error("duplicate-stream", at: nameNode.location, "stream '\(name)' is already started in this case")
                }
                context.locals.insert(key)
            }
            guard let name, !ports.isEmpty, let template, let count, let pacing else { return nil }
            if f["size"] != nil, size == nil { return nil }
            return StreamStep(name: name, ports: ports, template: template, overrides: overrides, pacing: pacing,
                              count: Int(count), start: start, align: align, size: size.map(Int.init))
        })

    /// The name under which a started stream is remembered among a case's locals; the colon
    /// keeps it out of reach of `{{ }}` interpolation.
    static func streamLocal(_ name: String) -> String { "stream:\(name)" }

    /// Exactly one of `rate` (pps or bit/s) and `schedule` ({period, offsets}).
    private static func streamPacing(rate: YAMLNode?, schedule: YAMLNode?, at node: YAMLNode,
                                     _ context: inout StepContext) -> StreamStep.Pacing? {
        switch (rate, schedule) {
        case (let rate?, nil):
            guard let text = context.reader.string(rate, "stream.rate") else { return nil }
            guard case .rate(let value, let unit)? = ValueSyntax.rate(text), value > 0 else {
                context.reader.error("bad-rate", at: rate.location, "stream.rate '\(text)' is not a positive rate",
                                     hint: "write a number and a unit (\(ValueSyntax.rateUnitList)), e.g. '1000pps' or '100Mbit/s'")
                return nil
            }
            return unit == "pps" ? .packetsPerSecond(value) : .bitsPerSecond(value)
        case (nil, let schedule?):
            guard let f = context.reader.fields(of: schedule, "stream.schedule", allowed: ["offsets", "period"],
                                                required: ["offsets", "period"]) else { return nil }
            let period = context.duration(f["period"], "stream.schedule.period")
            let items = context.reader.list(f["offsets"], "stream.schedule.offsets") ?? []
            let offsets = items.compactMap { context.duration($0, "stream.schedule.offsets") }
            guard let period, !items.isEmpty, offsets.count == items.count else { return nil }
            return .schedule(period: period, offsets: offsets)
        default:
            context.reader.error("bad-pacing", at: node.location, "a stream needs exactly one of 'rate' and 'schedule'")
            return nil
        }
    }
}
