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

/// A frame a handler is answering: `{{request.FIELD}}` and `{{request.time}}` read it.
struct AnsweredFrame {
    let time: Timestamp
    let dissection: Dissection
}

/// Resolves `{{ }}` expressions against the run's PIXIT, the target's addresses and the values
/// a case saved. A single pass: text an expression yields is never scanned again.
///
/// Two names follow the tester's own traffic: `request.*` is the frame a handler is answering
/// (its fields by display-filter name, and `request.time`, its receive timestamp), only while
/// that handler builds its answer; `sent.time` is the transmit timestamp of the last frame the
/// tester sent in the case, by a step or a handler, so a second handler matching the same
/// frame can send a follow-up carrying the first answer's departure time.
struct ValueScope {
    let pixit: [String: PIXITValue]
    let addresses: [String: [String: String]]
    var saved: [String: SavedValue] = [:]
    var answering: AnsweredFrame?
    var lastSent: Timestamp?

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

    /// The instant a scalar names when it is one sole `sent.time`, `request.time` or saved
    /// instant, so that `set` keeps it usable as an `expect`'s `after:`.
    func instant(_ value: Interpolated) -> Timestamp? {
        guard case .reference(let path)? = value.soleExpression else { return nil }
        if path == ScopeNames.sentTime { return lastSent }
        if path == ScopeNames.requestTime { return answering?.time }
        if path.count == 1, case .instant(let instant)? = saved[path[0]] { return instant }
        return nil
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
            for argument in arguments {
                // A duration PIXIT is its nanoseconds to a helper (`sum(request.time, pixit.bias)`).
                if case .reference(let path) = argument, path.count == 2, path[0] == "pixit", case .duration(let d)? = pixit[path[1]] {
                    values.append(.int(d.ns))
                } else {
                    values.append(try evaluate(argument, at: location))
                }
            }
            guard values.count == function.arity, let result = function.apply(values) else {
                throw CaseAbort(.error, at: location,
                                "\(name)(\(values.map(\.description).joined(separator: ", "))) has no value")
            }
            return result
        case .reference(let path):
            if path.count == 1, let value = saved[path[0]] { return value.fieldValue }
            if path.first == ScopeNames.request { return try requested(path, at: location) }
            if path == ScopeNames.sentTime {
                guard let lastSent else { throw CaseAbort(.error, at: location, "'sent.time': the tester has sent nothing yet in this case") }
                return SavedValue.instant(lastSent).fieldValue
            }
            if path.count == 2, path[0] == "pixit", let value = pixit[path[1]] { return .string(value.description) }
            if path.count == 2, let attributes = addresses[path[0]], let text = attributes[path[1]] {
                return .string(text)
            }
            throw CaseAbort(.error, at: location, "'\(path.joined(separator: "."))' has no value in this run")
        }
    }

    /// `request.time` or `request.FIELD` (the first occurrence) of the frame being answered.
    private func requested(_ path: [String], at location: SourceLocation) throws(CaseAbort) -> FieldValue {
        let name = path.joined(separator: ".")
        guard let answering else {
            throw CaseAbort(.error, at: location, "'\(name)' has a value only in a template a handler sends")
        }
        if path == ScopeNames.requestTime { return SavedValue.instant(answering.time).fieldValue }
        guard let value = answering.dissection.first(path.dropFirst().joined(separator: ".")) else {
            throw CaseAbort(.error, at: location, "'\(name)': the frame being answered has no such field")
        }
        return value
    }
}
