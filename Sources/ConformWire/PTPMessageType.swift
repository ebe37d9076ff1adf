/// A PTPv2 messageType (IEEE 1588-2019 Table 36). Open: any 4-bit value is valid.
///
/// Each type the gPTP profile uses (IEEE 802.1AS-2020 §10.6 and §11.4) knows its body fields
/// after the common header, with Wireshark's names, and the header defaults 802.1AS gives it.
public struct PTPMessageType: RawRepresentable, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let sync = PTPMessageType(rawValue: 0x0)
    public static let pdelayRequest = PTPMessageType(rawValue: 0x2)
    public static let pdelayResponse = PTPMessageType(rawValue: 0x3)
    public static let followUp = PTPMessageType(rawValue: 0x8)
    public static let pdelayResponseFollowUp = PTPMessageType(rawValue: 0xa)
    public static let announce = PTPMessageType(rawValue: 0xb)
    public static let signaling = PTPMessageType(rawValue: 0xc)

    /// The body fields after the common header, as Wireshark shows them; nil for a type
    /// Conform does not decode. A gPTP message (majorSdoId 1) has reserved bytes where IEEE
    /// 1588 has a timestamp: a two-step Sync's 10 (§11.4.3), a Pdelay_Req's 20 (§11.4.5,
    /// not shown) and an Announce's first 10 (§10.6.3).
    func body(gPTP: Bool, twoStep: Bool) -> [HeaderField]? {
        switch self {
        case .sync where gPTP && twoStep: PTPBody.gptpSync
        case .sync: PTPBody.sync
        case .pdelayRequest where gPTP: []
        case .pdelayRequest: PTPBody.pdelayRequest
        case .announce where gPTP: Array(PTPBody.announce.dropFirst(2))
        case .pdelayResponse: PTPBody.pdelayResponse
        case .followUp: PTPBody.followUp
        case .pdelayResponseFollowUp: PTPBody.pdelayResponseFollowUp
        case .announce: PTPBody.announce
        case .signaling: PTPBody.signaling
        default: nil
        }
    }

    /// The body's length in bytes (IEEE 802.1AS-2020 Tables 10-8…11-14: Sync 10, Follow_Up 10,
    /// Pdelay messages 20, Announce 30, Signaling 10), or 0 for an unknown type.
    var bodyLength: Int {
        switch self {
        case .sync, .followUp, .signaling: 10
        case .pdelayRequest, .pdelayResponse, .pdelayResponseFollowUp: 20
        case .announce: 30
        default: 0
        }
    }

    /// Sync and Pdelay_Resp are two-step in gPTP (IEEE 802.1AS-2020 §11.4.2.5).
    var defaultTwoStep: Bool { self == .sync || self == .pdelayResponse }

    /// The controlField a sender sets (IEEE 1588-2019 Table 42, kept by 802.1AS-2020 Table 10-7
    /// for compatibility): Sync 0, Follow_Up 2, every other message 5.
    var controlField: UInt64 {
        switch self {
        case .sync: 0
        case .followUp: 2
        default: 5
        }
    }

    /// The logMessageInterval a gPTP sender writes (IEEE 802.1AS-2020 §10.6.2.2.14, §11.4.2.9):
    /// Sync and Follow_Up −3 (125 ms), Pdelay_Req and Announce 0 (1 s); responses and
    /// Signaling 0x7F.
    var logMessagePeriod: Int64 {
        switch self {
        case .sync, .followUp: -3
        case .pdelayRequest, .announce: 0
        default: 127
        }
    }
}

/// The body fields of each message type, offsets relative to the start of the PTP message.
enum PTPBody {
    static let syncOriginSeconds = FieldDescriptor("ptp.v2.sdr.origintimestamp.seconds", "originTimestamp (seconds)", .uint64, base: .dec)
    static let syncOriginNanoseconds = FieldDescriptor("ptp.v2.sdr.origintimestamp.nanoseconds", "originTimestamp (nanoseconds)", .int32, base: .dec)
    static let preciseOriginSeconds = FieldDescriptor("ptp.v2.fu.preciseorigintimestamp.seconds", "preciseOriginTimestamp (seconds)", .uint64, base: .dec)
    static let preciseOriginNanoseconds = FieldDescriptor("ptp.v2.fu.preciseorigintimestamp.nanoseconds", "preciseOriginTimestamp (nanoseconds)", .uint32, base: .dec)
    static let pdelayOriginSeconds = FieldDescriptor("ptp.v2.pdrq.origintimestamp.seconds", "originTimestamp (seconds)", .uint64, base: .dec)
    static let pdelayOriginNanoseconds = FieldDescriptor("ptp.v2.pdrq.origintimestamp.nanoseconds", "originTimestamp (nanoseconds)", .int32, base: .dec)
    static let requestReceiptSeconds = FieldDescriptor("ptp.v2.pdrs.requestreceipttimestamp.seconds", "requestreceiptTimestamp (seconds)", .uint64, base: .dec)
    static let requestReceiptNanoseconds = FieldDescriptor("ptp.v2.pdrs.requestreceipttimestamp.nanoseconds", "requestreceiptTimestamp (nanoseconds)", .int32, base: .dec)
    static let responseRequestingIdentity = FieldDescriptor("ptp.v2.pdrs.requestingportidentity", "requestingSourcePortIdentity", .uint64, base: .hex)
    static let responseRequestingPort = FieldDescriptor("ptp.v2.pdrs.requestingsourceportid", "requestingSourcePortId", .uint16, base: .dec)
    static let responseOriginSeconds = FieldDescriptor("ptp.v2.pdfu.responseorigintimestamp.seconds", "responseOriginTimestamp (seconds)", .uint64, base: .dec)
    static let responseOriginNanoseconds = FieldDescriptor("ptp.v2.pdfu.responseorigintimestamp.nanoseconds", "responseOriginTimestamp (nanoseconds)", .int32, base: .dec)
    static let followUpRequestingIdentity = FieldDescriptor("ptp.v2.pdfu.requestingportidentity", "requestingSourcePortIdentity", .uint64, base: .hex)
    static let followUpRequestingPort = FieldDescriptor("ptp.v2.pdfu.requestingsourceportid", "requestingSourcePortId", .uint16, base: .dec)
    static let announceOriginSeconds = FieldDescriptor("ptp.v2.an.origintimestamp.seconds", "originTimestamp (seconds)", .uint64, base: .dec)
    static let announceOriginNanoseconds = FieldDescriptor("ptp.v2.an.origintimestamp.nanoseconds", "originTimestamp (nanoseconds)", .int32, base: .dec)
    /// Integer16.
    static let currentUTCOffset = FieldDescriptor("ptp.v2.an.origincurrentutcoffset", "originCurrentUTCOffset", .int32, base: .dec)
    static let priority1 = FieldDescriptor("ptp.v2.an.priority1", "priority1", .uint8, base: .dec)
    static let clockClass = FieldDescriptor("ptp.v2.an.grandmasterclockclass", "grandmasterClockClass", .uint8, base: .dec)
    static let clockAccuracy = FieldDescriptor("ptp.v2.an.grandmasterclockaccuracy", "grandmasterClockAccuracy", .uint8, base: .hex)
    static let clockVariance = FieldDescriptor("ptp.v2.an.grandmasterclockvariance", "grandmasterClockVariance", .uint16, base: .dec)
    static let priority2 = FieldDescriptor("ptp.v2.an.priority2", "priority2", .uint8, base: .dec)
    static let grandmasterIdentity = FieldDescriptor("ptp.v2.an.grandmasterclockidentity", "grandmasterClockIdentity", .uint64, base: .hex)
    static let stepsRemoved = FieldDescriptor("ptp.v2.an.localstepsremoved", "localStepsRemoved", .uint16, base: .dec)
    static let timeSource = FieldDescriptor("ptp.v2.timesource", "TimeSource", .uint8, base: .hex)
    static let targetIdentity = FieldDescriptor("ptp.v2.sig.targetportidentity", "targetPortIdentity", .uint64, base: .hex)
    static let targetPort = FieldDescriptor("ptp.v2.sig.targetportid", "targetPortId", .uint16, base: .dec)

    static let syncReserved = FieldDescriptor("ptp.v2.sync.reserved", "reserved", .bytes)

    /// IEEE 802.1AS-2020 §11.4.3: a two-step gPTP Sync carries 10 reserved bytes.
    static let gptpSync: [HeaderField] = [HeaderField(syncReserved, at: 34, width: 10)]
    static let sync: [HeaderField] = timestamp(syncOriginSeconds, syncOriginNanoseconds, at: 34)
    static let followUp: [HeaderField] = timestamp(preciseOriginSeconds, preciseOriginNanoseconds, at: 34)
    /// §11.4.5: originTimestamp and 10 reserved bytes.
    static let pdelayRequest: [HeaderField] = timestamp(pdelayOriginSeconds, pdelayOriginNanoseconds, at: 34)
    static let pdelayResponse: [HeaderField] = timestamp(requestReceiptSeconds, requestReceiptNanoseconds, at: 34)
        + [HeaderField(responseRequestingIdentity, at: 44, width: 8), HeaderField(responseRequestingPort, at: 52, width: 2)]
    static let pdelayResponseFollowUp: [HeaderField] = timestamp(responseOriginSeconds, responseOriginNanoseconds, at: 34)
        + [HeaderField(followUpRequestingIdentity, at: 44, width: 8), HeaderField(followUpRequestingPort, at: 52, width: 2)]
    static let announce: [HeaderField] = timestamp(announceOriginSeconds, announceOriginNanoseconds, at: 34) + [
        HeaderField(currentUTCOffset, at: 44, width: 2),
        HeaderField(priority1, at: 47, width: 1),
        HeaderField(clockClass, at: 48, width: 1),
        HeaderField(clockAccuracy, at: 49, width: 1),
        HeaderField(clockVariance, at: 50, width: 2),
        HeaderField(priority2, at: 52, width: 1),
        HeaderField(grandmasterIdentity, at: 53, width: 8),
        HeaderField(stepsRemoved, at: 61, width: 2),
        HeaderField(timeSource, at: 63, width: 1),
    ]
    static let signaling: [HeaderField] = [HeaderField(targetIdentity, at: 34, width: 8), HeaderField(targetPort, at: 42, width: 2)]

    /// A PTP Timestamp: UInteger48 seconds and UInteger32 nanoseconds.
    private static func timestamp(_ seconds: FieldDescriptor, _ nanoseconds: FieldDescriptor, at offset: Int) -> [HeaderField] {
        [HeaderField(seconds, at: offset, width: 6), HeaderField(nanoseconds, at: offset + 6, width: 4)]
    }

    static let all: [[HeaderField]] = [gptpSync, sync, followUp, pdelayRequest, pdelayResponse, pdelayResponseFollowUp, announce, signaling]

    static let descriptors: [FieldDescriptor] = all.flatMap { $0.map(\.descriptor) }
}
