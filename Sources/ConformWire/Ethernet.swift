/// Ethernet II (IEEE 802.3 clause 3 with an EtherType).
///
/// ```
///  0                   6                   12      14
/// +-------------------+-------------------+-------+---------
/// | destination       | source            | type  | payload
/// +-------------------+-------------------+-------+---------
/// ```
enum Ethernet {
    static let destination = FieldDescriptor("eth.dst", "Destination", .ether)
    static let source = FieldDescriptor("eth.src", "Source", .ether)
    static let type = FieldDescriptor("eth.type", "Type", .uint16, base: .hex)
    static let padding = FieldDescriptor("eth.padding", "Padding", .bytes)
    static let trailer = FieldDescriptor("eth.trailer", "Trailer", .bytes)
    /// Either address: Wireshark adds it once for each, so a filter on it matches both.
    static let address = FieldDescriptor("eth.addr", "Address", .ether)

    static let fields: [FieldDescriptor] = [destination, source, type, address, padding, trailer]

    static let header: [HeaderField] = [
        HeaderField(destination, at: 0, width: 6),
        HeaderField(source, at: 6, width: 6),
        HeaderField(type, at: 12, width: 2),
    ]
    /// The header as decoded, with `eth.addr` after each address.
    static let dissected: [HeaderField] = [
        header[0], HeaderField(address, at: 0, width: 6), header[1], HeaderField(address, at: 6, width: 6), header[2],
    ]
    static let headerLength = 14
    /// Frames shorter than this (without FCS) are padded on the wire (IEEE 802.3 §4.2.3.3).
    static let minimumFrameLength = 60

    static let settable: [String] = header.map(\.abbrev)

    static func dissect(_ recorder: inout DissectionRecorder) {
        let end = recorder.bytes.count
        recorder.layer("eth")
        guard recorder.addHeader(dissected, base: 0, end: end, protocolName: "Ethernet"),
              case .uint(let raw)? = header[2].read(recorder.bytes, base: 0) else { return }
        let used = EtherType.dissectPayload(EtherType(rawValue: UInt16(raw)), &recorder, at: headerLength, end: end)
        guard used < end else { return }
        // Bytes after the payload: padding up to the minimum frame size, anything beyond is a trailer.
        let paddingEnd = max(used, min(end, minimumFrameLength))
        if used < paddingEnd {
            recorder.add(padding, .bytes(Array(recorder.bytes[used..<paddingEnd])), offset: used, length: paddingEnd - used)
        }
        if paddingEnd < end {
            recorder.add(trailer, .bytes(Array(recorder.bytes[paddingEnd..<end])), offset: paddingEnd, length: end - paddingEnd)
        }
    }

    static func build(_ spec: LayerSpec, at index: Int, nextLayer: String?, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: headerLength, allowed: settable)
        if !fields.isGiven(type.abbrev) {
            guard let next = EtherType.announcing(nextLayer) else {
                throw fields.failure(type.abbrev, "cannot be derived from the next layer \(nextLayer ?? "(none)"); give it explicitly")
            }
            try fields.setDefault(header[2], .uint(UInt64(next.rawValue)))
        }
        try fields.applyGiven(header)
        return fields.header + payload
    }
}
