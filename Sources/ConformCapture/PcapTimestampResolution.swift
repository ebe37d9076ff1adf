/// The unit of a pcapng interface's timestamps, from its `if_tsresol` option (§4.2): the
/// most significant bit picks a power of 2, otherwise a power of 10, and the other seven
/// bits are the negative exponent. Without the option the unit is 10^-6 s.
enum PcapTimestampResolution: Sendable, Hashable {
    /// Units of 10^-exponent seconds.
    case decimal(exponent: Int)
    /// Units of 2^-exponent seconds.
    case binary(exponent: Int)

    static let microseconds = PcapTimestampResolution.decimal(exponent: 6)
    static let nanoseconds = PcapTimestampResolution.decimal(exponent: 9)

    init(option: UInt8) {
        let exponent = Int(option & 0x7F)
        self = option & 0x80 == 0 ? .decimal(exponent: exponent) : .binary(exponent: exponent)
    }

    /// Converts a count of units to whole nanoseconds, rounding towards zero; nil when the
    /// result does not fit in `Int64`.
    func nanoseconds(_ units: UInt64) -> Int64? {
        switch self {
        case .decimal(let exponent) where exponent <= 9:
            let (ns, overflow) = units.multipliedReportingOverflow(by: Self.powerOfTen(9 - exponent))
            return overflow ? nil : Int64(exactly: ns)
        case .decimal(let exponent):
            // 10^20 exceeds every UInt64, so finer units than 10^-28 s all round to 0.
            return exponent - 9 > 19 ? 0 : Int64(exactly: units / Self.powerOfTen(exponent - 9))
        case .binary(let exponent):
            let (high, low) = units.multipliedFullWidth(by: 1_000_000_000)
            let shifted: UInt64
            switch exponent {
            case 0:
                guard high == 0 else { return nil }
                shifted = low
            case 1..<64:
                guard high >> exponent == 0 else { return nil }
                shifted = high << (64 - exponent) | low >> exponent
            default:
                shifted = high >> (exponent - 64)
            }
            return Int64(exactly: shifted)
        }
    }

    private static func powerOfTen(_ exponent: Int) -> UInt64 {
        var value: UInt64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
