/// Parses PICS expressions by recursive descent over a token list:
///
///     expr    := and ("or" and)*
///     and     := unary ("and" unary)*
///     unary   := "not" unary | primary
///     primary := "(" expr ")" | "true" | "false" | ITEM [CMP (INT | STRING | "true" | "false")]
///
/// Nesting is bounded so hostile input cannot exhaust the stack.
extension PICSExpression {
    /// The deepest nesting of `not` and parentheses accepted.
    public static let maximumNesting = 64

    /// Parses `nd.host and not (nd.router or mtu.max < 1500)`.
    /// - Throws: an ``ExpressionSyntaxError`` (`suite.pics-syntax`) at the column of the problem.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> PICSExpression {
        var parser = PICSParser(tokens: try PICSLexer.tokens(of: text), end: text.count + 1)
        let expression = try parser.expression(depth: 0)
        if let extra = parser.peek {
            throw parser.error("unexpected '\(extra.text)' after a complete expression", at: extra.column)
        }
        return expression
    }
}

struct PICSToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case name, integer, string, open, close, comparison }
    let kind: Kind
    let text: String
    let column: Int
}

enum PICSLexer {
    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-")
    }

    static func tokens(of text: String) throws(ExpressionSyntaxError) -> [PICSToken] {
        let chars = Array(text)
        var tokens: [PICSToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" {
                i += 1
            } else if c == "(" || c == ")" {
                tokens.append(PICSToken(kind: c == "(" ? .open : .close, text: String(c), column: column))
                i += 1
            } else if "=!<>".contains(c) {
                var op = String(c)
                if i + 1 < chars.count, chars[i + 1] == "=" { op.append("=") }
                guard PICSExpression.Comparison(rawValue: op) != nil else {
                    throw ExpressionSyntaxError(id: "suite.pics-syntax", message: "unknown operator '\(op)'; use ==, !=, <, <=, > or >=",
                                                column: column)
                }
                tokens.append(PICSToken(kind: .comparison, text: op, column: column))
                i += op.count
            } else if c == "\"" || c == "'" {
                var j = i + 1
                while j < chars.count, chars[j] != c { j += 1 }
                guard j < chars.count else {
                    throw ExpressionSyntaxError(id: "suite.pics-syntax", message: "string not closed", column: column)
                }
                tokens.append(PICSToken(kind: .string, text: String(chars[(i + 1)..<j]), column: column))
                i = j + 1
            } else if isNameCharacter(c) {
                var j = i
                while j < chars.count, isNameCharacter(chars[j]) { j += 1 }
                let word = String(chars[i..<j])
                let isInteger = Int64(word) != nil
                tokens.append(PICSToken(kind: isInteger ? .integer : .name, text: word, column: column))
                i = j
            } else {
                throw ExpressionSyntaxError(id: "suite.pics-syntax", message: "unexpected character '\(c)'", column: column)
            }
        }
        return tokens
    }
}

struct PICSParser {
    let tokens: [PICSToken]
    /// The column just past the text, for "expected ... at end" errors.
    let end: Int
    var position = 0

    var peek: PICSToken? { position < tokens.count ? tokens[position] : nil }

    func error(_ message: String, at column: Int) -> ExpressionSyntaxError {
        ExpressionSyntaxError(id: "suite.pics-syntax", message: message, column: column)
    }

    private mutating func take(keyword: String) -> Bool {
        guard let t = peek, t.kind == .name, t.text == keyword else { return false }
        position += 1
        return true
    }

    mutating func expression(depth: Int) throws(ExpressionSyntaxError) -> PICSExpression {
        var left = try conjunction(depth: depth)
        while take(keyword: "or") { left = .or(left, try conjunction(depth: depth)) }
        return left
    }

    private mutating func conjunction(depth: Int) throws(ExpressionSyntaxError) -> PICSExpression {
        var left = try unary(depth: depth)
        while take(keyword: "and") { left = .and(left, try unary(depth: depth)) }
        return left
    }

    private mutating func unary(depth: Int) throws(ExpressionSyntaxError) -> PICSExpression {
        guard depth < PICSExpression.maximumNesting else {
            throw error("expression nested deeper than \(PICSExpression.maximumNesting) levels", at: peek?.column ?? end)
        }
        if take(keyword: "not") { return .not(try unary(depth: depth + 1)) }
        return try primary(depth: depth)
    }

    private mutating func primary(depth: Int) throws(ExpressionSyntaxError) -> PICSExpression {
        guard let token = peek else { throw error("expected a PICS item, 'not' or '(' at the end", at: end) }
        position += 1
        switch token.kind {
        case .open:
            let inner = try expression(depth: depth + 1)
            guard let close = peek, close.kind == .close else {
                throw error("expected ')' to close the '(' at column \(token.column)", at: peek?.column ?? end)
            }
            position += 1
            return inner
        case .name where token.text == "true" || token.text == "false":
            return .constant(token.text == "true")
        case .name where ["and", "or"].contains(token.text):
            throw error("expected a PICS item before '\(token.text)'", at: token.column)
        case .name:
            guard let op = peek, op.kind == .comparison, let comparison = PICSExpression.Comparison(rawValue: op.text) else {
                return .item(token.text)
            }
            position += 1
            return .compare(token.text, comparison, try value())
        default:
            throw error("expected a PICS item, 'not' or '(' but found '\(token.text)'", at: token.column)
        }
    }

    private mutating func value() throws(ExpressionSyntaxError) -> PICSValue {
        guard let token = peek else { throw error("expected a value after the comparison", at: end) }
        position += 1
        switch token.kind {
        case .integer: return .int(Int64(token.text) ?? 0)
        case .string: return .string(token.text)
        case .name where token.text == "true" || token.text == "false": return .bool(token.text == "true")
        default:
            throw error("expected an integer, a quoted string, true or false but found '\(token.text)'", at: token.column)
        }
    }
}
