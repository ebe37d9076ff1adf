import ConformWire

/// Typed reads of YAML nodes that report every mismatch to a ``DiagnosticLog``.
///
/// `domain` prefixes the diagnostic ids (`suite.unknown-key`, `target.wrong-type`).
struct NodeReader: Sendable {
    let domain: String
    var log = DiagnosticLog()

    init(domain: String) { self.domain = domain }

    mutating func error(_ name: String, at location: SourceLocation, _ message: String, hint: String? = nil, notes: [String] = []) {
        log.error("\(domain).\(name)", at: location, message, hint: hint, notes: notes)
    }

    mutating func wrongType(_ node: YAMLNode, _ what: String, expected: String) {
        error("wrong-type", at: node.location, "\(what) must be \(expected), not \(node.kindName)")
    }

    /// The entries of a mapping, refusing keys outside `allowed` (with a did-you-mean) and
    /// reporting each missing `required` key at the mapping. Nil when it is not a mapping.
    mutating func fields(of node: YAMLNode, _ what: String, allowed: [String], required: [String] = []) -> [String: YAMLNode]? {
        guard let pairs = node.mapping else {
            wrongType(node, what, expected: "a mapping")
            return nil
        }
        var result: [String: YAMLNode] = [:]
        var suggested: Set<String> = []
        for pair in pairs {
            if allowed.contains(pair.key.text) {
                result[pair.key.text] = pair.value
            } else {
                let nearest = NameSuggester.nearest(to: pair.key.text, among: allowed)
                if let nearest { suggested.insert(nearest) }
                error("unknown-key", at: pair.keyLocation, "unknown key '\(pair.key.text)' in \(what)",
                      hint: nearest.map { "did you mean '\($0)'?" } ?? "expected one of: \(allowed.joined(separator: ", "))")
            }
        }
        // A misspelt required key is reported once, as the unknown key with its suggestion.
        for key in required where result[key] == nil && !suggested.contains(key) {
            error("missing-key", at: node.location, "\(what) needs '\(key)'")
        }
        return result
    }

    /// Any non-null scalar, as written.
    mutating func string(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar, scalar.value != .null else {
            wrongType(node, what, expected: "a string")
            return nil
        }
        return scalar.text
    }

    mutating func int(_ node: YAMLNode?, _ what: String, minimum: Int64 = .min) -> Int64? {
        guard let node else { return nil }
        guard case .int(let i) = node.scalar?.value else {
            wrongType(node, what, expected: "an integer")
            return nil
        }
        guard i >= minimum else {
            error("out-of-range", at: node.location, "\(what) must be at least \(minimum), not \(i)")
            return nil
        }
        return i
    }

    mutating func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard case .bool(let b) = node.scalar?.value else {
            wrongType(node, what, expected: "true or false")
            return nil
        }
        return b
    }

    mutating func list(_ node: YAMLNode?, _ what: String) -> [YAMLNode]? {
        guard let node else { return nil }
        guard let items = node.sequence else {
            wrongType(node, what, expected: "a list")
            return nil
        }
        return items
    }

    mutating func strings(_ node: YAMLNode?, _ what: String) -> [String]? {
        guard let items = list(node, what) else { return nil }
        return items.compactMap { string($0, "an item of \(what)") }
    }

    /// A scalar parsed for `{{ }}` expressions; syntax errors are placed at their column.
    mutating func interpolated(_ node: YAMLNode?, _ what: String) -> Interpolated? {
        guard let node else { return nil }
        guard let scalar = node.scalar, scalar.value != .null else {
            wrongType(node, what, expected: "a scalar")
            return nil
        }
        do throws(ExpressionSyntaxError) {
            return try Interpolated.parse(scalar.value.description, at: node.location)
        } catch {
            log.error(error.id, at: Self.location(of: error.column, in: node), "\(what): \(error.message)")
            return nil
        }
    }

    /// Where column `column` of a scalar's text sits in the file: exact for single-line
    /// plain and quoted scalars, the scalar's start otherwise.
    static func location(of column: Int, in node: YAMLNode) -> SourceLocation {
        guard let scalar = node.scalar, !scalar.text.contains("\n") else { return node.location }
        let shift: Int
        switch scalar.style {
        case .plain: shift = 0
        case .singleQuoted, .doubleQuoted: shift = 1
        case .literal, .folded: return node.location
        }
        return SourceLocation(file: node.location.file, line: node.location.line, column: node.location.column + shift + column - 1)
    }
}
