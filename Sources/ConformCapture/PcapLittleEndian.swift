extension Array where Element == UInt8 {
    /// Appends `value` least significant byte first, the byte order both writers use.
    mutating func appendLittleEndian(_ value: some FixedWidthInteger) {
        for shift in stride(from: 0, to: value.bitWidth, by: 8) {
            append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}
