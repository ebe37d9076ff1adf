/// Frame-level fields, as Wireshark's `frame` protocol shows them.
enum FrameFields {
    static let length = FieldDescriptor("frame.len", "Frame length on the wire", .uint32, base: .dec)
    static let protocols = FieldDescriptor("frame.protocols", "Protocols in frame", .string)

    static let fields: [FieldDescriptor] = [length, protocols]
}
