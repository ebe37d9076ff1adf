/// Reads integers and byte runs from a window of a capture file in the file's (or
/// section's) byte order. Every read checks the window first and throws instead of
/// trapping, naming the field that did not fit.
struct PcapByteCursor {
    let bytes: [UInt8]
    let bigEndian: Bool
    /// Where the next read starts, as an offset from the start of the file.
    private(set) var position: Int
    /// One past the last byte this cursor may read.
    let end: Int
    /// Builds the error for a field that runs past `end`.
    let failure: (Int, String) -> CaptureFileError

    init(bytes: [UInt8], from start: Int, to end: Int, bigEndian: Bool,
         failure: @escaping (Int, String) -> CaptureFileError) {
        self.bytes = bytes
        self.position = start
        self.end = min(end, bytes.count)
        self.bigEndian = bigEndian
        self.failure = failure
    }

    var remaining: Int { end - position }

    mutating func u8(_ field: String) throws(CaptureFileError) -> UInt8 {
        try reserve(1, field)
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16(_ field: String) throws(CaptureFileError) -> UInt16 {
        UInt16(truncatingIfNeeded: try integer(2, field))
    }

    mutating func u32(_ field: String) throws(CaptureFileError) -> UInt32 {
        UInt32(truncatingIfNeeded: try integer(4, field))
    }

    mutating func u64(_ field: String) throws(CaptureFileError) -> UInt64 {
        try integer(8, field)
    }

    /// A pcapng timestamp: high 32 bits, then low 32 bits, each in the section's byte order.
    mutating func timestamp(_ field: String) throws(CaptureFileError) -> UInt64 {
        let high = try u32(field)
        let low = try u32(field)
        return UInt64(high) << 32 | UInt64(low)
    }

    /// `count` bytes, then skips the padding to the next 32-bit boundary when `padded`.
    mutating func bytes(_ count: Int, _ field: String, padded: Bool = false) throws(CaptureFileError) -> [UInt8] {
        let span = padded ? count + (4 - count % 4) % 4 : count
        try reserve(span, field)
        defer { position += span }
        return Array(bytes[position..<position + count])
    }

    mutating func skip(_ count: Int, _ field: String) throws(CaptureFileError) {
        try reserve(count, field)
        position += count
    }

    private mutating func integer(_ width: Int, _ field: String) throws(CaptureFileError) -> UInt64 {
        try reserve(width, field)
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bytes[position + (bigEndian ? index : width - 1 - index)])
            value = value << 8 | byte
        }
        position += width
        return value
    }

    private func reserve(_ count: Int, _ field: String) throws(CaptureFileError) {
        guard count >= 0, count <= end - position else {
            throw failure(position, "\(field) needs \(count) bytes, \(max(0, end - position)) left")
        }
    }
}
