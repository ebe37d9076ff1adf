import ConformTime
import ConformWire
import ConformSuite

/// A value a case saved or set, for later `{{ }}` use.
public enum SavedValue: Sendable, Hashable {
    case field(FieldValue)
    /// An instant (`frame.time`), usable as an `expect`'s `after:`.
    case instant(Timestamp)
    case text(String)

    var fieldValue: FieldValue {
        switch self {
        case .field(let v): return v
        case .instant(let t): return .uint(UInt64(bitPattern: t.ns))
        case .text(let s): return .string(s)
        }
    }
}

/// Resolves `{{ }}` expressions against the run's PIXIT, the target's addresses and the values
/// a case saved. A single pass: text an expression yields is never scanned again.
struct ValueScope {
    let pixit: [String: PIXITValue]
    let addresses: [String: [String: String]]
    var saved: [String: SavedValue] = [:]

    /// The value of a scalar: typed when it is one sole expression, text otherwise.
    func resolve(_ value: Interpolated) throws(CaseAbort) -> FieldValue {
        if let expression = value.soleExpression { return try evaluate(expression, at: value.location) }
        var text = ""
        for part in value.parts {
            switch part {
            case .text(let t): text += t
            case .expression(let e): text += try evaluate(e, at: value.location).description
            }
        }
        return .string(text)
    }

    /// The text of a scalar.
    func text(_ value: Interpolated) throws(CaseAbort) -> String {
        try resolve(value).description
    }

    /// A span such as `within: "{{pixit.retrans_timer}}"`.
    func duration(_ value: Interpolated) throws(CaseAbort) -> TimeAmount {
        if let expression = value.soleExpression, case .reference(let path) = expression,
           path.count == 2, path[0] == "pixit", case .duration(let d)? = pixit[path[1]] {
            return d
        }
        let text = try text(value)
        guard let amount = TimeAmount(parsing: text) else {
            throw CaseAbort(.error, at: value.location, "'\(text)' is not a duration with a unit (ns, us, ms, s, min)")
        }
        return amount
    }

    /// The value of a scalar for a field, typed as the field's descriptor says.
    func fieldValue(_ value: Interpolated, for abbrev: String) throws(CaseAbort) -> FieldValue {
        guard let descriptor = FieldRegistry.descriptor(for: abbrev) else {
            throw CaseAbort(.error, at: value.location, "unknown field '\(abbrev)'")
        }
        let resolved = try resolve(value)
        if resolved.isOfType(descriptor.type) { return resolved }
        guard let typed = FieldRegistry.parse(resolved.description, as: descriptor) else {
            throw CaseAbort(.error, at: value.location,
                            "'\(resolved)' is not a valid \(descriptor.type.rawValue) value for \(abbrev)")
        }
        return typed
    }

    private func evaluate(_ expression: Expression, at location: SourceLocation) throws(CaseAbort) -> FieldValue {
        switch expression {
        case .literal(let text):
            return .string(text)
        case .call(let name, let arguments):
            guard let function = WireFunctions.named(name) else {
                throw CaseAbort(.error, at: location, "unknown function '\(name)'")
            }
            var values: [FieldValue] = []
            for argument in arguments { values.append(try evaluate(argument, at: location)) }
            guard values.count == function.arity, let result = function.apply(values) else {
                throw CaseAbort(.error, at: location,
                                "\(name)(\(values.map(\.description).joined(separator: ", "))) has no value")
            }
            return result
        case .reference(let path):
            if path.count == 1, let value = saved[path[0]] { return value.fieldValue }
            if path.count == 2, path[0] == "pixit", let value = pixit[path[1]] { return .string(value.description) }
            if path.count == 2, let attributes = addresses[path[0]], let text = attributes[path[1]] {
                return .string(text)
            }
            throw CaseAbort(.error, at: location, "'\(path.joined(separator: "."))' has no value in this run")
        }
    }
}
