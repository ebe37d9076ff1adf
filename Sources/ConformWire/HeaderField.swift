/// Where a field sits in a fixed-layout header: the containing integer's offset and width
/// in bytes, and the bits of it the field covers.
///
/// One table of these per header drives both directions, so the dissector and the builder
/// cannot disagree on a field's place. `mask` is usually the descriptor's Wireshark
/// bitmask; it differs only where Wireshark registers a bit field without one
/// (`ipv6.version` is the high nibble of its byte).
struct HeaderField: Sendable {
    let descriptor: FieldDescriptor
    /// Everything reading needs, without the names, so the decoder copies it for free.
    let placement: Placement

    /// A field's bytes and bits, and how to read them.
    struct Placement: Sendable {
        let offset: Int
        let width: Int
        let mask: UInt64
        let type: FieldType

        var end: Int { offset + width }
        var shift: UInt64 { mask == 0 ? 0 : UInt64(mask.trailingZeroBitCount) }

        /// Reads the field from a header starting at `base`, or nil when the bytes are too short.
        func read(_ bytes: [UInt8], base: Int) -> FieldValue? {
            let start = base + offset
            guard start >= 0, start + width <= bytes.count else { return nil }
            switch type {
            case .ether:
                return .ether(MACAddress(bytes, at: start))
            case .ipv4:
                return .ipv4(IPv4Address(Array(bytes[start..<start + 4])))
            case .ipv6:
                return .ipv6(IPv6Address(bytes, at: start))
            case .bytes:
                return .bytes(Array(bytes[start..<start + width]))
            case .string:
                return .string(String(decoding: bytes[start..<start + width], as: UTF8.self))
            case .bool, .uint8, .uint16, .uint24, .uint32, .uint64, .int32:
                var container: UInt64 = 0
                // By index rather than over a slice, which would retain the frame's storage.
                for index in start..<start + width { container = container << 8 | UInt64(bytes[index]) }
                let value = mask == 0 ? container : (container & mask) >> shift
                switch type {
                case .bool: return .bool(value != 0)
                case .int32: return .int(signExtended(value))
                default: return .uint(value)
                }
            }
        }

        /// The width in bits of a signed field: its mask, or its bytes up to 32 bits (`int32`
        /// fields narrower than four bytes hold PTP's Integer8/Integer16 values).
        var signedBits: Int { mask != 0 ? mask.nonzeroBitCount : min(32, 8 * width) }

        /// Two's complement of the field's bits, sign-extended.
        func signExtended(_ value: UInt64) -> Int64 {
            let unused = 64 - signedBits
            return Int64(bitPattern: value << UInt64(unused)) >> Int64(unused)
        }
    }

    init(_ descriptor: FieldDescriptor, at offset: Int, width: Int, mask: UInt64? = nil) {
        self.descriptor = descriptor
        placement = Placement(offset: offset, width: width, mask: mask ?? descriptor.bitmask, type: descriptor.type)
    }

    var abbrev: String { descriptor.abbrev }
    var offset: Int { placement.offset }
    var width: Int { placement.width }
    var mask: UInt64 { placement.mask }
    var end: Int { placement.end }
    private var shift: UInt64 { placement.shift }

    /// The largest value the field can hold in its bits.
    var maximum: UInt64 {
        if mask != 0 { return mask >> shift }
        return width >= 8 ? UInt64.max : (1 << UInt64(8 * width)) - 1
    }

    private var signedRange: ClosedRange<Int64> {
        -(Int64(1) << (placement.signedBits - 1))...(Int64(1) << (placement.signedBits - 1)) - 1
    }

    /// Reads the field from a header starting at `base`, or nil when the bytes are too short.
    func read(_ bytes: [UInt8], base: Int) -> FieldValue? {
        placement.read(bytes, base: base)
    }

    /// Writes `value` into `header`, keeping the bits outside the field.
    /// - Returns: why the value does not fit, or nil when written.
    func write(_ value: FieldValue, into header: inout [UInt8]) -> String? {
        guard let coerced = FieldRegistry.coerce(value, to: descriptor) else {
            return "\(value) is not a valid \(descriptor.type.rawValue) value for \(abbrev)"
        }
        guard end <= header.count else { return "\(abbrev) lies outside the header" }
        let replacement: [UInt8]
        switch coerced {
        case .ether(let m): replacement = m.bytes
        case .ipv4(let a): replacement = a.bytes
        case .ipv6(let a): replacement = a.bytes
        case .bytes(let b): replacement = b
        case .string(let s): replacement = Array(s.utf8)
        case .uint, .int, .bool:
            let raw: UInt64
            switch coerced {
            case .int(let v):
                guard signedRange.contains(v) else { return "\(v) does not fit in \(abbrev) (\(signedRange.lowerBound)...\(signedRange.upperBound))" }
                raw = UInt64(bitPattern: v) & maximum
            default: raw = coerced.unsignedValue ?? 0
            }
            guard raw <= maximum else { return "\(raw) does not fit in \(abbrev) (at most \(maximum))" }
            var container: UInt64 = 0
            for byte in header[offset..<end] { container = container << 8 | UInt64(byte) }
            container = mask == 0 ? raw : (container & ~mask) | (raw << shift & mask)
            for index in 0..<width {
                header[end - 1 - index] = UInt8(truncatingIfNeeded: container >> UInt64(8 * index))
            }
            return nil
        }
        guard replacement.count == width else {
            return "\(abbrev) takes \(width) bytes, got \(replacement.count)"
        }
        header.replaceSubrange(offset..<end, with: replacement)
        return nil
    }
}
