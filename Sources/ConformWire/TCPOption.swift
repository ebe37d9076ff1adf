/// TCP options (RFC 9293 §3.2): End of Option List and No-Operation are one octet; the
/// others are kind, length (counting both), value. Decoded values: MSS, window scale
/// (RFC 7323 §2), SACK blocks (RFC 2018), timestamps (RFC 7323 §3).
///
/// A template lists each option as a `tcp.option` layer after the `tcp` layer, in wire order.
enum TCPOption {
    static let kind = FieldDescriptor("tcp.option_kind", "Kind", .uint8, base: .dec)
    static let length = FieldDescriptor("tcp.option_len", "Length", .uint8, base: .dec)
    static let mss = FieldDescriptor("tcp.options.mss_val", "MSS Value", .uint16, base: .dec)
    static let windowShift = FieldDescriptor("tcp.options.wscale.shift", "Shift count", .uint8, base: .dec)
    static let windowMultiplier = FieldDescriptor("tcp.options.wscale.multiplier", "Multiplier", .uint16, base: .dec)
    static let sackLeftEdge = FieldDescriptor("tcp.options.sack_le", "TCP SACK Left Edge", .uint32, base: .dec)
    static let sackRightEdge = FieldDescriptor("tcp.options.sack_re", "TCP SACK Right Edge", .uint32, base: .dec)
    static let timestampValue = FieldDescriptor("tcp.options.timestamp.tsval", "Timestamp value", .uint32, base: .dec)
    static let timestampEcho = FieldDescriptor("tcp.options.timestamp.tsecr", "Timestamp echo reply", .uint32, base: .dec)

    static let fields: [FieldDescriptor] = [kind, length, mss, windowShift, windowMultiplier, sackLeftEdge, sackRightEdge,
                                            timestampValue, timestampEcho]

    static let endOfOptionList: UInt8 = 0
    static let noOperation: UInt8 = 1
    static let maximumSegmentSize: UInt8 = 2
    static let windowScale: UInt8 = 3
    static let sackPermitted: UInt8 = 4
    static let sack: UInt8 = 5
    static let timestamps: UInt8 = 8

    /// The value fields of each decoded kind, after kind and length.
    static func layout(of optionKind: UInt8) -> [HeaderField] {
        switch optionKind {
        case maximumSegmentSize: [HeaderField(mss, at: 2, width: 2)]
        case windowScale: [HeaderField(windowShift, at: 2, width: 1)]
        case timestamps: [HeaderField(timestampValue, at: 2, width: 4), HeaderField(timestampEcho, at: 6, width: 4)]
        default: []
        }
    }

    static let settable: [String] = [kind, length, mss, windowShift, sackLeftEdge, sackRightEdge, timestampValue, timestampEcho].map(\.abbrev)

    /// Decodes options between `offset` and `end`; each step advances at least one octet.
    /// One SACK block (RFC 2018 §3), from its start.
    static let sackBlock: [HeaderField] = [HeaderField(sackLeftEdge, at: 0, width: 4), HeaderField(sackRightEdge, at: 4, width: 4)]

    static func dissectOptions(_ recorder: inout DissectionRecorder, from offset: Int, end: Int) {
        let bytes = recorder.bytes
        var cursor = offset
        while cursor < end {
            let optionKind = bytes[cursor]
            recorder.add(kind, .uint(UInt64(optionKind)), offset: cursor, length: 1)
            if optionKind == endOfOptionList { return }
            if optionKind == noOperation {
                cursor += 1
                continue
            }
            guard cursor + 1 < end else {
                recorder.expert("tcp.option.len.invalid", .malformed, .error, "Option length is missing", offset: cursor)
                return
            }
            let optionLength = Int(bytes[cursor + 1])
            recorder.add(length, .uint(UInt64(optionLength)), offset: cursor + 1, length: 1)
            let fixed = layout(of: optionKind)
            let expected = fixed.last.map(\.end)
            guard optionLength >= 2, cursor + optionLength <= end, expected == nil || expected == optionLength else {
                recorder.expert("tcp.option.len.invalid", .malformed, .error,
                                "Invalid length \(optionLength) for option kind \(optionKind)", offset: cursor + 1)
                return
            }
            recorder.addHeader(fixed, base: cursor, end: cursor + optionLength, protocolName: "TCP option")
            if optionKind == windowScale {
                recorder.add(windowMultiplier, .uint(1 << UInt64(min(bytes[cursor + 2], 14))), offset: cursor + 2, length: 1)
            } else if optionKind == sack {
                var edge = cursor + 2
                while edge + 8 <= cursor + optionLength {
                    recorder.addHeader(sackBlock, base: edge, end: end, protocolName: "SACK block")
                    edge += 8
                }
            }
            cursor += optionLength
        }
    }

    /// Encodes one `tcp.option` layer: kind 0 and 1 are one octet; SACK takes its edges as
    /// repeated `sack_le`/`sack_re` pairs; the length is computed unless given.
    static func build(_ spec: LayerSpec, at index: Int) throws(BuildError) -> [UInt8] {
        let probe = try LayerFields(spec, at: index, length: 0, allowed: settable)
        guard case .uint(let rawKind)? = try probe.given(kind) else {
            throw probe.failure(kind.abbrev, "is required: it selects the option value")
        }
        let optionKind = UInt8(rawKind)
        if optionKind == endOfOptionList || optionKind == noOperation {
            _ = try LayerFields(spec, at: index, length: 1, allowed: [kind.abbrev])
            return [optionKind]
        }
        let fixed = layout(of: optionKind)
        let sackNames = optionKind == sack ? [sackLeftEdge.abbrev, sackRightEdge.abbrev] : []
        var fields = try LayerFields(spec, at: index, length: fixed.last?.end ?? 2,
                                     allowed: [kind.abbrev, length.abbrev] + fixed.map(\.abbrev) + sackNames)
        try fields.applyGiven([HeaderField(kind, at: 0, width: 1)] + fixed)
        var value: [UInt8] = []
        if optionKind == sack {
            let left = try fields.givenAll(sackLeftEdge), right = try fields.givenAll(sackRightEdge)
            guard left.count == right.count else {
                throw fields.failure(sackRightEdge.abbrev, "every SACK left edge needs a right edge")
            }
            for (l, r) in zip(left, right) {
                for edge in [l, r] {
                    let v = UInt32(truncatingIfNeeded: edge.unsignedValue ?? 0)
                    value += [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
                }
            }
        }
        let total = fields.header.count + value.count
        guard total <= 0xff || fields.isGiven(length.abbrev) else {
            throw fields.failure(length.abbrev, "option of \(total) bytes is too long for its length field")
        }
        try fields.setDefault(HeaderField(length, at: 1, width: 1), .uint(UInt64(total)))
        try fields.applyGiven([HeaderField(length, at: 1, width: 1)])
        return fields.header + value
    }
}
