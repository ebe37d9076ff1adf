/// The faults the `tsn-bridge` simulator can be built with; each breaks exactly one
/// requirement and names the clause it breaks, so `conform mutate` can tell which case
/// catches it. Clause numbers are those of IEEE 802.1Q-2018 and 802.1CB-2017.
public enum TSNBridgeFault: String, Sendable, CaseIterable {
    case wrongPCPMapping = "wrong-pcp-mapping"
    case fifoEgress = "fifo-egress"
    case gateOpensLate = "gate-opens-late"
    case gateAlwaysOpen = "gate-always-open"
    case noGuardBand = "no-guard-band"
    case queueMaxSDUIgnored = "queue-max-sdu-ignored"
    case shaperDisabled = "shaper-disabled"
    case shaperIgnoresHiCredit = "shaper-ignores-hicredit"
    case frerPassesDuplicates = "frer-passes-duplicates"
    case frerNoReset = "frer-no-reset"
    case streamGateIgnored = "stream-gate-ignored"
    case flowMeterIgnored = "flow-meter-ignored"
    case maxSDUIgnored = "max-sdu-ignored"
    case slowForwarding = "slow-forwarding"

    /// The fault as the catalog lists it.
    public var descriptor: FaultDescriptor {
        switch self {
        case .wrongPCPMapping:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.6 Table 8-5",
                            summary: "maps PCP n to traffic class n, so PCP 1 ranks above PCP 0")
        case .fifoEgress:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.8.1",
                            summary: "serves every traffic class of a port in arrival order instead of strict priority")
        case .gateOpensLate:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.9",
                            summary: "each 802.1Qbv gate opens 100 µs after its gate control list says")
        case .gateAlwaysOpen:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.8.4",
                            summary: "ignores the gate control list: every gate stays open")
        case .noGuardBand:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.8.4",
                            summary: "starts a frame that cannot finish before its gate closes (no guard band)")
        case .queueMaxSDUIgnored:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §12.29.1.1.1",
                            summary: "transmits frames longer than their traffic class's queueMaxSDU")
        case .shaperDisabled:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.8.2",
                            summary: "the credit-based shaper never holds a frame back (idleSlope ignored)")
        case .shaperIgnoresHiCredit:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.8.2",
                            summary: "credit grows without the hiCredit limit while frames wait")
        case .frerPassesDuplicates:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1CB §7.4.3.4",
                            summary: "the sequence recovery function passes duplicate frames")
        case .frerNoReset:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1CB §7.4.3.4",
                            summary: "sequence recovery never resets after frerSeqRcvyResetMSec of silence")
        case .streamGateIgnored:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.5.1.2",
                            summary: "PSFP stream gates pass frames while closed")
        case .flowMeterIgnored:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.5.1.3",
                            summary: "PSFP flow meters never drop frames above the committed rate")
        case .maxSDUIgnored:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1Q §8.6.5.1.1",
                            summary: "PSFP stream filters pass frames above their maximum SDU size")
        case .slowForwarding:
            FaultDescriptor(name: rawValue, clause: "RFC 2544 §26.2",
                            summary: "forwards 50 µs later than its declared forwarding latency")
        }
    }

    /// The fault a descriptor names, if it is one of this simulator's.
    init(_ descriptor: FaultDescriptor) throws(SimulatorError) {
        guard let fault = TSNBridgeFault(rawValue: descriptor.name) else {
            let known = TSNBridgeFault.allCases.map(\.rawValue).joined(separator: ", ")
            throw SimulatorError("tsn-bridge has no fault '\(descriptor.name)' (known: \(known))")
        }
        self = fault
    }
}
