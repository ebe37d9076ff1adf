/// The TLVs gPTP messages carry (IEEE 802.1AS-2020 §10.6.4, §11.4.4), with Wireshark's names.
///
/// ```
///  0        2        4
/// +--------+--------+---------------------
/// | type   | length | value (length bytes)
/// +--------+--------+---------------------
/// ```
/// - Follow_Up information TLV (§11.4.4.3): type 3 (ORGANIZATION_EXTENSION), length 28, OUI
///   00-80-C2, subtype 1; template layer `ptp.as.fu`.
/// - Message interval request TLV (§10.6.4.3): type 3, length 12, OUI 00-80-C2, subtype 2;
///   template layer `ptp.as.sig`.
/// - Path trace TLV (§10.6.3.3): type 8, one 8-byte ClockIdentity per system passed; given in
///   the `ptp.v2` layer of an Announce as `an.pathsequence` items.
enum PTPTLV {
    static let organizationExtension: UInt64 = 3
    static let pathTrace: UInt64 = 8
    /// IEEE 802.1 OUI.
    static let ieee8021: UInt64 = 0x0080c2

    static let fuType = FieldDescriptor("ptp.as.fu.tlvType", "tlvType", .uint16, base: .dec)
    static let fuLength = FieldDescriptor("ptp.as.fu.lengthField", "lengthField", .uint16, base: .dec)
    static let fuOrganizationID = FieldDescriptor("ptp.as.fu.organizationId", "organizationId", .uint24, base: .dec)
    /// Wireshark registers this one as a signed 24-bit integer.
    static let fuOrganizationSubType = FieldDescriptor("ptp.as.fu.organizationSubType", "OrganizationSubType", .int32, base: .dec)
    static let cumulativeScaledRateOffset = FieldDescriptor("ptp.as.fu.cumulativeScaledRateOffset", "cumulativeScaledRateOffset", .uint32, base: .dec)
    static let gmTimeBaseIndicator = FieldDescriptor("ptp.as.fu.gmTimeBaseIndicator", "gmTimeBaseIndicator", .uint16, base: .dec)
    static let lastGmPhaseChange = FieldDescriptor("ptp.as.fu.lastGmPhaseChange", "lastGMPhaseChange", .bytes)
    static let scaledLastGmFreqChange = FieldDescriptor("ptp.as.fu.scaledLastGmFreqChange", "scaledLastGmFreqChange", .int32, base: .dec)

    static let followUpInformation: [HeaderField] = [
        HeaderField(fuType, at: 0, width: 2), HeaderField(fuLength, at: 2, width: 2),
        HeaderField(fuOrganizationID, at: 4, width: 3), HeaderField(fuOrganizationSubType, at: 7, width: 3),
        HeaderField(cumulativeScaledRateOffset, at: 10, width: 4), HeaderField(gmTimeBaseIndicator, at: 14, width: 2),
        HeaderField(lastGmPhaseChange, at: 16, width: 12), HeaderField(scaledLastGmFreqChange, at: 28, width: 4),
    ]

    static let sigType = FieldDescriptor("ptp.as.sig.tlvType", "tlvType", .uint16, base: .dec)
    static let sigLength = FieldDescriptor("ptp.as.sig.lengthField", "lengthField", .uint16, base: .dec)
    static let sigOrganizationID = FieldDescriptor("ptp.as.sig.tlv.organizationId", "organizationId", .uint24, base: .hex)
    static let sigOrganizationSubType = FieldDescriptor("ptp.as.sig.tlv.organizationSubType", "OrganizationSubType", .int32, base: .dec)
    /// Integer8 log2 intervals: 127 stop sending, 126 set to initial, −128 no change (§10.6.4.3.6–8).
    static let linkDelayInterval = FieldDescriptor("ptp.as.sig.tlv.linkdelayinterval", "linkDelayInterval", .int32, base: .dec)
    static let timeSyncInterval = FieldDescriptor("ptp.as.sig.tlv.timesyncinterval", "timeSyncInterval", .int32, base: .dec)
    static let announceInterval = FieldDescriptor("ptp.as.sig.tlv.announceinterval", "announceInterval", .int32, base: .dec)
    static let sigFlags = FieldDescriptor("ptp.as.sig.tlv.flags", "flags", .uint8, base: .hex)
    static let computeRateRatio = FieldDescriptor("ptp.as.sig.tlv.flags.rateratio", "computeNeighborRateRatio", .bool, bitmask: 0x02)
    static let computeMeanLinkDelay = FieldDescriptor("ptp.as.sig.tlv.flags.meanlinkdelay", "computeMeanLinkDelay", .bool, bitmask: 0x04)
    static let oneStepReceiveCapable = FieldDescriptor("ptp.as.sig.tlv.flags.stepreceivecapable", "oneStepReceiveCapable", .bool, bitmask: 0x08)

    static let messageIntervalRequest: [HeaderField] = [
        HeaderField(sigType, at: 0, width: 2), HeaderField(sigLength, at: 2, width: 2),
        HeaderField(sigOrganizationID, at: 4, width: 3), HeaderField(sigOrganizationSubType, at: 7, width: 3),
        HeaderField(linkDelayInterval, at: 10, width: 1), HeaderField(timeSyncInterval, at: 11, width: 1),
        HeaderField(announceInterval, at: 12, width: 1), HeaderField(sigFlags, at: 13, width: 1),
        HeaderField(computeRateRatio, at: 13, width: 1), HeaderField(computeMeanLinkDelay, at: 13, width: 1),
        HeaderField(oneStepReceiveCapable, at: 13, width: 1),
    ]

    static let announceType = FieldDescriptor("ptp.v2.an.tlvType", "tlvType", .uint16, base: .dec)
    static let announceLength = FieldDescriptor("ptp.v2.an.lengthField", "lengthField", .uint16, base: .dec)
    static let pathSequence = FieldDescriptor("ptp.v2.an.pathsequence", "PathSequence", .uint64, base: .hex)

    static let announceTLVHeader: [HeaderField] = [HeaderField(announceType, at: 0, width: 2), HeaderField(announceLength, at: 2, width: 2)]

    static let descriptors: [FieldDescriptor] = followUpInformation.map(\.descriptor) + messageIntervalRequest.map(\.descriptor)
        + [announceType, announceLength, pathSequence]

    /// Decodes the TLVs from `offset` to the end of the message, by the message's type.
    /// Walks by each TLV's own length, which always advances at least the 4-byte TLV header.
    static func dissect(_ recorder: inout DissectionRecorder, type: PTPMessageType, at start: Int, end: Int) {
        var offset = start
        let bytes = recorder.bytes
        while offset < end {
            guard offset + 4 <= end else {
                recorder.malformed("PTP TLV header truncated: \(end - offset) bytes left", offset: offset)
                return
            }
            let tlvType = UInt64(bytes[offset]) << 8 | UInt64(bytes[offset + 1])
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let tlvEnd = offset + 4 + length
            guard tlvEnd <= end else {
                recorder.malformed("PTP TLV of \(length) bytes overruns the message (\(end - offset - 4) left)", offset: offset)
                return
            }
            switch type {
            case .announce:
                recorder.addHeader(announceTLVHeader, base: offset, end: tlvEnd, protocolName: "PTP TLV")
                if tlvType == pathTrace {
                    var entry = offset + 4
                    while entry + 8 <= tlvEnd {
                        if let value = HeaderField(pathSequence, at: 0, width: 8).read(bytes, base: entry) {
                            recorder.add(pathSequence, value, offset: entry, length: 8)
                        }
                        entry += 8
                    }
                }
            case .followUp where isOrganization(bytes, at: offset, tlvType: tlvType, subtype: 1) && length >= 28:
                recorder.addHeader(followUpInformation, base: offset, end: tlvEnd, protocolName: "Follow_Up information TLV")
            case .signaling where isOrganization(bytes, at: offset, tlvType: tlvType, subtype: 2) && length >= 12:
                recorder.addHeader(messageIntervalRequest, base: offset, end: tlvEnd, protocolName: "message interval request TLV")
            default:
                break
            }
            offset = tlvEnd
        }
    }

    /// An IEEE 802.1 organization extension TLV of the given subtype (its 6-byte OUI and
    /// subtype lie within the TLV when its length is at least 6).
    private static func isOrganization(_ bytes: [UInt8], at offset: Int, tlvType: UInt64, subtype: UInt64) -> Bool {
        guard tlvType == organizationExtension, offset + 10 <= bytes.count else { return false }
        let oui = UInt64(bytes[offset + 4]) << 16 | UInt64(bytes[offset + 5]) << 8 | UInt64(bytes[offset + 6])
        let sub = UInt64(bytes[offset + 7]) << 16 | UInt64(bytes[offset + 8]) << 8 | UInt64(bytes[offset + 9])
        return oui == ieee8021 && sub == subtype
    }

    /// Builds a `ptp.as.fu` layer: the Follow_Up information TLV, type, length, OUI and subtype
    /// defaulted (§11.4.4.3), every other field zero unless given.
    static func buildFollowUpInformation(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        try buildOrganization(spec, at: index, fields: followUpInformation, length: 32, subtype: 1, defaults: [], payload: payload)
    }

    /// Builds a `ptp.as.sig` layer: the message interval request TLV (§10.6.4.3); the three
    /// intervals default to −128, "no change".
    static func buildMessageIntervalRequest(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        try buildOrganization(spec, at: index, fields: messageIntervalRequest, length: 16, subtype: 2,
                              defaults: messageIntervalRequest[4...6].map { ($0, FieldValue.int(-128)) }, payload: payload)
    }

    private static func buildOrganization(_ spec: LayerSpec, at index: Int, fields table: [HeaderField], length: Int, subtype: UInt64,
                                          defaults: [(HeaderField, FieldValue)], payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: length, allowed: table.map(\.abbrev))
        try fields.setDefault(table[0], .uint(organizationExtension))
        try fields.setDefault(table[1], .uint(UInt64(length - 4)))
        try fields.setDefault(table[2], .uint(ieee8021))
        try fields.setDefault(table[3], .int(Int64(subtype)))
        for (field, value) in defaults { try fields.setDefault(field, value) }
        try fields.applyGiven(table)
        return fields.header + payload
    }

    /// The path trace TLV of an Announce built from its `ptp.v2` layer, or no bytes when the
    /// layer gives none of its fields.
    static func pathTraceBytes(_ fields: LayerFields) throws(BuildError) -> [UInt8] {
        let sequence = try fields.givenAll(pathSequence)
        guard !sequence.isEmpty || fields.isGiven(announceType.abbrev) || fields.isGiven(announceLength.abbrev) else { return [] }
        var header = fields
        header.header = [0, 0, 0, 0]
        try header.setDefault(announceTLVHeader[0], .uint(pathTrace))
        try header.setDefault(announceTLVHeader[1], .uint(UInt64(8 * sequence.count)))
        try header.applyGiven(announceTLVHeader)
        var bytes = header.header
        for value in sequence {
            var entry = [UInt8](repeating: 0, count: 8)
            if let problem = HeaderField(pathSequence, at: 0, width: 8).write(value, into: &entry) {
                throw fields.failure(pathSequence.abbrev, problem)
            }
            bytes += entry
        }
        return bytes
    }
}
