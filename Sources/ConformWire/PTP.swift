/// PTPv2 messages as the gPTP profile (IEEE 802.1AS-2020) sends them over Ethernet, EtherType
/// 0x88F7: the common header, the body of Sync, Follow_Up, Pdelay_Req, Pdelay_Resp,
/// Pdelay_Resp_Follow_Up, Announce and Signaling, and their TLVs (``PTPTLV``).
///
/// Template layers: `ptp.v2` (header, body, and an Announce's path trace as `an.pathsequence`
/// items), then `ptp.as.fu` (a Follow_Up's information TLV) or `ptp.as.sig` (a Signaling's
/// message interval request TLV). `ptp.v2.messagetype` must be given; messageLength is
/// computed, and the header defaults are the ones 802.1AS gives the type: majorSdoId 1,
/// versionPTP 2, minorVersionPTP 1, controlField and logMessageInterval per
/// ``PTPMessageType``, twoStepFlag set on Sync and Pdelay_Resp (§11.4.2.5).
enum PTP {
    static let layerName = "ptp.v2"

    static let fields: [FieldDescriptor] = PTPHeader.descriptors + PTPBody.descriptors + PTPTLV.descriptors

    /// Everything the `ptp.v2` layer may set; each message type accepts its own body fields.
    static let settable: [String] = (PTPHeader.fields + PTPBody.all.flatMap { $0 } + PTPTLV.announceTLVHeader).map(\.abbrev)
        + [PTPTLV.pathSequence.abbrev]

    /// Decodes a PTP message. - Returns: where the message ends (its messageLength, bounded by
    /// the frame); what follows is Ethernet padding.
    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int) -> Int {
        recorder.layer("ptp")
        guard recorder.addHeader(PTPHeader.fields, base: offset, end: end, protocolName: "PTP"),
              case .uint(let rawType)? = PTPHeader.messageTypeField.read(recorder.bytes, base: offset),
              case .uint(let claimed)? = PTPHeader.lengthField.read(recorder.bytes, base: offset) else { return end }
        var messageEnd = offset + Int(claimed)
        if Int(claimed) > end - offset {
            recorder.expert("ptp.v2.msg_len_too_large", .malformed, .error,
                            "Message length \(claimed) goes past the end of the packet (\(end - offset) bytes)", offset: offset + 2)
            messageEnd = end
        } else if Int(claimed) < PTPHeader.length {
            recorder.expert("ptp.v2.msg_len_too_small", .malformed, .error,
                            "Message length \(claimed) is too short for the \(PTPHeader.length)-byte header", offset: offset + 2)
            return end
        }
        let type = PTPMessageType(rawValue: UInt8(rawType))
        let bytes = recorder.bytes
        guard let body = type.body(gPTP: bytes[offset] >> 4 == 1, twoStep: bytes[offset + 6] & 0x02 != 0) else { return messageEnd }
        guard recorder.addHeader(body, base: offset, end: messageEnd, protocolName: "PTP message body") else { return messageEnd }
        PTPTLV.dissect(&recorder, type: type, at: offset + PTPHeader.length + type.bodyLength, end: messageEnd)
        return messageEnd
    }

    /// Builds the `ptp.v2` layer around `payload` (the TLV layers after it).
    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        guard let typeValue = spec.value(PTPHeader.messageType.abbrev),
              case .uint(let rawType)? = FieldRegistry.coerce(typeValue, to: PTPHeader.messageType), rawType <= 0xf else {
            throw BuildError(layerIndex: index, layer: spec.layer, field: PTPHeader.messageType.abbrev,
                             message: "give the message type (0 Sync, 2 Pdelay_Req, 3 Pdelay_Resp, 8 Follow_Up, 10 Pdelay_Resp_Follow_Up, 11 Announce, 12 Signaling)")
        }
        let type = PTPMessageType(rawValue: UInt8(rawType))
        let body = type.body(gPTP: try given(spec, PTPHeader.majorSdoId, at: index) ?? 1 == 1,
                             twoStep: try twoStep(spec, type: type, at: index)) ?? []
        var allowed = (PTPHeader.fields + body).map(\.abbrev)
        if type == .announce { allowed += PTPTLV.announceTLVHeader.map(\.abbrev) + [PTPTLV.pathSequence.abbrev] }
        var fields = try LayerFields(spec, at: index, length: PTPHeader.length + type.bodyLength, allowed: allowed)
        let pathTrace = type == .announce ? try PTPTLV.pathTraceBytes(fields) : []
        let total = fields.header.count + pathTrace.count + payload.count
        guard total <= 0xffff || fields.isGiven(PTPHeader.messageLength.abbrev) else {
            throw fields.failure(PTPHeader.messageLength.abbrev, "message of \(total) bytes exceeds 65535")
        }
        try fields.setDefault(PTPHeader.majorSdoIdField, .uint(1))
        try fields.setDefault(PTPHeader.versionField, .uint(2))
        try fields.setDefault(PTPHeader.minorVersionField, .uint(1))
        try fields.setDefault(PTPHeader.lengthField, .uint(UInt64(total)))
        try fields.setDefault(PTPHeader.controlFieldField, .uint(type.controlField))
        try fields.setDefault(PTPHeader.logMessagePeriodField, .int(type.logMessagePeriod))
        if !fields.isGiven(PTPHeader.flags.abbrev), type.defaultTwoStep {
            try fields.setDefault(HeaderField(PTPHeader.flagTwoStep, at: 6, width: 2), .bool(true))
        }
        try fields.applyGiven(PTPHeader.fields + body)
        return fields.header + pathTrace + payload
    }

    /// A given integer field of the layer, or nil when not given.
    private static func given(_ spec: LayerSpec, _ descriptor: FieldDescriptor, at index: Int) throws(BuildError) -> UInt64? {
        guard let value = spec.value(descriptor.abbrev) else { return nil }
        guard let number = FieldRegistry.coerce(value, to: descriptor)?.unsignedValue else {
            throw BuildError(layerIndex: index, layer: spec.layer, field: descriptor.abbrev, message: "\(value) is not a valid \(descriptor.type.rawValue) value")
        }
        return number
    }

    /// Whether the message will carry the twoStepFlag: as given (the flag, or the flags word),
    /// else the default for its type.
    private static func twoStep(_ spec: LayerSpec, type: PTPMessageType, at index: Int) throws(BuildError) -> Bool {
        if let flag = try given(spec, PTPHeader.flagTwoStep, at: index) { return flag == 1 }
        if let flags = try given(spec, PTPHeader.flags, at: index) { return flags & 0x0200 != 0 }
        return type.defaultTwoStep
    }
}
