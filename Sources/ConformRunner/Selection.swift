import ConformSuite

/// Which cases of a run are selected, and why the others are not.
public struct Selection: Sendable {
    /// `--filter`: case-id globs (`ND-*`, `ICMP-ECHO-00?`); empty selects every id.
    public var idGlobs: [String]
    /// `--tags`: a case is selected when it carries any of them; empty selects every case.
    public var tags: [String]
    /// `--skip-tags`: a case carrying any of them is left out (`--skip-tags slow`).
    public var skipTags: [String]

    public init(idGlobs: [String] = [], tags: [String] = [], skipTags: [String] = []) {
        self.idGlobs = idGlobs
        self.tags = tags
        self.skipTags = skipTags
    }

    /// Whether the user's filters keep the case (before PICS is considered).
    public func keeps(_ testCase: TestCase) -> Bool {
        (idGlobs.isEmpty || idGlobs.contains { Self.glob($0, matches: testCase.id) })
            && (tags.isEmpty || tags.contains { testCase.tags.contains($0) })
            && !skipTags.contains { testCase.tags.contains($0) }
    }

    /// Shell-style glob with `*` and `?`, case-sensitive.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
