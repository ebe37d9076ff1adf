import ConformTime

/// The statistics of one stream as received on one port.
public struct StreamStatistics: Sendable, Hashable {
    public let transmitted: Int64
    /// Every reception, duplicates and unmatched ones included.
    public let receptions: Int64
    public let duplicates: Int64
    public let reordered: Int64
    public let unmatched: Int64
    /// Delay over first receptions; nil when nothing was received.
    public let latency: DistributionSummary?
    /// |IPDV| over consecutive received pairs (RFC 3393), with the signed extremes.
    public let ipdvMagnitude: DistributionSummary?
    public let ipdvMin: Int64?
    public let ipdvMax: Int64?
    /// RFC 3550 interarrival jitter.
    public let jitter: Int64
    public let transmitSource: TimestampSource
    public let receiveSource: TimestampSource
    /// The uncertainty of every time quantity, in ns (from the two timestamp sources).
    public let uncertainty: Int64

    public init(transmitted: Int64, receptions: Int64, duplicates: Int64, reordered: Int64, unmatched: Int64,
                latency: DistributionSummary?, ipdvMagnitude: DistributionSummary?, ipdvMin: Int64?, ipdvMax: Int64?,
                jitter: Int64, transmitSource: TimestampSource, receiveSource: TimestampSource, uncertainty: Int64) {
        self.transmitted = transmitted
        self.receptions = receptions
        self.duplicates = duplicates
        self.reordered = reordered
        self.unmatched = unmatched
        self.latency = latency
        self.ipdvMagnitude = ipdvMagnitude
        self.ipdvMin = ipdvMin
        self.ipdvMax = ipdvMax
        self.jitter = jitter
        self.transmitSource = transmitSource
        self.receiveSource = receiveSource
        self.uncertainty = uncertainty
    }

    /// Frames sent and never received.
    public var lost: Int64 { transmitted - (receptions - duplicates - unmatched) }

    /// Every named quantity (`latency.p99`, `jitter.rfc3550`, `loss`), as a suite's `measure`
    /// step names it; time quantities in ns. A quantity without data (no reception) is absent.
    public var quantities: [String: MeasuredValue] {
        var values: [String: MeasuredValue] = [
            "transmitted": .count(transmitted), "received": .count(receptions - duplicates - unmatched),
            "loss": .count(lost), "duplicates": .count(duplicates), "reordered": .count(reordered),
            "unmatched": .count(unmatched),
        ]
        if let latency {
            values["latency.min"] = .time(latency.min)
            values["latency.max"] = .time(latency.max)
            values["latency.mean"] = .time(latency.mean)
            values["pdv.max"] = .time(latency.max - latency.min)
            for (level, value) in latency.percentiles {
                values["latency.\(level)"] = .time(value)
                values["pdv.\(level)"] = .time(value - latency.min)
            }
            values["jitter.rfc3550"] = .time(jitter)
        }
        if let ipdvMagnitude, let ipdvMin, let ipdvMax {
            values["ipdv.min"] = .time(ipdvMin)
            values["ipdv.max"] = .time(ipdvMax)
            for (level, value) in ipdvMagnitude.percentiles { values["ipdv.abs.\(level)"] = .time(value) }
        }
        return values
    }
}

/// A measured value: a time in integer nanoseconds or a count.
public enum MeasuredValue: Sendable, Hashable {
    case time(Int64)
    case count(Int64)

    public var integer: Int64 {
        switch self {
        case .time(let ns): ns
        case .count(let n): n
        }
    }
}
