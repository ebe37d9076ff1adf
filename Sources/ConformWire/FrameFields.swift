/// Frame-level fields, as Wireshark's `frame` protocol shows them. `frame.len` and
/// `frame.protocols` come from the bytes; the others from the capture record (``FrameInfo``).
enum FrameFields {
    static let number = FieldDescriptor("frame.number", "Frame Number", .uint32, base: .dec)
    /// Seconds since the epoch with nine decimals, as tshark prints it.
    static let timeEpoch = FieldDescriptor("frame.time_epoch", "Epoch Time", .string)
    static let length = FieldDescriptor("frame.len", "Frame length on the wire", .uint32, base: .dec)
    static let capturedLength = FieldDescriptor("frame.cap_len", "Frame length stored into the capture file", .uint32, base: .dec)
    static let protocols = FieldDescriptor("frame.protocols", "Protocols in frame", .string)

    static let fields: [FieldDescriptor] = [number, timeEpoch, length, capturedLength, protocols]
}
