/// Helpers for PTP timestamps and the gPTP peer-delay arithmetic, for suites to call inside
/// `{{ }}`. Instants are integer nanoseconds (`frame.time`, `request.time`, `sent.time`).
enum PTPFunctions {
    static let nanosecondsPerSecond: Int64 = 1_000_000_000

    static let all: [WireFunction] = [
        // IEEE 1588-2019 §5.3.3: a Timestamp is UInteger48 seconds and UInteger32 nanoseconds.
        WireFunction(name: "ptp_seconds", arity: 1) { arguments in
            guard let ns = integers(arguments)?.first, ns >= 0 else { return nil }
            return .uint(UInt64(ns / nanosecondsPerSecond))
        },
        WireFunction(name: "ptp_nanoseconds", arity: 1) { arguments in
            guard let ns = integers(arguments)?.first, ns >= 0 else { return nil }
            return .uint(UInt64(ns % nanosecondsPerSecond))
        },
        WireFunction(name: "ptp_time", arity: 2) { arguments in
            guard let v = integers(arguments), v.count == 2 else { return nil }
            let (product, overflow) = v[0].multipliedReportingOverflow(by: nanosecondsPerSecond)
            guard !overflow else { return nil }
            return .int(product &+ v[1])
        },
        // IEEE 802.1AS-2020 §11.2.19.3.4: meanLinkDelay = [r·(t4 − t1) − (t3 − t2)] / 2, with r = 1
        // (the rate ratio is near 1 when both clocks run at the same rate, as on one host).
        WireFunction(name: "ptp_link_delay", arity: 4) { arguments in
            guard let t = integers(arguments), t.count == 4 else { return nil }
            return .int(((t[3] &- t[0]) &- (t[2] &- t[1])) / 2)
        },
        // §11.2.19.3.3: neighborRateRatio = (t3b − t3a) / (t4b − t4a), the responder's elapsed time
        // over the requester's between two exchanges; given in parts per billion off 1.
        WireFunction(name: "ptp_rate_offset_ppb", arity: 4) { arguments in
            guard let t = integers(arguments), t.count == 4, t[3] != t[2] else { return nil }
            let responder = Double(t[1] &- t[0]), requester = Double(t[3] &- t[2])
            let ppb = (responder / requester - 1) * 1e9
            guard ppb.isFinite, abs(ppb) < 9e18 else { return nil }
            return .int(Int64(ppb.rounded()))
        },
    ]

    /// The arguments as signed integers, or nil when one is not a number.
    static func integers(_ arguments: [FieldValue]) -> [Int64]? {
        var result: [Int64] = []
        for argument in arguments {
            switch argument {
            case .int(let v): result.append(v)
            case .uint(let v) where v <= UInt64(Int64.max): result.append(Int64(v))
            case .string(let text):
                guard let v = Int64(text.trimmingSpaces) else { return nil }
                result.append(v)
            default: return nil
            }
        }
        return result
    }
}
