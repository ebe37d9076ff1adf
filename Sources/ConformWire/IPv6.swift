/// The IPv6 fixed header (RFC 8200 §3).
///
/// ```
///  0       4               12      16              24              32
/// +-------+---------------+-------------------------------------------+
/// |Version| Traffic Class |               Flow Label                  |
/// +-------+---------------+-------+---------------+-------------------+
/// |        Payload Length         |  Next Header  |   Hop Limit       |
/// +-------------------------------+---------------+-------------------+
/// |                  Source Address (16)  |  Destination Address (16) |
/// ```
enum IPv6 {
    static let version = FieldDescriptor("ipv6.version", "Version", .uint8, base: .dec)
    static let trafficClass = FieldDescriptor("ipv6.tclass", "Traffic Class", .uint32, base: .hex, bitmask: 0x0ff0_0000)
    static let dscp = FieldDescriptor("ipv6.tclass.dscp", "Differentiated Services Codepoint", .uint32, base: .dec, bitmask: 0x0fc0_0000)
    static let ecn = FieldDescriptor("ipv6.tclass.ecn", "Explicit Congestion Notification", .uint32, base: .dec, bitmask: 0x0030_0000)
    static let flowLabel = FieldDescriptor("ipv6.flow", "Flow Label", .uint24, base: .hex, bitmask: 0x000f_ffff)
    static let payloadLength = FieldDescriptor("ipv6.plen", "Payload Length", .uint16, base: .dec)
    static let nextHeader = FieldDescriptor("ipv6.nxt", "Next Header", .uint8, base: .dec)
    static let hopLimit = FieldDescriptor("ipv6.hlim", "Hop Limit", .uint8, base: .dec)
    static let source = FieldDescriptor("ipv6.src", "Source Address", .ipv6)
    static let destination = FieldDescriptor("ipv6.dst", "Destination Address", .ipv6)
    /// Either address: Wireshark adds it once for each, so a filter on it matches both.
    static let address = FieldDescriptor("ipv6.addr", "Source or Destination Address", .ipv6)

    static let fields: [FieldDescriptor] = [version, trafficClass, dscp, ecn, flowLabel, payloadLength,
                                            nextHeader, hopLimit, source, destination, address]

    // Wireshark registers the version without a bitmask; it is the high nibble of byte 0.
    static let versionField = HeaderField(version, at: 0, width: 1, mask: 0xf0)
    /// Wireshark also adds the hidden `ip.version` to IPv6 packets, so `ip.version == 6` matches.
    static let ipVersionField = HeaderField(IPv4.version, at: 0, width: 1, mask: 0xf0)
    static let versions: [HeaderField] = [versionField, ipVersionField]
    static let payloadLengthField = HeaderField(payloadLength, at: 4, width: 2)
    static let nextHeaderField = HeaderField(nextHeader, at: 6, width: 1)
    static let hopLimitField = HeaderField(hopLimit, at: 7, width: 1)
    static let sourceField = HeaderField(source, at: 8, width: 16)
    static let destinationField = HeaderField(destination, at: 24, width: 16)

    static let header: [HeaderField] = [
        versionField,
        HeaderField(trafficClass, at: 0, width: 4),
        HeaderField(dscp, at: 0, width: 4),
        HeaderField(ecn, at: 0, width: 4),
        HeaderField(flowLabel, at: 1, width: 3),
        payloadLengthField, nextHeaderField, hopLimitField, sourceField, destinationField,
    ]
    /// The header after the version, as decoded, with `ipv6.addr` after each address.
    static let dissected: [HeaderField] = Array(header.dropFirst().dropLast(2)) + [
        sourceField, HeaderField(address, at: 8, width: 16), destinationField, HeaderField(address, at: 24, width: 16),
    ]
    static let headerLength = 40

    static let settable: [String] = header.map(\.abbrev)

    /// - Parameter invoking: the packet is the invoking packet inside an ICMPv6 error, cut
    ///   short on purpose: its length is not flagged and its checksums are not verified.
    /// - Returns: the end of the IPv6 packet (payload length permitting), where link-layer
    ///   padding starts.
    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int, invoking: Bool = false) -> Int {
        recorder.layer("ipv6")
        // Wireshark reads the first 8 bytes before adding any field: fewer add none.
        guard offset + 8 <= end else {
            recorder.malformed("IPv6 header truncated: \(max(0, end - offset)) bytes left", offset: offset)
            return end
        }
        recorder.addHeader(versions, base: offset, end: end, protocolName: "IPv6")
        guard recorder.addHeader(dissected, base: offset, end: end, protocolName: "IPv6"),
              case .uint(let plen)? = payloadLengthField.read(recorder.bytes, base: offset),
              case .uint(let nxt)? = nextHeaderField.read(recorder.bytes, base: offset),
              case .ipv6(let src)? = sourceField.read(recorder.bytes, base: offset),
              case .ipv6(let dst)? = destinationField.read(recorder.bytes, base: offset) else { return end }
        let payloadStart = offset + headerLength
        var payloadEnd = payloadStart + Int(plen)
        if payloadEnd > end {
            if !invoking {
                recorder.malformed("IPv6 payload length \(plen) exceeds the \(end - payloadStart) bytes captured",
                                   offset: offset + 4)
            }
            payloadEnd = end
        }
        // As Wireshark: a packet cut by the capture, or a quoted packet cut by the error
        // message, cannot have its checksum verified; a packet its sender cut short is
        // verified over the bytes there are (and so found bad).
        let cut = payloadStart + Int(plen) > end && (invoking || recorder.cutByCapture)
        let context = UpperLayerContext(addresses: .ipv6(source: src, destination: dst), truncated: cut, invoking: invoking)
        dissectChain(IPProtocol(rawValue: UInt8(nxt)), &recorder, at: payloadStart, end: payloadEnd, context: context)
        return payloadEnd
    }

    /// Walks the extension header chain (RFC 8200 §4) and decodes the upper layer. Every
    /// extension header is at least 8 bytes long, so the walk always ends.
    static func dissectChain(_ first: IPProtocol, _ recorder: inout DissectionRecorder,
                             at offset: Int, end: Int, context initial: UpperLayerContext) {
        var next = first, cursor = offset, context = initial, isFirst = true
        while true {
            let step: IPv6ExtensionStep?
            switch next {
            case .hopByHop, .destinationOptions:
                if next == .hopByHop, !isFirst {
                    // RFC 8200 §4.3: Hop-by-Hop may only follow the IPv6 header.
                    recorder.expert("ipv6.hopopts.not_first", .protocol, .error,
                                    "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header", offset: cursor)
                }
                step = IPv6OptionsHeader.kind(of: next).dissect(&recorder, at: cursor, end: end)
            case .routing:
                step = IPv6Routing.dissect(&recorder, at: cursor, end: end, context: &context)
            case .fragment:
                step = IPv6Fragment.dissect(&recorder, at: cursor, end: end)
            default:
                IPProtocol.dissectTransport(next, &recorder, at: cursor, end: end, context: context)
                return
            }
            guard let step else { return }
            next = step.nextHeader
            cursor = step.end
            isFirst = false
        }
    }

    /// The addresses the upper layer's checksum covers, from the enclosing header.
    static func context(for spec: LayerSpec, at index: Int) throws(BuildError) -> UpperLayerContext {
        let fields = try LayerFields(spec, at: index, length: 0, allowed: settable)
        var src = IPv6Address.unspecified, dst = IPv6Address.unspecified
        if case .ipv6(let a)? = try fields.given(source) { src = a }
        if case .ipv6(let a)? = try fields.given(destination) { dst = a }
        return UpperLayerContext(addresses: .ipv6(source: src, destination: dst))
    }

    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        try fields.setDefault(versionField, .uint(6))
        try fields.setDefault(hopLimitField, .uint(64))
        try fields.setNextHeader(nextHeaderField, announcing: nextLayer)
        guard payload.count <= 0xffff || fields.isGiven(payloadLength.abbrev) else {
            throw fields.failure(payloadLength.abbrev, "payload of \(payload.count) bytes exceeds 65535 (jumbograms are not supported)")
        }
        try fields.setDefault(payloadLengthField, .uint(UInt64(payload.count)))
        try fields.applyGiven(header)
        return fields.header + payload
    }
}

/// Where an extension header ends and what it announces next.
struct IPv6ExtensionStep {
    let nextHeader: IPProtocol
    let end: Int
}
