/// An expression inside `{{ }}`: a dotted reference (`pixit.retrans_timer`, `nut.ll`,
/// `na_at`), a call of a Wire helper (`solicited_node(nut.ll)`), or a quoted literal.
public indirect enum Expression: Sendable, Hashable, CustomStringConvertible {
    case reference([String])
    case call(String, [Expression])
    case literal(String)

    public var description: String {
        switch self {
        case .reference(let path): return path.joined(separator: ".")
        case .call(let name, let args): return "\(name)(\(args.map(\.description).joined(separator: ", ")))"
        case .literal(let text): return "\"\(text)\""
        }
    }
}

/// A scalar from a suite or target that may contain `{{ }}` expressions.
///
/// Interpolation is a single pass: the text an expression yields is never scanned again.
public struct Interpolated: Sendable, Hashable, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case text(String)
        case expression(Expression)
    }

    public let parts: [Part]
    public let location: SourceLocation

    public init(parts: [Part], location: SourceLocation) {
        self.parts = parts
        self.location = location
    }

    /// A plain value with no expressions.
    public static func literal(_ text: String, at location: SourceLocation) -> Interpolated {
        Interpolated(parts: [.text(text)], location: location)
    }

    /// The single expression when the whole scalar is one `{{ }}`; its value keeps its type
    /// (a MAC stays a MAC) instead of passing through text.
    public var soleExpression: Expression? {
        if parts.count == 1, case .expression(let e) = parts[0] { return e }
        return nil
    }

    /// The text when there is no expression.
    public var literalText: String? {
        var text = ""
        for part in parts {
            guard case .text(let t) = part else { return nil }
            text += t
        }
        return text
    }

    public var description: String {
        parts.map { part in
            switch part {
            case .text(let t): return t
            case .expression(let e): return "{{\(e)}}"
            }
        }.joined()
    }
}
