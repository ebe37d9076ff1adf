/// One test case: a test purpose with the clause it checks, the PICS expression that selects
/// it, handlers active for its whole length, its steps, and steps that always run at the end.
public struct TestCase: Sendable {
    /// Stable id, e.g. `ND-NS-001`.
    public let id: String
    public let title: String
    public let purpose: String?
    /// `RFC 4861 §7.2.4`.
    public let clause: String
    /// Extra references (IPv6 Ready ids and the like), printed in reports.
    public let references: [String]
    public let pics: PICSExpression?
    public let tags: [String]
    public let handlers: [Handler]
    public let steps: [Step]
    public let finally: [Step]
    /// The longest the case may take on the run's clock; nil for the runner's default.
    public let timeout: Interpolated?
    public let location: SourceLocation

    public init(id: String, title: String, purpose: String?, clause: String, references: [String],
                pics: PICSExpression?, tags: [String], handlers: [Handler], steps: [Step], finally: [Step],
                timeout: Interpolated?, location: SourceLocation) {
        self.id = id
        self.title = title
        self.purpose = purpose
        self.clause = clause
        self.references = references
        self.pics = pics
        self.tags = tags
        self.handlers = handlers
        self.steps = steps
        self.finally = finally
        self.timeout = timeout
        self.location = location
    }
}

/// A condition on one field of a frame (`ipv6.hlim: 255`, `icmpv6.type: {in: [133, 134]}`).
///
/// A field that occurs several times matches if any occurrence matches; `field#n` picks
/// the n-th occurrence (1-based).
public struct FieldPredicate: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        case equals(Interpolated)
        case notEquals(Interpolated)
        case oneOf([Interpolated])
        case range(Interpolated, Interpolated)
        /// Present with any value.
        case any
        /// Not present at all.
        case absent
    }

    public let field: String
    /// 1-based occurrence from `field#n`, or nil for any occurrence.
    public let occurrence: Int?
    public let test: Test
    public let location: SourceLocation

    public init(field: String, occurrence: Int?, test: Test, location: SourceLocation) {
        self.field = field
        self.occurrence = occurrence
        self.test = test
        self.location = location
    }
}

/// A default rule active for a whole case (TTCN-3's altstep): when a frame from the device
/// on `port` matches, the tester sends `template` (e.g. answer neighbor solicitations for the
/// tester's own addresses). Handled frames are still candidates for `expect`.
public struct Handler: Sendable, Hashable {
    public let port: String?
    public let match: [FieldPredicate]
    public let send: String
    public let location: SourceLocation
    public init(port: String?, match: [FieldPredicate], send: String, location: SourceLocation) {
        self.port = port
        self.match = match
        self.send = send
        self.location = location
    }
}
