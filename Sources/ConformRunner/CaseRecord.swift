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
    /// The results of the case's `measure` steps, in step order.
    public let measurements: [MeasurementRecord]

    public init(suite: String, id: String, part: String?, title: String, clause: String, outcome: Outcome,
                reason: VerdictReason?, durationNs: Int64, measurements: [MeasurementRecord] = []) {
        self.suite = suite
        self.id = id
        self.part = part
        self.title = title
        self.clause = clause
        self.outcome = outcome
        self.reason = reason
        self.durationNs = durationNs
        self.measurements = measurements
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

/// One `measure` step's result: the statistics of a stream on a port, with the timestamp
/// sources and the uncertainty they imply, and each assertion's outcome.
public struct MeasurementRecord: Sendable, Hashable {
    public let stream: String
    public let port: String
    /// Every quantity by name (`latency.p99`); times in ns.
    public let values: [String: Int64]
    public let uncertaintyNs: Int64
    public let transmitSource: String
    public let receiveSource: String
    /// Whether percentiles are exact or histogram values within 1/2048 relative error.
    public let exactPercentiles: Bool
    /// The link rate (bit/s) of the store-and-forward correction subtracted from each delay, if any.
    public let correctionBitsPerSecond: Int64?
    /// The decision rule the assertions were judged by (`guarded`, `simple`).
    public let decision: String
    public let assertions: [Assertion]
    /// The raw samples' file in the bundle (`measurements/CASE.csv`), if written.
    public let samples: String?

    /// An assertion and its verdict (`pass`, `fail`, `inconc`).
    public struct Assertion: Sendable, Hashable {
        public let text: String
        public let verdict: Verdict
        public init(text: String, verdict: Verdict) {
            self.text = text
            self.verdict = verdict
        }
    }

    public init(stream: String, port: String, values: [String: Int64], uncertaintyNs: Int64, transmitSource: String,
                receiveSource: String, exactPercentiles: Bool, correctionBitsPerSecond: Int64?, decision: String,
                assertions: [Assertion], samples: String?) {
        self.stream = stream
        self.port = port
        self.values = values
        self.uncertaintyNs = uncertaintyNs
        self.transmitSource = transmitSource
        self.receiveSource = receiveSource
        self.exactPercentiles = exactPercentiles
        self.correctionBitsPerSecond = correctionBitsPerSecond
        self.decision = decision
        self.assertions = assertions
        self.samples = samples
    }
}
