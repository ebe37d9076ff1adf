/// Neighbor Discovery options (RFC 4861 §4.6): type, length in units of 8 octets, value.
///
/// A template lists each option as its own `icmpv6.opt` layer after the message, in wire
/// order, so order, repetition and zero-length options can all be expressed.
enum NDOption {
    static let type = FieldDescriptor("icmpv6.opt.type", "Type", .uint8, base: .dec)
    static let length = FieldDescriptor("icmpv6.opt.length", "Length", .uint8, base: .dec)
    static let linkAddress = FieldDescriptor("icmpv6.opt.linkaddr", "Link-layer address", .bytes, bytesSeparated: true)
    static let sourceLinkAddress = FieldDescriptor("icmpv6.opt.src_linkaddr", "Source Link-layer address", .bytes, bytesSeparated: true)
    static let targetLinkAddress = FieldDescriptor("icmpv6.opt.target_linkaddr", "Target Link-layer address", .bytes, bytesSeparated: true)
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
    static let nonce = FieldDescriptor("icmpv6.opt.nonce", "Nonce", .bytes)
    static let routeFlag = FieldDescriptor("icmpv6.opt.route_info.flag", "Flag", .uint8, base: .hex)
    static let routePreference = FieldDescriptor("icmpv6.opt.route_info.flag.route_preference", "Route Preference",
                                                 .uint8, base: .dec, bitmask: 0x18)
    static let routeFlagReserved = FieldDescriptor("icmpv6.opt.route_info.flag.reserved", "Reserved", .uint8, base: .dec, bitmask: 0xe7)
    static let routeLifetime = FieldDescriptor("icmpv6.opt.route_lifetime", "Route Lifetime", .uint32, base: .dec)
    static let rdnssLifetime = FieldDescriptor("icmpv6.opt.rdnss.lifetime", "Lifetime", .uint32, base: .dec)
    static let rdnss = FieldDescriptor("icmpv6.opt.rdnss", "Recursive DNS Servers", .ipv6)
    static let dnsslLifetime = FieldDescriptor("icmpv6.opt.dnssl.lifetime", "Lifetime", .uint32, base: .dec)
    static let dnssl = FieldDescriptor("icmpv6.opt.dnssl", "Domain Names", .string)

    static let fields: [FieldDescriptor] = [
        type, length, linkAddress, sourceLinkAddress, targetLinkAddress, prefixLength, prefixFlag,
        prefixFlagL, prefixFlagA, prefixFlagR, prefixFlagReserved, validLifetime, preferredLifetime, prefix, mtu,
        nonce, routeFlag, routePreference, routeFlagReserved, routeLifetime, rdnssLifetime, rdnss,
        dnsslLifetime, dnssl,
    ]

    static let sourceLinkLayerAddress: UInt8 = 1
    static let targetLinkLayerAddress: UInt8 = 2
    static let prefixInformation: UInt8 = 3
    static let redirectedHeader: UInt8 = 4
    static let mtuOption: UInt8 = 5
    // RFC 3971 §5.3.2 (also RFC 7527 enhanced DAD)
    static let nonceOption: UInt8 = 14
    // RFC 4191 §2.3
    static let routeInformation: UInt8 = 24
    // RFC 8106 §5.1
    static let recursiveDNSServer: UInt8 = 25
    // RFC 8106 §5.2
    static let dnsSearchList: UInt8 = 31

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

    // RFC 4191 §2.3: the prefix field holds 0, 8 or 16 octets.
    static let routeInformationLayout: [HeaderField] = [
        HeaderField(prefixLength, at: 2, width: 1),
        HeaderField(routeFlag, at: 3, width: 1),
        HeaderField(routePreference, at: 3, width: 1),
        HeaderField(routeFlagReserved, at: 3, width: 1),
        HeaderField(routeLifetime, at: 4, width: 4),
    ]

    // RFC 8106 §5.1: two reserved octets, the lifetime, then the addresses.
    static let rdnssLayout: [HeaderField] = [HeaderField(rdnssLifetime, at: 4, width: 4)]

    // RFC 8106 §5.2: two reserved octets, the lifetime, then the domain names.
    static let dnsslLayout: [HeaderField] = [HeaderField(dnsslLifetime, at: 4, width: 4)]

    /// Length of the fixed part of a Route Information, RDNSS or Redirected Header option.
    static let eightOctetHeader = 8

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
    /// - Parameter nested: the message is itself inside a quoted packet; a Redirected Header
    ///   is then kept as data rather than decoded, which bounds the nesting depth.
    static func dissectOptions(_ recorder: inout DissectionRecorder, from offset: Int, end: Int, nested: Bool) {
        var cursor = offset
        while cursor < end {
            // Wireshark reads type and length together: a lone type octet adds no field.
            guard cursor + 2 <= end else {
                recorder.malformed("ND option header truncated: 1 byte left", offset: cursor)
                return
            }
            recorder.addHeader(common, base: cursor, end: end, protocolName: "ND option")
            let optionType = recorder.bytes[cursor]
            let units = Int(recorder.bytes[cursor + 1])
            guard units > 0 else {
                recorder.expert("icmpv6.invalid_option_length", .malformed, .error,
                                "Invalid option length (Zero)", offset: cursor + 1)
                return
            }
            // An option longer than the bytes left is decoded as far as it goes, then flagged.
            let declaredEnd = cursor + 8 * units
            let optionEnd = min(declaredEnd, end)
            switch optionType {
            case sourceLinkLayerAddress, targetLinkLayerAddress:
                // An Ethernet address fills an 8-octet option (RFC 2464 §6); other links use the whole value.
                let width = units == 1 ? 6 : 8 * units - 2
                guard cursor + 2 + width <= optionEnd else { break }
                let value = FieldValue.bytes(Array(recorder.bytes[(cursor + 2)..<(cursor + 2 + width)]))
                recorder.add(linkAddress, value, offset: cursor + 2, length: width)
                if let role = roleField(optionType) { recorder.add(role, value, offset: cursor + 2, length: width) }
            case prefixInformation:
                recorder.addHeader(prefixInformationLayout, base: cursor, end: optionEnd, protocolName: "Prefix Information option")
            case mtuOption:
                recorder.addHeader(mtuLayout, base: cursor, end: optionEnd, protocolName: "MTU option")
            case redirectedHeader where nested:
                recorder.addData(from: cursor + eightOctetHeader, to: optionEnd)
            case redirectedHeader where cursor + eightOctetHeader < optionEnd:
                // RFC 4861 §4.6.3: as much of the redirected packet as fits, decoded as IPv6.
                _ = IPv6.dissect(&recorder, at: cursor + eightOctetHeader, end: optionEnd, invoking: true)
            case nonceOption:
                recorder.add(nonce, .bytes(Array(recorder.bytes[(cursor + 2)..<optionEnd])), offset: cursor + 2, length: optionEnd - cursor - 2)
            case routeInformation:
                // The prefix is read whole from the declared option, as Wireshark does.
                guard recorder.addHeader(routeInformationLayout, base: cursor, end: optionEnd, protocolName: "Route Information option"),
                      cursor + eightOctetHeader < optionEnd, declaredEnd <= end else { break }
                let bytes = Array(recorder.bytes[(cursor + eightOctetHeader)..<min(optionEnd, cursor + 24)])
                recorder.add(prefix, .ipv6(IPv6Address(bytes + [UInt8](repeating: 0, count: 16 - bytes.count))),
                             offset: cursor + eightOctetHeader, length: bytes.count)
            case recursiveDNSServer:
                guard recorder.addHeader(rdnssLayout, base: cursor, end: optionEnd, protocolName: "RDNSS option") else { break }
                var address = cursor + eightOctetHeader
                while address + 16 <= optionEnd {
                    recorder.add(rdnss, .ipv6(IPv6Address(Array(recorder.bytes[address..<(address + 16)]))), offset: address, length: 16)
                    address += 16
                }
            case dnsSearchList:
                guard recorder.addHeader(dnsslLayout, base: cursor, end: optionEnd, protocolName: "DNSSL option") else { break }
                var name = cursor + eightOctetHeader
                while let decoded = DomainNameList.name(in: recorder.bytes, at: name, end: optionEnd) {
                    recorder.add(dnssl, .string(decoded.text), offset: name, length: decoded.length)
                    name += decoded.length
                }
            default:
                break
            }
            guard declaredEnd <= end else {
                recorder.malformed("ND option of \(8 * units) bytes exceeds the \(end - cursor) bytes left", offset: cursor + 1)
                return
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
        let commonNames = common.map(\.abbrev)
        var fields: LayerFields
        // The option's variable part, after its fixed fields.
        var value: [UInt8] = []
        var carriesPayload = false
        switch optionType {
        case sourceLinkLayerAddress, targetLinkLayerAddress:
            let names = [linkAddress] + (roleField(optionType).map { [$0] } ?? [])
            fields = try LayerFields(spec, at: index, length: 2, allowed: commonNames + names.map(\.abbrev))
            var address: [UInt8]?
            for name in names {
                guard case .bytes(let given)? = try fields.given(name) else { continue }
                if let address, address != given {
                    throw fields.failure(name.abbrev, "differs from the other link-layer address given")
                }
                address = given
            }
            value = address ?? []
        case prefixInformation:
            fields = try LayerFields(spec, at: index, length: prefixInformationLength,
                                     allowed: commonNames + prefixInformationLayout.map(\.abbrev))
            try fields.applyGiven(prefixInformationLayout)
        case mtuOption:
            fields = try LayerFields(spec, at: index, length: mtuLength, allowed: commonNames + mtuLayout.map(\.abbrev))
            try fields.applyGiven(mtuLayout)
        case redirectedHeader:
            // The layers after this one are the redirected packet, carried inside the option.
            fields = try LayerFields(spec, at: index, length: eightOctetHeader, allowed: commonNames)
            value = payload
            carriesPayload = true
        case nonceOption:
            fields = try LayerFields(spec, at: index, length: 2, allowed: commonNames + [nonce.abbrev])
            if case .bytes(let given)? = try fields.given(nonce) { value = given }
        case routeInformation:
            fields = try LayerFields(spec, at: index, length: eightOctetHeader,
                                     allowed: commonNames + routeInformationLayout.map(\.abbrev) + [prefix.abbrev])
            try fields.applyGiven(routeInformationLayout)
            let prefixBits = fields.header[2]
            if case .ipv6(let given)? = try fields.given(prefix) {
                value = Array(given.bytes.prefix(prefixBits == 0 ? 0 : prefixBits <= 64 ? 8 : 16))
            }
        case recursiveDNSServer:
            fields = try LayerFields(spec, at: index, length: eightOctetHeader, allowed: commonNames + rdnssLayout.map(\.abbrev) + [rdnss.abbrev])
            try fields.applyGiven(rdnssLayout)
            value = try fields.givenAll(rdnss).flatMap { address -> [UInt8] in
                guard case .ipv6(let a) = address else { return [] }
                return a.bytes
            }
        case dnsSearchList:
            fields = try LayerFields(spec, at: index, length: eightOctetHeader, allowed: commonNames + dnsslLayout.map(\.abbrev) + [dnssl.abbrev])
            try fields.applyGiven(dnsslLayout)
            for name in try fields.givenAll(dnssl) {
                guard case .string(let text) = name, let encoded = DomainNameList.encode(text) else {
                    throw fields.failure(dnssl.abbrev, "\(name) is not a domain name of labels up to 63 octets")
                }
                value += encoded
            }
        default:
            fields = try LayerFields(spec, at: index, length: 2, allowed: commonNames)
        }
        let unpadded = fields.header.count + value.count
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
        return fields.header + value + [UInt8](repeating: 0, count: padding) + (carriesPayload ? [] : payload)
    }
}
