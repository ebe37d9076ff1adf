extension Suite {
    /// Every value with `{{ }}` in the suite's templates and cases, in file order per place.
    var interpolatedValues: [Interpolated] {
        var values = templates.keys.sorted().flatMap { name in
            (templates[name]?.layers ?? []).flatMap { $0.fields.map(\.value) }
        }
        for c in cases {
            values += c.timeout.map { [$0] } ?? []
            values += c.handlers.flatMap { $0.match.flatMap(\.values) }
            for step in c.steps + c.finally { values += step.interpolatedValues }
        }
        return values.filter { $0.literalText == nil }
    }
}

extension Step {
    /// The values of the built-in step kinds; other kinds contribute none.
    var interpolatedValues: [Interpolated] {
        switch body {
        case let send as SendStep: return send.overrides.map(\.value)
        case let expect as ExpectStep: return [expect.within] + expect.match.flatMap(\.values)
        case let wait as WaitStep: return [wait.duration]
        case let set as SetStep: return set.values.map(\.value)
        case let action as ActionStep: return action.arguments
        default: return []
        }
    }
}

extension FieldPredicate {
    var values: [Interpolated] {
        switch test {
        case .equals(let v), .notEquals(let v): return [v]
        case .oneOf(let vs): return vs
        case .range(let a, let b): return [a, b]
        case .any, .absent: return []
        }
    }
}

extension Expression {
    /// Every dotted reference in the expression, arguments included.
    var references: [[String]] {
        switch self {
        case .reference(let path): return [path]
        case .call(_, let arguments): return arguments.flatMap(\.references)
        case .literal: return []
        }
    }
}
