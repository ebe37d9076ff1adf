/// The 34-byte common header of every PTPv2 message (IEEE 1588-2019 §13.3, IEEE 802.1AS-2020
/// §10.6.2 and §11.4.2), with Wireshark's `ptp.v2.*` field names.
///
/// ```
///  0        1        2                 4        5        6                 8
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// |sdo|type|min|ver | messageLength   | domain | minSdo | flags           |
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | correctionField (scaled ns, 2^-16 ns units)                           |  8
/// +-----------------------------------+-----------------------------------+
/// | messageTypeSpecific               | clockIdentity ...                 | 16
/// +-----------------------------------+-----------------+-----------------+
/// | ... clockIdentity                 | sourcePortID    | sequenceId      | 24
/// +--------+--------+-----------------+-----------------+-----------------+
/// | ctrl   | logMsgPeriod |                                                 32
/// +--------+--------+
/// ```
enum PTPHeader {
    static let majorSdoId = FieldDescriptor("ptp.v2.majorsdoid", "majorSdoId", .uint8, base: .hex, bitmask: 0xf0)
    static let messageType = FieldDescriptor("ptp.v2.messagetype", "messageType", .uint8, base: .hex, bitmask: 0x0f)
    static let minorVersion = FieldDescriptor("ptp.v2.minorversionptp", "minorVersionPTP", .uint8, base: .dec, bitmask: 0xf0)
    static let version = FieldDescriptor("ptp.v2.versionptp", "versionPTP", .uint8, base: .dec, bitmask: 0x0f)
    static let messageLength = FieldDescriptor("ptp.v2.messagelength", "messageLength", .uint16, base: .dec)
    static let domainNumber = FieldDescriptor("ptp.v2.domainnumber", "domainNumber", .uint8, base: .dec)
    static let minorSdoId = FieldDescriptor("ptp.v2.minorsdoid", "minorSdoId", .uint8, base: .dec)
    static let flags = FieldDescriptor("ptp.v2.flags", "flags", .uint16, base: .hex)
    static let flagSecurity = FieldDescriptor("ptp.v2.flags.security", "PTP_SECURITY", .bool, bitmask: 0x8000)
    static let flagSpecific2 = FieldDescriptor("ptp.v2.flags.specific2", "PTP profile Specific 2", .bool, bitmask: 0x4000)
    static let flagSpecific1 = FieldDescriptor("ptp.v2.flags.specific1", "PTP profile Specific 1", .bool, bitmask: 0x2000)
    static let flagUnicast = FieldDescriptor("ptp.v2.flags.unicast", "PTP_UNICAST", .bool, bitmask: 0x0400)
    static let flagTwoStep = FieldDescriptor("ptp.v2.flags.twostep", "PTP_TWO_STEP", .bool, bitmask: 0x0200)
    static let flagAlternateMaster = FieldDescriptor("ptp.v2.flags.alternatemaster", "PTP_ALTERNATE_MASTER", .bool, bitmask: 0x0100)
    static let flagSynchronizationUncertain = FieldDescriptor("ptp.v2.flags.synchronizationUncertain", "SYNCHRONIZATION_UNCERTAIN", .bool, bitmask: 0x0040)
    static let flagFrequencyTraceable = FieldDescriptor("ptp.v2.flags.frequencytraceable", "FREQUENCY_TRACEABLE", .bool, bitmask: 0x0020)
    static let flagTimeTraceable = FieldDescriptor("ptp.v2.flags.timetraceable", "TIME_TRACEABLE", .bool, bitmask: 0x0010)
    static let flagTimescale = FieldDescriptor("ptp.v2.flags.timescale", "PTP_TIMESCALE", .bool, bitmask: 0x0008)
    static let flagUTCReasonable = FieldDescriptor("ptp.v2.flags.utcreasonable", "PTP_UTC_REASONABLE", .bool, bitmask: 0x0004)
    static let flagLI59 = FieldDescriptor("ptp.v2.flags.li59", "PTP_LI_59", .bool, bitmask: 0x0002)
    static let flagLI61 = FieldDescriptor("ptp.v2.flags.li61", "PTP_LI_61", .bool, bitmask: 0x0001)
    /// The correctionField in whole nanoseconds: Wireshark shows the 64-bit scaled value shifted
    /// right by 16 (the sub-nanosecond part is its `correction.subns`, not registered here).
    static let correction = FieldDescriptor("ptp.v2.correction.ns", "correction", .uint64, base: .dec)
    static let messageTypeSpecific = FieldDescriptor("ptp.v2.messagetypespecific", "messageTypeSpecific", .uint32, base: .dec)
    static let clockIdentity = FieldDescriptor("ptp.v2.clockidentity", "ClockIdentity", .uint64, base: .hex)
    static let sourcePortID = FieldDescriptor("ptp.v2.sourceportid", "SourcePortID", .uint16, base: .dec)
    static let sequenceID = FieldDescriptor("ptp.v2.sequenceid", "sequenceId", .uint16, base: .dec)
    static let controlField = FieldDescriptor("ptp.v2.controlfield", "controlField", .uint8, base: .dec)
    /// Integer8 (IEEE 1588 §13.3.2.14): the log2 of the message interval in seconds.
    static let logMessagePeriod = FieldDescriptor("ptp.v2.logmessageperiod", "logMessagePeriod", .int32, base: .dec)

    static let messageTypeField = HeaderField(messageType, at: 0, width: 1)
    static let lengthField = HeaderField(messageLength, at: 2, width: 2)
    static let flagsField = HeaderField(flags, at: 6, width: 2)
    static let controlFieldField = HeaderField(controlField, at: 32, width: 1)
    static let logMessagePeriodField = HeaderField(logMessagePeriod, at: 33, width: 1)
    static let majorSdoIdField = HeaderField(majorSdoId, at: 0, width: 1)
    static let versionField = HeaderField(version, at: 1, width: 1)
    static let minorVersionField = HeaderField(minorVersion, at: 1, width: 1)

    /// The whole flags word comes before its bits, so a template may give both.
    static let fields: [HeaderField] = [
        majorSdoIdField, messageTypeField, minorVersionField, versionField, lengthField,
        HeaderField(domainNumber, at: 4, width: 1), HeaderField(minorSdoId, at: 5, width: 1),
        flagsField,
        HeaderField(flagAlternateMaster, at: 6, width: 2), HeaderField(flagTwoStep, at: 6, width: 2),
        HeaderField(flagUnicast, at: 6, width: 2), HeaderField(flagSpecific1, at: 6, width: 2),
        HeaderField(flagSpecific2, at: 6, width: 2), HeaderField(flagSecurity, at: 6, width: 2),
        HeaderField(flagLI61, at: 6, width: 2), HeaderField(flagLI59, at: 6, width: 2),
        HeaderField(flagUTCReasonable, at: 6, width: 2), HeaderField(flagTimescale, at: 6, width: 2),
        HeaderField(flagTimeTraceable, at: 6, width: 2), HeaderField(flagFrequencyTraceable, at: 6, width: 2),
        HeaderField(flagSynchronizationUncertain, at: 6, width: 2),
        HeaderField(correction, at: 8, width: 8, mask: 0xffff_ffff_ffff_0000),
        HeaderField(messageTypeSpecific, at: 16, width: 4),
        HeaderField(clockIdentity, at: 20, width: 8),
        HeaderField(sourcePortID, at: 28, width: 2),
        HeaderField(sequenceID, at: 30, width: 2),
        controlFieldField, logMessagePeriodField,
    ]

    static let descriptors: [FieldDescriptor] = fields.map(\.descriptor)

    static let length = 34
}
