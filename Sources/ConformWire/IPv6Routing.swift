/// The IPv6 Routing header (RFC 8200 §4.4), with the type 0 address list (RFC 2460 §4.4,
/// deprecated by RFC 5095) decoded and any other type's data kept as bytes.
///
/// ```
/// +-------------+-------------+--------------+---------------+
/// | Next Header | Hdr Ext Len | Routing Type | Segments Left |
/// +-------------+-------------+--------------+---------------+
/// |                 type-specific data ...                   |
/// ```
enum IPv6Routing {
    static let nextHeader = FieldDescriptor("ipv6.routing.nxt", "Next Header", .uint8, base: .dec)
    static let length = FieldDescriptor("ipv6.routing.len", "Length", .uint8, base: .dec)
    static let lengthInOctets = FieldDescriptor("ipv6.routing.len_oct", "Length", .uint16, base: .dec)
    static let type = FieldDescriptor("ipv6.routing.type", "Type", .uint8, base: .dec)
    static let segmentsLeft = FieldDescriptor("ipv6.routing.segleft", "Segments Left", .uint8, base: .dec)
    static let sourceRouteReserved = FieldDescriptor("ipv6.routing.src.reserved", "Reserved", .bytes)
    static let sourceRouteAddress = FieldDescriptor("ipv6.routing.src.addr", "Address", .ipv6)
    static let typeSpecificData = FieldDescriptor("ipv6.routing.unknown_data", "Type-Specific Data", .bytes)

    static let fields: [FieldDescriptor] = [nextHeader, length, lengthInOctets, type, segmentsLeft,
                                            sourceRouteReserved, sourceRouteAddress, typeSpecificData]

    static let nextHeaderField = HeaderField(nextHeader, at: 0, width: 1)
    static let lengthField = HeaderField(length, at: 1, width: 1)
    static let typeField = HeaderField(type, at: 2, width: 1)
    static let segmentsLeftField = HeaderField(segmentsLeft, at: 3, width: 1)
    static let header: [HeaderField] = [nextHeaderField, lengthField, typeField, segmentsLeftField]

    static let sourceRoute: UInt8 = 0

    static let settable: [String] = [nextHeader, length, type, segmentsLeft, sourceRouteReserved,
                                     sourceRouteAddress, typeSpecificData].map(\.abbrev)

    /// The final destination of a type 0 route still in progress: the last address listed.
    /// RFC 8200 §8.1 puts it in the upper-layer checksum's pseudo-header.
    private static func finalDestination(type routingType: UInt8, segmentsLeft: UInt8,
                                         addresses: [IPv6Address]) -> IPv6Address? {
        routingType == sourceRoute && segmentsLeft > 0 ? addresses.last : nil
    }

    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int,
                        context: inout UpperLayerContext) -> IPv6ExtensionStep? {
        recorder.layer("ipv6.routing")
        guard recorder.addHeader(Array(header[0...1]), base: offset, end: end, protocolName: "IPv6 Routing") else { return nil }
        let octets = (Int(recorder.bytes[offset + 1]) + 1) * 8
        recorder.add(lengthInOctets, .uint(UInt64(octets)), offset: offset + 1, length: 1)
        guard recorder.addHeader(Array(header[2...3]), base: offset, end: end, protocolName: "IPv6 Routing") else { return nil }
        guard offset + octets <= end else {
            recorder.malformed("IPv6 Routing header of \(octets) bytes exceeds the \(end - offset) bytes left", offset: offset + 1)
            return nil
        }
        let routingType = recorder.bytes[offset + 2], left = recorder.bytes[offset + 3]
        if routingType == sourceRoute {
            recorder.expert("ipv6.routing.deprecated", .protocol, .note, "Routing header type is deprecated", offset: offset + 2)
            recorder.add(sourceRouteReserved, .bytes(Array(recorder.bytes[(offset + 4)..<(offset + 8)])), offset: offset + 4, length: 4)
            var addresses: [IPv6Address] = []
            var cursor = offset + 8
            while cursor + 16 <= offset + octets {
                let address = IPv6Address(Array(recorder.bytes[cursor..<(cursor + 16)]))
                addresses.append(address)
                recorder.add(sourceRouteAddress, .ipv6(address), offset: cursor, length: 16)
                cursor += 16
            }
            if case .ipv6(let source, _) = context.addresses,
               let final = finalDestination(type: routingType, segmentsLeft: left, addresses: addresses) {
                context.addresses = .ipv6(source: source, destination: final)
            }
        } else {
            recorder.add(typeSpecificData, .bytes(Array(recorder.bytes[(offset + 4)..<(offset + octets)])),
                         offset: offset + 4, length: octets - 4)
        }
        return IPv6ExtensionStep(nextHeader: IPProtocol(rawValue: recorder.bytes[offset]), end: offset + octets)
    }

    /// The context for the layers inside: a type 0 route in progress changes the
    /// pseudo-header destination to its final address.
    static func context(for spec: LayerSpec, at index: Int, enclosing: UpperLayerContext) throws(BuildError) -> UpperLayerContext {
        let fields = try LayerFields(spec, at: index, length: 0, allowed: settable)
        let (routingType, addresses) = try typeAndAddresses(fields)
        var left = UInt8(clamping: addresses.count)
        if case .uint(let given)? = try fields.given(segmentsLeft) { left = UInt8(clamping: given) }
        var context = enclosing
        if case .ipv6(let source, _) = enclosing.addresses,
           let final = finalDestination(type: routingType, segmentsLeft: left, addresses: addresses) {
            context.addresses = .ipv6(source: source, destination: final)
        }
        return context
    }

    private static func typeAndAddresses(_ fields: LayerFields) throws(BuildError) -> (UInt8, [IPv6Address]) {
        guard case .uint(let routingType)? = try fields.given(type) else {
            throw fields.failure(type.abbrev, "is required: it selects the type-specific data")
        }
        var addresses: [IPv6Address] = []
        for field in fields.spec.fields where field.abbrev == sourceRouteAddress.abbrev {
            guard case .ipv6(let address)? = FieldRegistry.coerce(field.value, to: sourceRouteAddress) else {
                throw fields.failure(sourceRouteAddress.abbrev, "\(field.value) is not an IPv6 address")
            }
            addresses.append(address)
        }
        return (UInt8(routingType), addresses)
    }

    /// Encodes the header. For type 0 every `ipv6.routing.src.addr` given is listed in
    /// order and Segments Left defaults to their count; other types take
    /// `ipv6.routing.unknown_data`. The header is zero-padded to a multiple of 8 octets.
    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        let probe = try LayerFields(spec, at: index, length: 0, allowed: settable)
        let (routingType, addresses) = try typeAndAddresses(probe)
        let typeNames = header.map(\.abbrev)
        var fields: LayerFields
        var data: [UInt8]
        if routingType == sourceRoute {
            fields = try LayerFields(spec, at: index, length: 4,
                                     allowed: typeNames + [sourceRouteReserved.abbrev, sourceRouteAddress.abbrev])
            var reserved: [UInt8] = [0, 0, 0, 0]
            if case .bytes(let given)? = try fields.given(sourceRouteReserved) {
                guard given.count == 4 else { throw fields.failure(sourceRouteReserved.abbrev, "takes 4 bytes, got \(given.count)") }
                reserved = given
            }
            data = reserved + addresses.flatMap(\.bytes)
            try fields.setDefault(segmentsLeftField, .uint(UInt64(min(addresses.count, 0xff))))
        } else {
            fields = try LayerFields(spec, at: index, length: 4, allowed: typeNames + [typeSpecificData.abbrev])
            data = [0, 0, 0, 0]
            if case .bytes(let given)? = try fields.given(typeSpecificData) { data = given }
        }
        data += [UInt8](repeating: 0, count: (8 - (4 + data.count) % 8) % 8)
        let units = (4 + data.count) / 8 - 1
        guard units <= 0xff || fields.isGiven(length.abbrev) else {
            throw fields.failure(length.abbrev, "\(4 + data.count) bytes are too long for the length field")
        }
        try fields.setNextHeader(nextHeaderField, announcing: nextLayer)
        try fields.setDefault(lengthField, .uint(UInt64(units)))
        try fields.applyGiven(header)
        return fields.header + data + payload
    }
}
