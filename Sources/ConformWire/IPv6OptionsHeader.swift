/// The Hop-by-Hop Options (RFC 8200 §4.3) and Destination Options (§4.6) headers, which
/// share one format: next header, length in 8-octet units not counting the first 8, and
/// option TLVs (``IPv6Option``).
///
/// A template lists the header as `ipv6.hopopts` or `ipv6.dstopts` followed by one
/// `ipv6.opt` layer per option, in wire order; the header is padded to a multiple of
/// 8 octets with Pad1 or PadN unless the options already fill it.
struct IPv6OptionsHeader: Sendable {
    let layerName: String
    let nextHeader: FieldDescriptor
    let length: FieldDescriptor
    /// The length in bytes, as Wireshark computes it.
    let lengthInOctets: FieldDescriptor
    let header: [HeaderField]

    init(layerName: String) {
        self.layerName = layerName
        nextHeader = FieldDescriptor(layerName + ".nxt", "Next Header", .uint8, base: .dec)
        length = FieldDescriptor(layerName + ".len", "Length", .uint8, base: .dec)
        lengthInOctets = FieldDescriptor(layerName + ".len_oct", "Length", .uint16, base: .dec)
        header = [HeaderField(nextHeader, at: 0, width: 1), HeaderField(length, at: 1, width: 1)]
    }

    static let hopByHop = IPv6OptionsHeader(layerName: "ipv6.hopopts")
    static let destinationOptions = IPv6OptionsHeader(layerName: "ipv6.dstopts")

    static func kind(of protocolNumber: IPProtocol) -> IPv6OptionsHeader {
        protocolNumber == .hopByHop ? hopByHop : destinationOptions
    }

    static let fields: [FieldDescriptor] = [hopByHop, destinationOptions].flatMap { [$0.nextHeader, $0.length, $0.lengthInOctets] }

    var settable: [String] { [nextHeader.abbrev, length.abbrev] }

    func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int) -> IPv6ExtensionStep? {
        recorder.layer(layerName)
        guard recorder.addHeader(header, base: offset, end: end, protocolName: layerName) else { return nil }
        let octets = (Int(recorder.bytes[offset + 1]) + 1) * 8
        recorder.add(lengthInOctets, .uint(UInt64(octets)), offset: offset + 1, length: 1)
        guard offset + octets <= end else {
            recorder.malformed("\(layerName) header of \(octets) bytes exceeds the \(end - offset) bytes left", offset: offset + 1)
            return nil
        }
        IPv6Option.dissectOptions(&recorder, from: offset + 2, end: offset + octets)
        return IPv6ExtensionStep(nextHeader: IPProtocol(rawValue: recorder.bytes[offset]), end: offset + octets)
    }

    /// - Parameters:
    ///   - options: the encoded `ipv6.opt` layers that follow the header in the template.
    ///   - nextLayer: the first layer after those options.
    func build(_ spec: LayerSpec, at index: Int, options: [UInt8], nextLayer: String?,
               payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: 2, allowed: settable)
        try fields.setNextHeader(header[0], announcing: nextLayer)
        let unpadded = 2 + options.count
        let padding = IPv6Option.padding(count: (8 - unpadded % 8) % 8)
        let units = (unpadded + padding.count) / 8 - 1
        if !fields.isGiven(length.abbrev) {
            guard units <= 0xff else {
                throw fields.failure(length.abbrev, "\(unpadded + padding.count) bytes of options are too long for the length field")
            }
            try fields.setDefault(header[1], .uint(UInt64(units)))
        }
        try fields.applyGiven(header)
        return fields.header + options + padding + payload
    }
}
