import ConformSuite

/// What happened to one case in a run.
public struct CaseRecord: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case verdict(Verdict)
        /// Excluded by PICS; carries the expression that excluded it.
        case notSelected(String)
        /// Left out by `--filter` or `--tags`.
        case skipped(String)
    }

    public let suite: String
    public let id: String
    /// The part of a parametrised case, if any.
    public let part: String?
    public let title: String
    public let clause: String
    public let outcome: Outcome
    public let reason: VerdictReason?
    /// Time the case took on the run's clock (virtual or real).
    public let durationNs: Int64

    public init(suite: String, id: String, part: String?, title: String, clause: String, outcome: Outcome,
                reason: VerdictReason?, durationNs: Int64) {
        self.suite = suite
        self.id = id
        self.part = part
        self.title = title
        self.clause = clause
        self.outcome = outcome
        self.reason = reason
        self.durationNs = durationNs
    }

    /// The outcome's name as run.json and reports write it.
    public var outcomeName: String {
        switch outcome {
        case .verdict(let v): return v.rawValue
        case .notSelected: return "not-selected"
        case .skipped: return "skipped"
        }
    }

    /// Whether the case ran and did not pass.
    public var isProblem: Bool {
        if case .verdict(let v) = outcome { return v != .pass }
        return false
    }
}

/// Counts of outcomes in a run.
public struct RunSummary: Sendable, Hashable {
    public var pass = 0, fail = 0, inconc = 0, error = 0, notSelected = 0, skipped = 0

    public init(_ records: [CaseRecord]) {
        for record in records {
            switch record.outcome {
            case .verdict(.pass): pass += 1
            case .verdict(.fail): fail += 1
            case .verdict(.inconc): inconc += 1
            case .verdict(.error), .verdict(.none): error += 1
            case .notSelected: notSelected += 1
            case .skipped: skipped += 1
            }
        }
    }

    /// Cases that ran.
    public var executed: Int { pass + fail + inconc + error }
}
