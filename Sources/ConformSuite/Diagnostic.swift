/// A place in a source file, 1-based as editors and compilers print it.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a suite or target, as data (after swift-syntax's diagnostics).
///
/// Printed as `FILE:LINE:COL: error: message [id]`, followed by its hint and notes.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning, note }

    /// A stable identifier, `domain.name` (`yaml.alias`, `suite.unknown-key`), for tools and tests.
    public let id: String
    public let severity: Severity
    public let location: SourceLocation
    public let message: String
    /// What to do about it, e.g. `did you mean 'within'?`.
    public let hint: String?
    public let notes: [String]

    public init(_ id: String, _ severity: Severity = .error, at location: SourceLocation, _ message: String,
                hint: String? = nil, notes: [String] = []) {
        self.id = id
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.notes = notes
    }

    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message) [\(id)]"
        if let hint { text += "\n    hint: \(hint)" }
        for note in notes { text += "\n    note: \(note)" }
        return text
    }
}

/// Every diagnostic a load produced; thrown when at least one is an error.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
