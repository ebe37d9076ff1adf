/// Send a timed stream of frames on a port: each frame carries the stream's tag (stream id,
/// sequence number, transmit time) at its end, so a `measure` step can match receptions.
/// A template with an 802.1CB R-TAG layer gets the sequence number (mod 2^16) in the R-TAG too.
///
/// The step starts the stream and returns at once; its frames go out on the clock while later
/// steps run, so several streams can share the link (a measured class beside best effort).
public struct StreamStep: StepBody, Hashable {
    public static let kind = "stream"
    /// The name a `measure` step uses.
    public let name: String
    /// The ports the stream is sent on: every frame goes out on each (redundant paths for FRER).
    public let ports: [String]
    public let template: String
    /// Field overrides on top of the template (`vlan.priority` and `vlan.id` from `pcp`/`vid`).
    public let overrides: [TemplateField]
    public let pacing: Pacing
    public let count: Int
    /// Delay from the step to the first frame.
    public let start: Interpolated?
    /// Start at the next multiple of this on the clock (a device's cycle from base time 0), then `start`.
    public let align: Interpolated?
    /// Frame length in bytes without FCS; the payload is padded up to it (nil: template + tag, at least 60).
    public let size: Int?

    /// How frames are spaced.
    public enum Pacing: Sendable, Hashable {
        /// Frames per second.
        case packetsPerSecond(Double)
        /// Bits per second on the wire: each frame takes 8 · (size + 24) bits (FCS, preamble, SFD, gap).
        case bitsPerSecond(Double)
        /// A cycle of `period` with one frame at each offset.
        case schedule(period: Interpolated, offsets: [Interpolated])
    }

    public init(name: String, ports: [String], template: String, overrides: [TemplateField], pacing: Pacing, count: Int,
                start: Interpolated?, align: Interpolated?, size: Int?) {
        self.name = name
        self.ports = ports
        self.template = template
        self.overrides = overrides
        self.pacing = pacing
        self.count = count
        self.start = start
        self.align = align
        self.size = size
    }
}

/// Statistics over a stream's frames received on a port, judged by assertions.
///
/// The step waits until `within` after the stream's last transmission, then matches
/// receptions to transmissions by sequence number (ConformMeasure).
public struct MeasureStep: StepBody, Hashable {
    public static let kind = "measure"
    public let stream: String
    public let port: String
    /// How long after the stream's last frame receptions still count.
    public let within: Interpolated
    /// Store-and-forward correction for this link rate in bit/s (nil: none).
    public let linkRate: Double?
    public let decision: DecisionRule
    public let assertions: [MeasureAssertion]

    public init(stream: String, port: String, within: Interpolated, linkRate: Double?, decision: DecisionRule,
                assertions: [MeasureAssertion]) {
        self.stream = stream
        self.port = port
        self.within = within
        self.linkRate = linkRate
        self.decision = decision
        self.assertions = assertions
    }
}

/// How a measured value and its uncertainty U decide an assertion (ILAC-G8:09/2019 §4.2).
public enum DecisionRule: String, Sendable, Hashable, CaseIterable {
    /// Pass only when the assertion holds for every value within ±U, fail only when it holds
    /// for none; otherwise the result is inside the guard band and the verdict is `inconc`.
    case guarded
    /// Judge the measured value alone, ignoring U (the report says so).
    case simple
}

/// `latency.p99 < 50us`: a quantity, a comparison and a limit.
public struct MeasureAssertion: Sendable, Hashable, CustomStringConvertible {
    public let quantity: String
    public let comparison: Comparison
    /// A duration for time quantities, an integer for counts.
    public let limit: Interpolated
    public let location: SourceLocation

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

        /// Whether `value` compares so with `limit`.
        public func holds(_ value: Int64, _ limit: Int64) -> Bool {
            switch self {
            case .less: value < limit
            case .lessOrEqual: value <= limit
            case .greater: value > limit
            case .greaterOrEqual: value >= limit
            case .equal: value == limit
            case .notEqual: value != limit
            }
        }
    }

    public init(quantity: String, comparison: Comparison, limit: Interpolated, location: SourceLocation) {
        self.quantity = quantity
        self.comparison = comparison
        self.limit = limit
        self.location = location
    }

    public var description: String { "\(quantity) \(comparison.rawValue) \(limit)" }
}

/// The quantities a `measure` assertion may name, and whether each is a time or a count.
public enum MeasureQuantity {
    public enum Kind: Sendable, Hashable {
        case time
        case count
    }

    static let percentiles = ["p50", "p90", "p99", "p99.9"]

    /// Every quantity name: ConformMeasure's `StreamStatistics.quantities` provides each.
    public static let all: [String: Kind] = {
        var names: [String: Kind] = [:]
        for name in ["transmitted", "received", "loss", "duplicates", "reordered", "unmatched"] { names[name] = .count }
        for name in ["latency.min", "latency.mean", "latency.max", "pdv.max", "ipdv.min", "ipdv.max", "jitter.rfc3550"] {
            names[name] = .time
        }
        for level in percentiles {
            names["latency.\(level)"] = .time
            names["pdv.\(level)"] = .time
            names["ipdv.abs.\(level)"] = .time
        }
        return names
    }()
}
