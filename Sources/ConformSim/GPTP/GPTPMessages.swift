import ConformWire

/// A PortIdentity (IEEE 802.1AS-2020 §8.5.2): a ClockIdentity and a port number.
public struct GPTPPortIdentity: Sendable, Hashable {
    public let clock: UInt64
    public let port: UInt64
}

/// The system's time-transport values an Announce carries (§10.6.3), lower is better in
/// this field order (§10.3.4, the systemIdentity).
struct GPTPPriorityVector: Sendable, Hashable, Comparable {
    var priority1: UInt64
    var clockClass: UInt64
    var clockAccuracy: UInt64
    var variance: UInt64
    var priority2: UInt64
    var grandmaster: UInt64
    var stepsRemoved: UInt64

    private var key: [UInt64] { [priority1, clockClass, clockAccuracy, variance, priority2, grandmaster, stepsRemoved] }

    static func < (lhs: GPTPPriorityVector, rhs: GPTPPriorityVector) -> Bool {
        lhs.key.lexicographicallyPrecedes(rhs.key)
    }

    /// A grandmaster-capable end instance with no external time source (§8.6.2: priority1 248
    /// for a system that is not a GM preference, clockClass 248, clockAccuracy 0xFE, offsetScaledLogVariance 0x436A).
    static func own(_ identity: UInt64) -> GPTPPriorityVector {
        GPTPPriorityVector(priority1: 248, clockClass: 248, clockAccuracy: 0xfe, variance: 0x436a, priority2: 248,
                           grandmaster: identity, stepsRemoved: 0)
    }

    /// The vector an Announce advertises, or nil when a field is missing.
    init?(announce d: Dissection) {
        guard let p1 = d.unsigned("ptp.v2.an.priority1"), let cls = d.unsigned("ptp.v2.an.grandmasterclockclass"),
              let acc = d.unsigned("ptp.v2.an.grandmasterclockaccuracy"), let v = d.unsigned("ptp.v2.an.grandmasterclockvariance"),
              let p2 = d.unsigned("ptp.v2.an.priority2"), let gm = d.unsigned("ptp.v2.an.grandmasterclockidentity"),
              let steps = d.unsigned("ptp.v2.an.localstepsremoved") else { return nil }
        self.init(priority1: p1, clockClass: cls, clockAccuracy: acc, variance: v, priority2: p2, grandmaster: gm, stepsRemoved: steps)
    }

    init(priority1: UInt64, clockClass: UInt64, clockAccuracy: UInt64, variance: UInt64, priority2: UInt64, grandmaster: UInt64,
         stepsRemoved: UInt64) {
        self.priority1 = priority1
        self.clockClass = clockClass
        self.clockAccuracy = clockAccuracy
        self.variance = variance
        self.priority2 = priority2
        self.grandmaster = grandmaster
        self.stepsRemoved = stepsRemoved
    }
}

/// The gPTP frames a simulated time-aware system sends, as template layers for ConformWire's
/// builder: every message to 01-80-C2-00-00-0E, untagged (§11.3.4), majorSdoId 1, domain 0.
enum GPTPMessages {
    static let destination = MACAddress([0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e])

    static func frame(from mac: MACAddress, type: PTPMessageType, source: GPTPPortIdentity, sequence: UInt64,
                      logInterval: Int64? = nil, correction: UInt64 = 0,
                      _ body: [(abbrev: String, value: FieldValue)], tlvs: [LayerSpec] = []) -> [LayerSpec] {
        var header: [(abbrev: String, value: FieldValue)] = [
            ("ptp.v2.messagetype", .uint(UInt64(type.rawValue))), ("ptp.v2.clockidentity", .uint(source.clock)),
            ("ptp.v2.sourceportid", .uint(source.port)), ("ptp.v2.sequenceid", .uint(sequence & 0xffff)),
            ("ptp.v2.correction.ns", .uint(correction)),
        ]
        if let logInterval { header.append(("ptp.v2.logmessageperiod", .int(logInterval))) }
        return [LayerSpec("eth", [("eth.dst", .ether(destination)), ("eth.src", .ether(mac))]),
                LayerSpec("ptp.v2", header + body)] + tlvs
    }

    /// A PTP Timestamp's two fields (`PREFIX.seconds`, `PREFIX.nanoseconds`) for an instant in ns.
    static func timestamp(_ prefix: String, _ ns: Int64) -> [(abbrev: String, value: FieldValue)] {
        let clamped = UInt64(max(0, ns))
        return [("\(prefix).seconds", .uint(clamped / 1_000_000_000)), ("\(prefix).nanoseconds", .uint(clamped % 1_000_000_000))]
    }

    static func requesting(_ prefix: String, _ identity: GPTPPortIdentity) -> [(abbrev: String, value: FieldValue)] {
        [("\(prefix).requestingportidentity", .uint(identity.clock)), ("\(prefix).requestingsourceportid", .uint(identity.port))]
    }

    /// The Follow_Up information TLV (§11.4.4.3) of a grandmaster or a forwarded one.
    static func followUpInformation(cumulativeScaledRateOffset: UInt64) -> LayerSpec {
        LayerSpec("ptp.as.fu", [("ptp.as.fu.cumulativeScaledRateOffset", .uint(cumulativeScaledRateOffset))])
    }

    static func announce(_ vector: GPTPPriorityVector) -> [(abbrev: String, value: FieldValue)] {
        [("ptp.v2.an.priority1", .uint(vector.priority1)), ("ptp.v2.an.grandmasterclockclass", .uint(vector.clockClass)),
         ("ptp.v2.an.grandmasterclockaccuracy", .uint(vector.clockAccuracy)), ("ptp.v2.an.grandmasterclockvariance", .uint(vector.variance)),
         ("ptp.v2.an.priority2", .uint(vector.priority2)), ("ptp.v2.an.grandmasterclockidentity", .uint(vector.grandmaster)),
         ("ptp.v2.an.localstepsremoved", .uint(vector.stepsRemoved)), ("ptp.v2.timesource", .uint(0xa0)),
         ("ptp.v2.flags.timescale", .bool(true))]
    }
}

extension Dissection {
    func unsigned(_ abbrev: String) -> UInt64? { first(abbrev)?.unsignedValue }

    func signed(_ abbrev: String) -> Int64? {
        switch first(abbrev) {
        case .int(let v)?: v
        case .uint(let v)? where v <= UInt64(Int64.max): Int64(v)
        default: nil
        }
    }

    /// A PTP Timestamp's seconds and nanoseconds as nanoseconds.
    func instant(_ prefix: String) -> Int64? {
        guard let s = unsigned("\(prefix).seconds"), s < 9_000_000_000, let ns = signed("\(prefix).nanoseconds") else { return nil }
        return Int64(s) * 1_000_000_000 + ns
    }
}

extension Double {
    /// Rounded to the nearest Int64, saturating at its bounds; 0 for NaN.
    var saturatingInt64: Int64 {
        guard !isNaN else { return 0 }
        if self >= 9.2e18 { return .max }
        if self <= -9.2e18 { return .min }
        return Int64(rounded())
    }
}
