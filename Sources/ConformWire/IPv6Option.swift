/// IPv6 option TLVs in Hop-by-Hop and Destination Options headers (RFC 8200 §4.2).
///
/// The two high-order bits of the type say what a node that does not know the option
/// must do (skip, discard, discard and send Parameter Problem...), the third whether the
/// data may change en route. Pad1 (type 0) is a single octet with no length.
enum IPv6Option {
    static let type = FieldDescriptor("ipv6.opt.type", "Type", .uint8, base: .hex)
    static let action = FieldDescriptor("ipv6.opt.type.action", "Action", .uint8, base: .dec, bitmask: 0xc0)
    static let change = FieldDescriptor("ipv6.opt.type.change", "May Change", .bool, bitmask: 0x20)
    static let rest = FieldDescriptor("ipv6.opt.type.rest", "Low-Order Bits", .uint8, base: .hex, bitmask: 0x1f)
    static let length = FieldDescriptor("ipv6.opt.length", "Length", .uint8, base: .dec)
    static let padN = FieldDescriptor("ipv6.opt.padn", "PadN", .bytes)
    static let routerAlert = FieldDescriptor("ipv6.opt.router_alert", "Router Alert", .uint16, base: .dec)
    static let unknown = FieldDescriptor("ipv6.opt.unknown", "Unknown Option Payload", .bytes)

    static let fields: [FieldDescriptor] = [type, action, change, rest, length, padN, routerAlert, unknown]

    static let pad1: UInt8 = 0
    static let padNType: UInt8 = 1
    // RFC 2711
    static let routerAlertType: UInt8 = 5

    static let typeFields: [HeaderField] = [
        HeaderField(type, at: 0, width: 1), HeaderField(action, at: 0, width: 1),
        HeaderField(change, at: 0, width: 1), HeaderField(rest, at: 0, width: 1),
    ]
    static let lengthField = HeaderField(length, at: 1, width: 1)
    static let routerAlertField = HeaderField(routerAlert, at: 2, width: 2)
    static let routerAlertLayout: [HeaderField] = [routerAlertField]

    static let settable: [String] = fields.map(\.abbrev)

    /// Pad1 or PadN filling `count` octets (RFC 8200 §4.2).
    static func padding(count: Int) -> [UInt8] {
        switch count {
        case 0: []
        case 1: [pad1]
        default: [padNType, UInt8(count - 2)] + [UInt8](repeating: 0, count: count - 2)
        }
    }

    /// Decodes the options between `offset` and `end`. Each step advances at least one octet.
    static func dissectOptions(_ recorder: inout DissectionRecorder, from offset: Int, end: Int) {
        var cursor = offset
        while cursor < end {
            let optionType = recorder.bytes[cursor]
            if optionType == pad1 {
                recorder.add(type, .uint(0), offset: cursor, length: 1)
                cursor += 1
                continue
            }
            recorder.addHeader(typeFields, base: cursor, end: end, protocolName: "IPv6 option")
            guard cursor + 2 <= end else {
                recorder.expert("ipv6.opt.invalid_len", .malformed, .error, "IPv6 option length is missing", offset: cursor)
                return
            }
            let dataLength = Int(recorder.bytes[cursor + 1])
            recorder.add(length, .uint(UInt64(dataLength)), offset: cursor + 1, length: 1)
            let dataStart = cursor + 2, dataEnd = cursor + 2 + dataLength
            guard dataEnd <= end else {
                recorder.expert("ipv6.opt.invalid_len", .malformed, .error,
                                "IPv6 option length \(dataLength) exceeds the \(end - dataStart) bytes left in the header", offset: cursor + 1)
                return
            }
            let data = Array(recorder.bytes[dataStart..<dataEnd])
            switch optionType {
            case padNType:
                recorder.add(padN, .bytes(data), offset: dataStart, length: dataLength)
            case routerAlertType where dataLength == 2:
                recorder.addHeader(routerAlertLayout, base: cursor, end: dataEnd, protocolName: "Router Alert option")
            case routerAlertType:
                recorder.expert("ipv6.opt.invalid_len", .malformed, .error, "Router Alert option length must be 2", offset: cursor + 1)
            default:
                recorder.add(unknown, .bytes(data), offset: dataStart, length: dataLength)
                recorder.expert("ipv6.opt.unknown_data.expert", .protocol, .note, "Unknown Data (not interpreted)", offset: dataStart)
            }
            cursor = dataEnd
        }
    }

    /// Encodes one `ipv6.opt` layer. The type decides which data field it takes: `padn`
    /// for PadN, `router_alert` for Router Alert, `unknown` for any other; Pad1 takes none.
    static func build(_ spec: LayerSpec, at index: Int) throws(BuildError) -> [UInt8] {
        var probe = try LayerFields(spec, at: index, length: 1, allowed: settable)
        guard probe.isGiven(type.abbrev) else { throw probe.failure(type.abbrev, "is required: it selects the option data") }
        try probe.applyGiven(typeFields)
        let optionType = probe.header[0]
        let typeNames = typeFields.map(\.abbrev)
        switch optionType {
        case pad1:
            _ = try LayerFields(spec, at: index, length: 1, allowed: typeNames)
            return probe.header
        case routerAlertType:
            var fields = try LayerFields(spec, at: index, length: 4, allowed: typeNames + [length.abbrev, routerAlert.abbrev])
            try fields.setDefault(lengthField, .uint(2))
            try fields.applyGiven(typeFields + [lengthField, routerAlertField])
            return fields.header
        default:
            let dataField = optionType == padNType ? padN : unknown
            var fields = try LayerFields(spec, at: index, length: 2, allowed: typeNames + [length.abbrev, dataField.abbrev])
            var data: [UInt8] = []
            if case .bytes(let given)? = try fields.given(dataField) { data = given }
            guard data.count <= 0xff || fields.isGiven(length.abbrev) else {
                throw fields.failure(dataField.abbrev, "\(data.count) bytes are too long for an option")
            }
            try fields.setDefault(lengthField, .uint(UInt64(data.count)))
            try fields.applyGiven(typeFields + [lengthField])
            return fields.header + data
        }
    }
}
