import ConformWire

/// Collects every problem a load finds; loading never stops at the first.
struct DiagnosticLog: Sendable {
    private(set) var all: [Diagnostic] = []

    var hasErrors: Bool { all.contains { $0.severity == .error } }

    mutating func add(_ d: Diagnostic) { all.append(d) }

    mutating func add(_ ds: [Diagnostic]) { all += ds }

    mutating func error(_ id: String, at location: SourceLocation, _ message: String, hint: String? = nil, notes: [String] = []) {
        all.append(Diagnostic(id, .error, at: location, message, hint: hint, notes: notes))
    }

    /// `did you mean 'x'?` for the nearest of `candidates`, or nil.
    static func didYouMean(_ name: String, among candidates: [String]) -> String? {
        NameSuggester.nearest(to: name, among: candidates).map { "did you mean '\($0)'?" }
    }
}

extension Diagnostic {
    /// Orders diagnostics by place, then id, for stable output.
    static func byLocation(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.location, a.id) < (b.location, b.id)
    }
}
