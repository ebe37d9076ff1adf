import ConformTime

/// What a step parser sees: the diagnostics, the suite's declarations, and the names saved
/// or set so far in the case (a step may only use names defined before it).
struct StepContext: Sendable {
    var reader: NodeReader
    let scope: SuiteScope
    var locals: Set<String>

    /// A port name that must be declared in `ports:`.
    mutating func port(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node, let name = reader.string(node, what) else { return nil }
        scope.check(port: name, at: node.location, &reader)
        return name
    }

    /// A template name that must be defined.
    mutating func template(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node, let name = reader.string(node, what) else { return nil }
        scope.check(template: name, at: node.location, &reader)
        return name
    }

    /// A scalar with `{{ }}` whose names must all resolve here.
    mutating func value(_ node: YAMLNode?, _ what: String) -> Interpolated? {
        guard let value = reader.interpolated(node, what) else { return nil }
        scope.check(names: value, locals: locals, &reader)
        return value
    }

    /// A duration with a unit, or `{{pixit.X}}` of a duration PIXIT.
    mutating func duration(_ node: YAMLNode?, _ what: String) -> Interpolated? {
        guard let node else { return nil }
        if let scalar = node.scalar, case .int = scalar.value {
            reader.error("bad-duration", at: node.location, "\(what) '\(scalar.text)' has no unit",
                         hint: "write it with a unit (\(ValueSyntax.durationUnitList)), e.g. '\(scalar.text)s'")
            return nil
        }
        guard let value = value(node, what) else { return nil }
        if let text = value.literalText, TimeAmount(parsing: text) == nil {
            reader.error("bad-duration", at: node.location, "\(what) '\(text)' is not a duration",
                         hint: "write a number and a unit (\(ValueSyntax.durationUnitList))")
        } else if case .reference(let path)? = value.soleExpression, path.count == 2, path[0] == "pixit",
                  let declaration = scope.pixit[path[1]], declaration.type != .duration {
            reader.error("wrong-type", at: node.location, "\(what) uses PIXIT '\(path[1])', which is a \(declaration.type.rawValue), not a duration")
        }
        return value
    }

    /// Field overrides keyed by full display-filter name (`set:` of a `send`).
    mutating func overrides(_ node: YAMLNode?, _ what: String) -> [TemplateField] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            reader.wrongType(node, what, expected: "a mapping of field names to values")
            return []
        }
        return pairs.compactMap { pair in
            let descriptor = FieldCatalog.check(field: pair.key.text, at: pair.keyLocation, &reader)
            guard let value = value(pair.value, pair.key.text) else { return nil }
            if let descriptor { FieldCatalog.check(value: value, for: descriptor, &reader) }
            return TemplateField(abbrev: pair.key.text, value: value)
        }
    }

    /// `match:` predicates: `field`, `field#n` → a value, `any`, `absent`, `{in: [...]}`,
    /// `{range: [a, b]}` or `{ne: v}`.
    mutating func predicates(_ node: YAMLNode?, _ what: String) -> [FieldPredicate] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            reader.wrongType(node, what, expected: "a mapping of field names to conditions")
            return []
        }
        return pairs.compactMap { predicate($0) }
    }

    private mutating func predicate(_ pair: YAMLPair) -> FieldPredicate? {
        let key = pair.key.text
        var field = key
        var occurrence: Int?
        if let hash = key.firstIndex(of: "#") {
            field = String(key[..<hash])
            guard let n = Int(key[key.index(after: hash)...]), n >= 1 else {
                reader.error("bad-occurrence", at: pair.keyLocation, "'\(key)': the occurrence after '#' must be a number from 1")
                return nil
            }
            occurrence = n
        }
        let descriptor = FieldCatalog.check(field: field, at: pair.keyLocation, &reader)
        guard let test = test(pair.value, field) else { return nil }
        if let descriptor {
            switch test {
            case .equals(let v), .notEquals(let v): FieldCatalog.check(value: v, for: descriptor, &reader)
            case .oneOf(let vs): vs.forEach { FieldCatalog.check(value: $0, for: descriptor, &reader) }
            case .range(let a, let b): [a, b].forEach { FieldCatalog.check(value: $0, for: descriptor, &reader) }
            case .any, .absent: break
            }
        }
        return FieldPredicate(field: field, occurrence: occurrence, test: test, location: pair.keyLocation)
    }

    private mutating func test(_ node: YAMLNode, _ field: String) -> FieldPredicate.Test? {
        if let scalar = node.scalar, scalar.style == .plain, scalar.text == "any" { return .any }
        if let scalar = node.scalar, scalar.style == .plain, scalar.text == "absent" { return .absent }
        if node.scalar != nil { return value(node, field).map(FieldPredicate.Test.equals) }
        guard let pairs = node.mapping, pairs.count == 1 else {
            reader.error("bad-predicate", at: node.location, "condition on '\(field)' must be a value, any, absent, or one of {in: [...]}, {range: [a, b]}, {ne: v}")
            return nil
        }
        let pair = pairs[0]
        switch pair.key.text {
        case "in":
            guard let items = reader.list(pair.value, "'in' of \(field)") else { return nil }
            let values = items.compactMap { value($0, field) }
            return values.count == items.count ? .oneOf(values) : nil
        case "range":
            guard let items = reader.list(pair.value, "'range' of \(field)") else { return nil }
            guard items.count == 2 else {
                reader.error("bad-predicate", at: pair.value.location, "'range' of \(field) takes two bounds, [low, high]")
                return nil
            }
            guard let low = value(items[0], field), let high = value(items[1], field) else { return nil }
            return .range(low, high)
        case "ne":
            return value(pair.value, field).map(FieldPredicate.Test.notEquals)
        default:
            reader.error("unknown-key", at: pair.keyLocation, "unknown condition '\(pair.key.text)' on '\(field)'",
                         hint: DiagnosticLog.didYouMean(pair.key.text, among: ["in", "ne", "range"]) ?? "use in, range or ne")
            return nil
        }
    }
}
