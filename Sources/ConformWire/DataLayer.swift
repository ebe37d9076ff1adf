/// Undissected payload, as Wireshark's `data` protocol: the bytes and their count.
enum DataLayer {
    static let data = FieldDescriptor("data.data", "Data", .bytes)
    static let length = FieldDescriptor("data.len", "Length", .int32, base: .dec)

    static let fields: [FieldDescriptor] = [data, length]

    /// `data` layer of a template: `data.data` bytes, followed by the inner layers.
    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        try LayerFields.bytes(of: spec, at: index, field: data, allowed: [data.abbrev]) + payload
    }
}

/// The `raw` template layer: bytes written verbatim as the rest of the frame. Not a
/// Wireshark protocol; registered so suites can name its one field.
enum RawLayer {
    static let data = FieldDescriptor("raw.data", "Raw bytes", .bytes)

    static let fields: [FieldDescriptor] = [data]

    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        try LayerFields.bytes(of: spec, at: index, field: data, allowed: [data.abbrev]) + payload
    }
}
