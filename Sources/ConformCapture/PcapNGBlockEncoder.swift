/// Builds one pcapng block in little-endian byte order: body fields, then options, then the
/// trailing length (§3.1). Lengths are back-patched when the block is finished.
struct PcapNGBlockEncoder {
    private(set) var bytes: [UInt8]
    private var hasOptions = false

    init(type: UInt32) {
        bytes = []
        bytes.reserveCapacity(64)
        append(type)
        append(UInt32(0))
    }

    mutating func append(_ value: some FixedWidthInteger) {
        bytes.appendLittleEndian(value)
    }

    /// Raw bytes padded with zeros to a 32-bit boundary.
    mutating func appendPadded(_ data: some Collection<UInt8>) {
        bytes.append(contentsOf: data)
        bytes.append(contentsOf: repeatElement(0, count: Self.padding(data.count)))
    }

    /// One option TLV; the caller has checked that `value` fits in 65535 bytes.
    mutating func appendOption(_ code: UInt16, _ value: some Collection<UInt8>) {
        append(code)
        append(UInt16(value.count))
        appendPadded(value)
        hasOptions = true
    }

    /// An option holding one integer (`epb_flags`, `isb_ifdrop`).
    mutating func appendOption(_ code: UInt16, integer value: some FixedWidthInteger) {
        var encoded: [UInt8] = []
        encoded.appendLittleEndian(value)
        appendOption(code, encoded)
    }

    /// A timestamp option such as `isb_endtime`: the high 32 bits, then the low 32 bits (§4.6).
    mutating func appendTimestampOption(_ code: UInt16, _ units: UInt64) {
        var value: [UInt8] = []
        value.appendLittleEndian(UInt32(truncatingIfNeeded: units >> 32))
        value.appendLittleEndian(UInt32(truncatingIfNeeded: units))
        appendOption(code, value)
    }

    /// Ends the options (`opt_endofopt` when there were any), writes both length fields and
    /// returns the block.
    mutating func finish() -> [UInt8] {
        if hasOptions {
            append(PcapNGFormat.Option.endOfOptions)
            append(UInt16(0))
        }
        let total = UInt32(bytes.count + 4)
        append(total)
        for index in 0..<4 { bytes[4 + index] = UInt8(truncatingIfNeeded: total >> (index * 8)) }
        return bytes
    }

    static func padding(_ count: Int) -> Int { (4 - count % 4) % 4 }

    /// Options hold at most 65535 bytes (the length field is 16 bits).
    static let maximumOptionLength = Int(UInt16.max)
}
