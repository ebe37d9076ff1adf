import ConformWire
import ConformSuite

/// A field predicate with its expected values resolved for this run.
struct ResolvedPredicate {
    enum Test {
        case equals(FieldValue)
        case notEquals(FieldValue)
        case oneOf([FieldValue])
        case range(UInt64, UInt64)
        case any
        case absent
    }

    let field: String
    let occurrence: Int?
    let test: Test

    /// `ipv6.hlim == 255`, as a failure message states it.
    var expectation: String {
        let name = occurrence.map { "\(field)#\($0)" } ?? field
        switch test {
        case .equals(let v): return "\(name) == \(Self.show(v, field))"
        case .notEquals(let v): return "\(name) != \(Self.show(v, field))"
        case .oneOf(let vs): return "\(name) in {\(vs.map { Self.show($0, field) }.joined(separator: ", "))}"
        case .range(let a, let b): return "\(name) in [\(a), \(b)]"
        case .any: return "\(name) present"
        case .absent: return "\(name) absent"
        }
    }

    /// Numbers as packetdrill prints them, decimal with hex: `255 (0xff)`.
    static func show(_ value: FieldValue, _ field: String) -> String {
        if case .uint(let v) = value { return "\(v) (0x\(String(v, radix: 16)))" }
        return value.description
    }
}

/// Where a frame departs from the predicates.
struct FieldMismatch {
    let expectation: String
    /// What the frame holds instead (`64 (0x40)`, `absent`).
    let actual: String
}

/// Matches dissected frames against resolved predicates.
enum FrameMatcher {
    /// Every predicate the frame breaks; empty when it matches.
    static func mismatches(_ predicates: [ResolvedPredicate], in frame: Dissection) -> [FieldMismatch] {
        predicates.compactMap { predicate in
            var values = frame.values(predicate.field)
            if let n = predicate.occurrence { values = values.count >= n ? [values[n - 1]] : [] }
            if holds(predicate.test, values) { return nil }
            let actual = values.isEmpty ? "absent" : values.map { ResolvedPredicate.show($0, predicate.field) }.joined(separator: ", ")
            return FieldMismatch(expectation: predicate.expectation, actual: actual)
        }
    }

    private static func holds(_ test: ResolvedPredicate.Test, _ values: [FieldValue]) -> Bool {
        switch test {
        case .absent: return values.isEmpty
        case .any: return !values.isEmpty
        case .equals(let expected): return values.contains(expected)
        case .notEquals(let expected): return values.contains { $0 != expected }
        case .oneOf(let options): return values.contains { options.contains($0) }
        case .range(let low, let high):
            return values.contains { value in value.unsignedValue.map { (low...high).contains($0) } ?? false }
        }
    }
}

extension ValueScope {
    /// Resolves a suite predicate's expected values.
    func resolve(_ predicate: FieldPredicate) throws(CaseAbort) -> ResolvedPredicate {
        let field = predicate.field
        let test: ResolvedPredicate.Test
        switch predicate.test {
        case .any: test = .any
        case .absent: test = .absent
        case .equals(let v): test = .equals(try fieldValue(v, for: field))
        case .notEquals(let v): test = .notEquals(try fieldValue(v, for: field))
        case .oneOf(let vs):
            var values: [FieldValue] = []
            for v in vs { values.append(try fieldValue(v, for: field)) }
            test = .oneOf(values)
        case .range(let a, let b):
            guard let low = try fieldValue(a, for: field).unsignedValue, let high = try fieldValue(b, for: field).unsignedValue else {
                throw CaseAbort(.error, at: predicate.location, "a range needs numeric bounds for \(field)")
            }
            test = .range(low, high)
        }
        return ResolvedPredicate(field: field, occurrence: predicate.occurrence, test: test)
    }

    /// Predicates for every field a template gives (the template used as a match pattern).
    func predicates(matching template: Template) throws(CaseAbort) -> [ResolvedPredicate] {
        var result: [ResolvedPredicate] = []
        for layer in template.layers where layer.layer != "raw" {
            for field in layer.fields {
                result.append(ResolvedPredicate(field: field.abbrev, occurrence: nil,
                                                test: .equals(try fieldValue(field.value, for: field.abbrev))))
            }
        }
        return result
    }
}
