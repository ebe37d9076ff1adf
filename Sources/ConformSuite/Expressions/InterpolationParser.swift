/// Parses `{{ expr }}` parts of a scalar in one left-to-right pass:
///
///     expr := NAME "(" [expr ("," expr)*] ")" | NAME ("." NAME)* | STRING | INTEGER
///
/// Text outside `{{ }}` is kept verbatim; nothing an expression yields is ever scanned again.
extension Interpolated {
    /// The deepest nesting of calls accepted.
    public static let maximumNesting = 16

    /// Parses a scalar's text; `location` is where the scalar starts.
    /// - Throws: `suite.unterminated-interpolation` for `{{` without `}}`, `suite.bad-interpolation`
    ///   for a malformed expression, at the column within `text`.
    public static func parse(_ text: String, at location: SourceLocation) throws(ExpressionSyntaxError) -> Interpolated {
        let chars = Array(text)
        var parts: [Part] = []
        var literal = ""
        var i = 0
        while i < chars.count {
            guard chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" else {
                literal.append(chars[i])
                i += 1
                continue
            }
            var close = i + 2
            while close + 1 < chars.count, !(chars[close] == "}" && chars[close + 1] == "}") { close += 1 }
            guard close + 1 < chars.count else {
                throw ExpressionSyntaxError(id: "suite.unterminated-interpolation", message: "'{{' without a closing '}}'", column: i + 1)
            }
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
            var parser = InterpolationExpressionParser(chars: chars, position: i + 2, end: close)
            parts.append(.expression(try parser.whole()))
            i = close + 2
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.text(literal)) }
        return Interpolated(parts: parts, location: location)
    }
}

struct InterpolationExpressionParser {
    let chars: [Character]
    var position: Int
    let end: Int

    private func error(_ message: String) -> ExpressionSyntaxError {
        ExpressionSyntaxError(id: "suite.bad-interpolation", message: message, column: position + 1)
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
    }

    private mutating func skipSpaces() {
        while position < end, chars[position] == " " { position += 1 }
    }

    mutating func whole() throws(ExpressionSyntaxError) -> Expression {
        skipSpaces()
        guard position < end else { throw error("empty '{{ }}'") }
        let e = try expression(depth: 0)
        skipSpaces()
        guard position == end else { throw error("unexpected '\(chars[position])' in expression") }
        return e
    }

    private mutating func name() throws(ExpressionSyntaxError) -> String {
        let start = position
        while position < end, Self.isNameCharacter(chars[position]) { position += 1 }
        guard position > start else {
            throw error(position < end ? "unexpected '\(chars[position])' in expression" : "expected a name")
        }
        return String(chars[start..<position])
    }

    private mutating func expression(depth: Int) throws(ExpressionSyntaxError) -> Expression {
        guard depth < Interpolated.maximumNesting else { throw error("calls nested deeper than \(Interpolated.maximumNesting) levels") }
        skipSpaces()
        guard position < end else { throw error("expected an expression") }
        let c = chars[position]
        if c == "\"" || c == "'" {
            let start = position
            position += 1
            while position < end, chars[position] != c { position += 1 }
            guard position < end else {
                position = start
                throw error("string not closed")
            }
            position += 1
            return .literal(String(chars[(start + 1)..<(position - 1)]))
        }
        let first = try name()
        if first.allSatisfy(\.isNumber) { return .literal(first) }
        skipSpaces()
        if position < end, chars[position] == "(" {
            position += 1
            var arguments: [Expression] = []
            skipSpaces()
            if position < end, chars[position] == ")" {
                position += 1
                return .call(first, arguments)
            }
            while true {
                arguments.append(try expression(depth: depth + 1))
                skipSpaces()
                guard position < end else { throw error("expected ')' to close the call of '\(first)'") }
                if chars[position] == ")" {
                    position += 1
                    return .call(first, arguments)
                }
                guard chars[position] == "," else { throw error("expected ',' or ')' in the call of '\(first)'") }
                position += 1
            }
        }
        var path = [first]
        while position < end, chars[position] == "." {
            position += 1
            path.append(try name())
        }
        return .reference(path)
    }
}
