/// A TTCN-3 verdict, ordered `none < pass < inconc < fail < error`.
///
/// A case's verdict only gets worse. `error` belongs to the harness (adapter, codec, clock,
/// device process), never to a suite's own judgement.
public enum Verdict: String, Sendable, Hashable, Comparable, CaseIterable {
    case none
    case pass
    case inconc
    case fail
    case error

    private var rank: Int {
        switch self {
        case .none: 0
        case .pass: 1
        case .inconc: 2
        case .fail: 3
        case .error: 4
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}

/// Why a case got its verdict: the clause, what was expected, what was seen instead, and the
/// frames in the capture that show it.
public struct VerdictReason: Sendable, Hashable {
    public let clause: String
    public let expected: String
    public let observed: String
    public let frames: [FrameReference]
    /// Where in the suite the deciding step is (`suite.yaml:42:9`).
    public let location: String?

    public init(clause: String, expected: String, observed: String, frames: [FrameReference], location: String?) {
        self.clause = clause
        self.expected = expected
        self.observed = observed
        self.frames = frames
        self.location = location
    }
}

/// A frame in a bundle's capture: `captures/tn1.pcapng` frame 7.
public struct FrameReference: Sendable, Hashable, Comparable {
    public let capture: String
    public let number: Int

    public init(capture: String, number: Int) {
        self.capture = capture
        self.number = number
    }

    public static func < (l: FrameReference, r: FrameReference) -> Bool { (l.capture, l.number) < (r.capture, r.number) }
}

/// Combines verdicts as TTCN-3 does: the result is the worst verdict set; the reason kept is
/// the one that first brought the verdict to its final level, so the first failure explains
/// the case even when later steps fail too.
public struct VerdictArbiter: Sendable {
    public private(set) var verdict: Verdict = .none
    public private(set) var reason: VerdictReason?

    public init() {}

    public mutating func set(_ verdict: Verdict, _ reason: VerdictReason? = nil) {
        guard verdict > self.verdict else { return }
        self.verdict = verdict
        if verdict != .pass { self.reason = reason }
    }

    /// The verdict a finished case reports: a case still at `none` is an error (no step
    /// judged anything).
    public var final: Verdict { verdict == .none ? .error : verdict }
}
