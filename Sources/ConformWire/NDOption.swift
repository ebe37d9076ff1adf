/// Neighbor Discovery options (RFC 4861 §4.6): type, length in units of 8 octets, value.
///
/// A template lists each option as its own `icmpv6.opt` layer after the message, in wire
/// order, so order, repetition and zero-length options can all be expressed.
enum NDOption {
    static let type = FieldDescriptor("icmpv6.opt.type", "Type", .uint8, base: .dec)
    static let length = FieldDescriptor("icmpv6.opt.length", "Length", .uint8, base: .dec)
    static let linkAddress = FieldDescriptor("icmpv6.opt.linkaddr", "Link-layer address", .bytes)
    static let sourceLinkAddress = FieldDescriptor("icmpv6.opt.src_linkaddr", "Source Link-layer address", .bytes)
    static let targetLinkAddress = FieldDescriptor("icmpv6.opt.target_linkaddr", "Target Link-layer address", .bytes)
    static let prefixLength = FieldDescriptor("icmpv6.opt.prefix.length", "Prefix Length", .uint8, base: .dec)
    static let prefixFlag = FieldDescriptor("icmpv6.opt.prefix.flag", "Flag", .uint8, base: .hex)
    static let prefixFlagL = FieldDescriptor("icmpv6.opt.prefix.flag.l", "On-link flag(L)", .bool, bitmask: 0x80)
    static let prefixFlagA = FieldDescriptor("icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", .bool, bitmask: 0x40)
    static let prefixFlagR = FieldDescriptor("icmpv6.opt.prefix.flag.r", "Router address flag(R)", .bool, bitmask: 0x20)
    static let prefixFlagReserved = FieldDescriptor("icmpv6.opt.prefix.flag.reserved", "Reserved", .uint8, base: .dec, bitmask: 0x1f)
    static let validLifetime = FieldDescriptor("icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", .uint32, base: .dec)
    static let preferredLifetime = FieldDescriptor("icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", .uint32, base: .dec)
    static let prefix = FieldDescriptor("icmpv6.opt.prefix", "Prefix", .ipv6)
    static let mtu = FieldDescriptor("icmpv6.opt.mtu", "MTU", .uint32, base: .dec)

    static let fields: [FieldDescriptor] = [
        type, length, linkAddress, sourceLinkAddress, targetLinkAddress, prefixLength, prefixFlag,
        prefixFlagL, prefixFlagA, prefixFlagR, prefixFlagReserved, validLifetime, preferredLifetime, prefix, mtu,
    ]

    static let sourceLinkLayerAddress: UInt8 = 1
    static let targetLinkLayerAddress: UInt8 = 2
    static let prefixInformation: UInt8 = 3
    static let mtuOption: UInt8 = 5

    static let common: [HeaderField] = [HeaderField(type, at: 0, width: 1), HeaderField(length, at: 1, width: 1)]

    // RFC 4861 §4.6.2
    static let prefixInformationLayout: [HeaderField] = [
        HeaderField(prefixLength, at: 2, width: 1),
        HeaderField(prefixFlag, at: 3, width: 1),
        HeaderField(prefixFlagL, at: 3, width: 1),
        HeaderField(prefixFlagA, at: 3, width: 1),
        HeaderField(prefixFlagR, at: 3, width: 1),
        HeaderField(prefixFlagReserved, at: 3, width: 1),
        HeaderField(validLifetime, at: 4, width: 4),
        HeaderField(preferredLifetime, at: 8, width: 4),
        HeaderField(prefix, at: 16, width: 16),
    ]
    static let prefixInformationLength = 32

    // RFC 4861 §4.6.4
    static let mtuLayout: [HeaderField] = [HeaderField(mtu, at: 4, width: 4)]
    static let mtuLength = 8

    static let settable: [String] = fields.map(\.abbrev)

    /// The link-address field that names an option's role, beside the generic `linkaddr`.
    private static func roleField(_ optionType: UInt8) -> FieldDescriptor? {
        switch optionType {
        case sourceLinkLayerAddress: sourceLinkAddress
        case targetLinkLayerAddress: targetLinkAddress
        default: nil
        }
    }

    /// Decodes options from `offset` to `end`. A zero length stops decoding (RFC 4861 §4.6:
    /// nodes must silently discard such packets), so hostile bytes cannot make it loop.
    static func dissectOptions(_ recorder: inout DissectionRecorder, from offset: Int, end: Int) {
        var cursor = offset
        while cursor < end {
            guard recorder.addHeader(common, base: cursor, end: end, protocolName: "ND option") else { return }
            let optionType = recorder.bytes[cursor]
            let units = Int(recorder.bytes[cursor + 1])
            guard units > 0 else {
                recorder.expert("icmpv6.invalid_option_length", .malformed, .error,
                                "Invalid option length (Zero)", offset: cursor + 1)
                return
            }
            let optionEnd = cursor + 8 * units
            guard optionEnd <= end else {
                recorder.malformed("ND option of \(8 * units) bytes exceeds the \(end - cursor) bytes left", offset: cursor + 1)
                return
            }
            switch optionType {
            case sourceLinkLayerAddress, targetLinkLayerAddress:
                // An Ethernet address fills an 8-octet option (RFC 2464 §6); other links use the whole value.
                let width = units == 1 ? 6 : 8 * units - 2
                let value = FieldValue.bytes(Array(recorder.bytes[(cursor + 2)..<(cursor + 2 + width)]))
                recorder.add(linkAddress, value, offset: cursor + 2, length: width)
                if let role = roleField(optionType) { recorder.add(role, value, offset: cursor + 2, length: width) }
            case prefixInformation:
                recorder.addHeader(prefixInformationLayout, base: cursor, end: optionEnd, protocolName: "Prefix Information option")
            case mtuOption:
                recorder.addHeader(mtuLayout, base: cursor, end: optionEnd, protocolName: "MTU option")
            default:
                break
            }
            cursor = optionEnd
        }
    }

    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        let probe = try LayerFields(spec, at: index, length: 0, allowed: settable)
        guard case .uint(let rawType)? = try probe.given(type) else {
            throw probe.failure(type.abbrev, "is required: it selects the option body")
        }
        let optionType = UInt8(rawType)
        var fields: LayerFields
        var linkLayerAddress: [UInt8] = []
        switch optionType {
        case sourceLinkLayerAddress, targetLinkLayerAddress:
            let names = [linkAddress] + (roleField(optionType).map { [$0] } ?? [])
            fields = try LayerFields(spec, at: index, length: 2, allowed: common.map(\.abbrev) + names.map(\.abbrev))
            var address: [UInt8]?
            for name in names {
                guard case .bytes(let given)? = try fields.given(name) else { continue }
                if let address, address != given {
                    throw fields.failure(name.abbrev, "differs from the other link-layer address given")
                }
                address = given
            }
            linkLayerAddress = address ?? []
        case prefixInformation:
            fields = try LayerFields(spec, at: index, length: prefixInformationLength,
                                     allowed: common.map(\.abbrev) + prefixInformationLayout.map(\.abbrev))
            try fields.applyGiven(prefixInformationLayout)
        case mtuOption:
            fields = try LayerFields(spec, at: index, length: mtuLength, allowed: common.map(\.abbrev) + mtuLayout.map(\.abbrev))
            try fields.applyGiven(mtuLayout)
        default:
            fields = try LayerFields(spec, at: index, length: 2, allowed: common.map(\.abbrev))
        }
        let unpadded = fields.header.count + linkLayerAddress.count
        // Pad to a multiple of 8 octets (RFC 4861 §4.6).
        let padding = (8 - unpadded % 8) % 8
        let units = (unpadded + padding) / 8
        if !fields.isGiven(length.abbrev) {
            guard units <= 0xff else {
                throw fields.failure(length.abbrev, "option of \(unpadded + padding) bytes is too long for its length field")
            }
            try fields.setDefault(common[1], .uint(UInt64(units)))
        }
        try fields.applyGiven(common)
        return fields.header + linkLayerAddress + [UInt8](repeating: 0, count: padding) + payload
    }
}
