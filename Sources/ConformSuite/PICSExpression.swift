/// A value a target states for a PICS item.
public enum PICSValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case string(String)

    public var description: String {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }
}

/// A boolean expression over PICS items that selects a case:
/// `nd.host and not (nd.router or mtu.max < 1500)`.
public indirect enum PICSExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    }

    case item(String)
    case constant(Bool)
    case not(PICSExpression)
    case and(PICSExpression, PICSExpression)
    case or(PICSExpression, PICSExpression)
    case compare(String, Comparison, PICSValue)

    /// Every PICS item the expression names.
    public var items: [String] {
        switch self {
        case .item(let name), .compare(let name, _, _): return [name]
        case .constant: return []
        case .not(let e): return e.items
        case .and(let a, let b), .or(let a, let b): return a.items + b.items
        }
    }

    /// Evaluates against a target's answers; an item is true only when it is `true`.
    public func evaluate(_ pics: [String: PICSValue]) -> Bool {
        switch self {
        case .item(let name):
            if case .bool(true) = pics[name] { return true }
            return false
        case .constant(let b): return b
        case .not(let e): return !e.evaluate(pics)
        case .and(let a, let b): return a.evaluate(pics) && b.evaluate(pics)
        case .or(let a, let b): return a.evaluate(pics) || b.evaluate(pics)
        case .compare(let name, let op, let rhs):
            guard let lhs = pics[name] else { return false }
            switch (lhs, rhs) {
            case (.int(let l), .int(let r)): return Self.compare(l, op, r)
            case (.string(let l), .string(let r)): return Self.compare(l, op, r)
            case (.bool(let l), .bool(let r)):
                return op == .eq ? l == r : op == .ne ? l != r : false
            default: return op == .ne
            }
        }
    }

    private static func compare<T: Comparable>(_ l: T, _ op: Comparison, _ r: T) -> Bool {
        switch op {
        case .eq: return l == r
        case .ne: return l != r
        case .lt: return l < r
        case .le: return l <= r
        case .gt: return l > r
        case .ge: return l >= r
        }
    }

    public var description: String {
        switch self {
        case .item(let name): return name
        case .constant(let b): return b ? "true" : "false"
        case .not(let e): return "not \(e.parenthesisedIfBinary)"
        case .and(let a, let b): return "\(a.parenthesisedIfOr) and \(b.parenthesisedIfOr)"
        case .or(let a, let b): return "\(a) or \(b)"
        case .compare(let name, let op, let value):
            if case .string(let s) = value { return "\(name) \(op.rawValue) \"\(s)\"" }
            return "\(name) \(op.rawValue) \(value)"
        }
    }

    private var parenthesisedIfBinary: String {
        switch self {
        case .and, .or: return "(\(self))"
        default: return description
        }
    }

    private var parenthesisedIfOr: String {
        if case .or = self { return "(\(self))" }
        return description
    }
}
