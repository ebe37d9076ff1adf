import ConformTime
import ConformWire
import ConformSuite

/// Runs a `check` step: the value must be an integer within the bounds, else `fail` with
/// what was computed.
struct CheckExecutor: StepExecutor {
    func execute(_ check: CheckStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        let low = try nanoseconds(check.low, in: context.scope, what: "the lower bound")
        let high = try nanoseconds(check.high, in: context.scope, what: "the upper bound")
        let expectation = "\(check.what) in [\(low), \(high)]"
        let value = try context.scope.resolve(check.value)
        guard let number = integer(value) else {
            throw CaseAbort(.error, at: location, expected: expectation, "\(check.what) is '\(value)', not an integer")
        }
        guard (low...high).contains(number) else {
            throw CaseAbort(.fail, at: location, expected: expectation, "\(check.what) = \(number)")
        }
        arbiter.set(.pass)
    }

    /// A bound: an integer, or a duration with a unit as nanoseconds.
    private func nanoseconds(_ bound: Interpolated, in scope: ValueScope, what: String) throws(CaseAbort) -> Int64 {
        let value = try scope.resolve(bound)
        if let number = integer(value) { return number }
        if let amount = TimeAmount(parsing: value.description) { return amount.ns }
        throw CaseAbort(.error, at: bound.location, "\(what) '\(value)' is neither an integer nor a duration")
    }

    private func integer(_ value: FieldValue) -> Int64? {
        switch value {
        case .int(let v): return v
        case .uint(let v): return v <= UInt64(Int64.max) ? Int64(v) : nil
        case .string(let text): return Int64(text)
        default: return nil
        }
    }
}
