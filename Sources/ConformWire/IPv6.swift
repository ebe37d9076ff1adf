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

    static let fields: [FieldDescriptor] = [version, trafficClass, dscp, ecn, flowLabel, payloadLength,
                                            nextHeader, hopLimit, source, destination]

    static let header: [HeaderField] = [
        // Wireshark registers the version without a bitmask; it is the high nibble of byte 0.
        HeaderField(version, at: 0, width: 1, mask: 0xf0),
        HeaderField(trafficClass, at: 0, width: 4),
        HeaderField(dscp, at: 0, width: 4),
        HeaderField(ecn, at: 0, width: 4),
        HeaderField(flowLabel, at: 1, width: 3),
        HeaderField(payloadLength, at: 4, width: 2),
        HeaderField(nextHeader, at: 6, width: 1),
        HeaderField(hopLimit, at: 7, width: 1),
        HeaderField(source, at: 8, width: 16),
        HeaderField(destination, at: 24, width: 16),
    ]
    static let headerLength = 40

    private static func slot(_ descriptor: FieldDescriptor) -> HeaderField {
        header.first { $0.descriptor == descriptor } ?? header[0]
    }

    static let settable: [String] = header.map(\.abbrev)

    /// - Returns: the end of the IPv6 packet (payload length permitting), where link-layer
    ///   padding starts.
    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int) -> Int {
        recorder.layer("ipv6")
        guard recorder.addHeader(header, base: offset, end: end, protocolName: "IPv6"),
              case .uint(let plen)? = slot(payloadLength).read(recorder.bytes, base: offset),
              case .uint(let nxt)? = slot(nextHeader).read(recorder.bytes, base: offset),
              case .ipv6(let src)? = slot(source).read(recorder.bytes, base: offset),
              case .ipv6(let dst)? = slot(destination).read(recorder.bytes, base: offset) else { return end }
        let payloadStart = offset + headerLength
        var payloadEnd = payloadStart + Int(plen)
        if payloadEnd > end {
            recorder.malformed("IPv6 payload length \(plen) exceeds the \(end - payloadStart) bytes captured",
                               offset: offset + 4)
            payloadEnd = end
        }
        let context = UpperLayerContext(source: src, destination: dst, truncated: payloadStart + Int(plen) > end)
        dissectPayload(IPProtocol(rawValue: UInt8(nxt)), &recorder, at: payloadStart, end: payloadEnd, context: context)
        return payloadEnd
    }

    /// Decodes what a Next Header value announces.
    static func dissectPayload(_ protocolNumber: IPProtocol, _ recorder: inout DissectionRecorder,
                               at offset: Int, end: Int, context: UpperLayerContext) {
        switch protocolNumber {
        case .icmpv6: ICMPv6.dissect(&recorder, at: offset, end: end, context: context)
        case .noNextHeader: break
        default: recorder.addData(from: offset, to: end)
        }
    }

    /// The addresses the upper layer's checksum covers, from the enclosing header.
    static func context(for spec: LayerSpec, at index: Int) throws(BuildError) -> UpperLayerContext {
        let fields = try LayerFields(spec, at: index, length: 0, allowed: settable)
        var context = UpperLayerContext(source: .unspecified, destination: .unspecified, truncated: false)
        if case .ipv6(let a)? = try fields.given(source) { context.source = a }
        if case .ipv6(let a)? = try fields.given(destination) { context.destination = a }
        return context
    }

    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        try fields.setDefault(slot(version), .uint(6))
        try fields.setDefault(slot(hopLimit), .uint(64))
        if !fields.isGiven(nextHeader.abbrev) {
            guard let next = IPProtocol.announcing(nextLayer) else {
                throw fields.failure(nextHeader.abbrev, "cannot be derived from the next layer \(nextLayer ?? "(none)"); give it explicitly")
            }
            try fields.setDefault(slot(nextHeader), .uint(UInt64(next.rawValue)))
        }
        guard payload.count <= 0xffff || fields.isGiven(payloadLength.abbrev) else {
            throw fields.failure(payloadLength.abbrev, "payload of \(payload.count) bytes exceeds 65535 (jumbograms are not supported)")
        }
        try fields.setDefault(slot(payloadLength), .uint(UInt64(payload.count)))
        try fields.applyGiven(header)
        return fields.header + payload
    }
}

/// What an upper-layer protocol needs from the IP header that carries it: the
/// pseudo-header addresses, and whether the packet was cut short (so its checksum
/// cannot be verified).
struct UpperLayerContext: Sendable {
    var source: IPv6Address
    var destination: IPv6Address
    var truncated: Bool
}
