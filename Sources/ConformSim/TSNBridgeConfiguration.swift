import ConformTime

/// How one egress port is set up.
struct TSNPortConfiguration: Sendable {
    /// Port transmit rate, bit/s.
    var rate: Int64 = 1_000_000_000
    var gates: TSNGateControlList?
    var shaper: ShaperConfiguration?
    /// 802.1Qbv queueMaxSDU per traffic class (bytes, without FCS): longer frames are discarded.
    var maxSDU: [Int: Int] = [:]

    struct ShaperConfiguration: Sendable {
        let trafficClass: Int
        /// bit/s.
        let idleSlope: Int64
    }
}

/// A PSFP stream filter on ingress (802.1Q §8.6.5.1), for the stream a VID identifies.
struct TSNStreamFilterConfiguration: Sendable {
    var maxSDU: Int?
    var gate: TSNGateControlList?
    /// Committed information rate (bit/s) and committed burst size (bytes).
    var meter: (rate: Int64, burst: Int64)?
}

/// The reference bridge's fixed configuration, the TSN suite's test bed. Four ports at
/// 1 Gbit/s, all members of every VLAN:
///
/// | egress | transmission selection |
/// |---|---|
/// | tn1, tn2 | strict priority over eight classes |
/// | tn3 | 802.1Qbv: 10 ms cycle from base time 0, class 7 alone for 5 ms, classes 0–6 for 5 ms; class 7 queueMaxSDU 500 bytes |
/// | tn4 | 802.1Qav on class 3 (SR class A, PCP 3), idleSlope 100 Mbit/s; class 7 strict above |
///
/// | VID | function |
/// |---|---|
/// | 100 | 802.1CB sequence generation: frames from tn1 go to tn2 and tn3 with an R-TAG |
/// | 200 | 802.1CB sequence recovery (vector algorithm, history 8, reset after `frer_reset_timeout`), R-TAG removed |
/// | 300 | PSFP stream gate: 10 ms cycle, open 5 ms, closed 5 ms |
/// | 301 | PSFP flow meter: CIR 8 Mbit/s, CBS 3000 bytes |
/// | 302 | PSFP maximum SDU 1000 bytes |
///
/// PIXIT: `forwarding_latency` (default 2us), `frer_reset_timeout` (default 100ms).
struct TSNBridgeConfiguration: Sendable {
    var forwardingLatencyNs: Int64 = 2_000
    var frerResetTimeoutNs: Int64 = 100_000_000
    var frerHistoryLength = 8
    var ports: [String: TSNPortConfiguration]
    var filters: [Int: TSNStreamFilterConfiguration]
    let generationVID = 100
    let generationIngress = "tn1"
    let generationEgress = ["tn2", "tn3"]
    let recoveryVID = 200

    /// How late a gate opens under the `gate-opens-late` fault.
    static let lateGateNs: Int64 = 100_000
    /// How much later than declared the `slow-forwarding` fault forwards.
    static let slowForwardingNs: Int64 = 50_000

    /// 802.1Q Table 8-5 with eight traffic classes: PCP 1 (background) ranks below PCP 0 (best effort).
    static let pcpToTrafficClass = [1, 0, 2, 3, 4, 5, 6, 7]

    static func reference(pixit: [String: String]) throws(SimulatorError) -> TSNBridgeConfiguration {
        let halfCycle: Int64 = 5_000_000
        let scheduled = TSNGateControlList(entries: [.init(durationNs: halfCycle, openMask: 0x80),
                                                     .init(durationNs: halfCycle, openMask: 0x7f)], baseTimeNs: 0)
        let streamGate = TSNGateControlList(entries: [.init(durationNs: halfCycle, openMask: 0x01),
                                                      .init(durationNs: halfCycle, openMask: 0x00)], baseTimeNs: 0)
        var configuration = TSNBridgeConfiguration(
            ports: ["tn1": TSNPortConfiguration(), "tn2": TSNPortConfiguration(),
                    "tn3": TSNPortConfiguration(gates: scheduled, maxSDU: [7: 500]),
                    "tn4": TSNPortConfiguration(shaper: .init(trafficClass: 3, idleSlope: 100_000_000))],
            filters: [300: TSNStreamFilterConfiguration(gate: streamGate),
                      301: TSNStreamFilterConfiguration(meter: (rate: 8_000_000, burst: 3_000)),
                      302: TSNStreamFilterConfiguration(maxSDU: 1_000)])
        configuration.forwardingLatencyNs = try duration(pixit, "forwarding_latency") ?? configuration.forwardingLatencyNs
        configuration.frerResetTimeoutNs = try duration(pixit, "frer_reset_timeout") ?? configuration.frerResetTimeoutNs
        return configuration
    }

    private static func duration(_ pixit: [String: String], _ key: String) throws(SimulatorError) -> Int64? {
        guard let text = pixit[key] else { return nil }
        guard let amount = TimeAmount(parsing: text), amount.ns >= 0 else {
            throw SimulatorError("tsn-bridge: PIXIT \(key) '\(text)' is not a duration")
        }
        return amount.ns
    }
}
