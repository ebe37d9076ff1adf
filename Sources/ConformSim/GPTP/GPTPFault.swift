/// The faults the gPTP simulators can be built with; each breaks exactly one requirement of
/// IEEE 802.1AS-2020 and names its clause, so that `conform mutate` can tell which case
/// catches it. Faults marked "bridge" act only where Sync is forwarded.
public enum GPTPFault: String, Sendable, CaseIterable {
    case followUpWrongSequence = "follow-up-wrong-sequence"
    case followUpWithoutTLV = "follow-up-without-tlv"
    case syncInterval250ms = "sync-interval-250ms"
    case pdelayIntervalTwoSeconds = "pdelay-interval-2s"
    case pdelayResponseWrongRequester = "pdelay-resp-wrong-requester"
    case pdelayTurnaround20ms = "pdelay-turnaround-20ms"
    case syncWhileNotAsCapable = "sync-while-not-ascapable"
    case announceIntervalTwoSeconds = "announce-interval-2s"
    case announceWithoutPathTrace = "announce-without-path-trace"
    case ignoresBetterMaster = "ignores-better-master"
    case acceptsLoopedAnnounce = "accepts-looped-announce"
    case noAnnounceReceiptTimeout = "no-announce-receipt-timeout"
    case clock300ppmFast = "clock-300ppm-fast"
    case rateRatioNotAccumulated = "rate-ratio-not-accumulated"
    case ignoresIntervalRequest = "ignores-interval-request"
    case correctionWithoutResidence = "correction-without-residence"
    case residence15ms = "residence-15ms"

    /// Faults that show only where Sync is forwarded (a bridge with a slave and a master port).
    static let bridgeOnly: Set<GPTPFault> = [.correctionWithoutResidence, .residence15ms, .rateRatioNotAccumulated]

    /// The fault as the catalog lists it.
    public var descriptor: FaultDescriptor {
        switch self {
        case .followUpWrongSequence:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §11.4.4", summary: "Follow_Up carries its Sync's sequenceId + 1")
        case .followUpWithoutTLV:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §11.4.4.3", summary: "Follow_Up has no Follow_Up information TLV")
        case .syncInterval250ms:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §10.7.2.3", summary: "Sync every 250 ms instead of 125 ms")
        case .pdelayIntervalTwoSeconds:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §11.5.2.2", summary: "Pdelay_Req every 2 s instead of 1 s")
        case .pdelayResponseWrongRequester:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §11.4.6",
                            summary: "Pdelay_Resp and Pdelay_Resp_Follow_Up name port number + 1 as the requesting port")
        case .pdelayTurnaround20ms:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §B.2.3", summary: "Pdelay_Resp leaves 20 ms after the request arrived")
        case .syncWhileNotAsCapable:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §11.2.2",
                            summary: "sends Sync and Announce on a port whose link delay exceeds neighborPropDelayThresh")
        case .announceIntervalTwoSeconds:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §10.7.2.2", summary: "Announce every 2 s instead of 1 s")
        case .announceWithoutPathTrace:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §10.6.3.3", summary: "Announce has no path trace TLV")
        case .ignoresBetterMaster:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §10.3",
                            summary: "best master selection ignores a better Announce and stays grandmaster")
        case .acceptsLoopedAnnounce:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §10.3",
                            summary: "accepts an Announce whose path trace already holds its own clock identity")
        case .noAnnounceReceiptTimeout:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §10.7.3.2",
                            summary: "keeps following a grandmaster whose Announces stopped, never taking the role back")
        case .clock300ppmFast:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §B.1.1",
                            summary: "the timestamps the system sends come from a clock running 300 ppm fast")
        case .rateRatioNotAccumulated:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §11.4.4.3",
                            summary: "bridge: forwards cumulativeScaledRateOffset without its upstream neighborRateRatio")
        case .ignoresIntervalRequest:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §10.6.4.3",
                            summary: "a message interval request TLV leaves the Sync interval unchanged")
        case .correctionWithoutResidence:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §11.1.3",
                            summary: "bridge: forwarded correctionField adds the upstream link delay but not the residence time")
        case .residence15ms:
            FaultDescriptor(name: rawValue, clause: "IEEE 802.1AS-2020 §B.2.2", summary: "bridge: Sync is forwarded 15 ms after it arrived")
        }
    }

    /// The fault a descriptor names, if it is one of the gPTP simulators'.
    init(_ descriptor: FaultDescriptor) throws(SimulatorError) {
        guard let fault = GPTPFault(rawValue: descriptor.name) else {
            throw SimulatorError("gPTP simulators have no fault '\(descriptor.name)' (known: \(GPTPFault.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = fault
    }
}
