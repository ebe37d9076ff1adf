/// Field values as tshark 4.0 prints them with `-T fields`, written straight into a byte
/// buffer: no `String` is built per value, so a dissector loop can format millions of
/// fields without allocating.
///
/// - Integers: decimal, or for hex bases `0x` zero-padded to the width of the field's type
///   (`tcp.flags`, a 12-bit field of a `uint16`, prints as `0x0002`).
/// - Booleans: `1` or `0`.
/// - Bytes: lowercase hex, colon-separated for the fields Wireshark registers with a
///   separator (``FieldDescriptor/bytesSeparated``); no bytes as `<none>`.
/// - Addresses: MAC as `aa:bb:…`, IPv4 dotted, IPv6 as `inet_ntop` writes it (RFC 5952,
///   with the IPv4-mapped and -compatible forms in dotted quad).
public enum TsharkText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// What formatting needs of a descriptor: no strings, so a hot loop copies it for free.
    struct Format {
        let hex: Bool
        let hexDigits: Int
        let bytesSeparated: Bool

        init(_ descriptor: FieldDescriptor) {
            hex = descriptor.base == .hex
            hexDigits = TsharkText.hexWidth(of: descriptor.type)
            bytesSeparated = descriptor.bytesSeparated
        }
    }

    /// Appends `value` as tshark shows it for a field of `descriptor`.
    public static func append(_ value: FieldValue, for descriptor: FieldDescriptor, to out: inout [UInt8]) {
        append(value, format: Format(descriptor), to: &out)
    }

    static func append(_ value: FieldValue, format: Format, to out: inout [UInt8]) {
        switch value {
        case .uint(let v) where format.hex:
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "x"))
            appendHex(v, digits: format.hexDigits, to: &out)
        case .uint(let v):
            appendDecimal(v, to: &out)
        case .int(let v):
            if v < 0 { out.append(UInt8(ascii: "-")) }
            appendDecimal(v.magnitude, to: &out)
        case .bool(let b):
            out.append(b ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        case .ether(let mac):
            for index in 0..<6 {
                if index > 0 { out.append(UInt8(ascii: ":")) }
                appendHex(mac.value >> UInt64(40 - 8 * index) & 0xff, digits: 2, to: &out)
            }
        case .ipv4(let address):
            appendIPv4(address.bytes, at: 0, to: &out)
        case .ipv6(let address):
            appendIPv6(address, to: &out)
        case .bytes(let bytes) where bytes.isEmpty:
            out.append(contentsOf: "<none>".utf8)
        case .bytes(let bytes):
            appendBytes(bytes, separated: format.bytesSeparated, to: &out)
        case .string(let text):
            out.append(contentsOf: text.utf8)
        }
    }

    /// The value as text, as ``append(_:for:to:)`` writes it.
    public static func text(_ value: FieldValue, for descriptor: FieldDescriptor) -> String {
        var buffer: [UInt8] = []
        append(value, for: descriptor, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends `value` in decimal.
    public static func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            var rest = value
            while rest > 0 {
                scratch[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(scratch[index]) }
        }
    }

    /// Appends `value` as `digits` lowercase hex digits (more if the value needs them).
    static func appendHex(_ value: UInt64, digits: Int, to out: inout [UInt8]) {
        let needed = value == 0 ? 1 : (67 - value.leadingZeroBitCount) / 4
        var shift = 4 * (max(digits, needed) - 1)
        while shift >= 0 {
            out.append(hexDigits[Int(truncatingIfNeeded: (value >> UInt64(shift)) & 0xf)])
            shift -= 4
        }
    }

    static func hexWidth(of type: FieldType) -> Int {
        switch type {
        case .uint8: 2
        case .uint16: 4
        case .uint24: 6
        case .uint32, .int32: 8
        default: 16
        }
    }

    static func appendBytes(_ bytes: [UInt8], separated: Bool, to out: inout [UInt8]) {
        for (index, byte) in bytes.enumerated() {
            if separated, index > 0 { out.append(UInt8(ascii: ":")) }
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0xf)])
        }
    }

    static func appendIPv4(_ bytes: [UInt8], at start: Int, to out: inout [UInt8]) {
        for index in start..<start + 4 {
            if index > start { out.append(UInt8(ascii: ".")) }
            appendDecimal(UInt64(bytes[index]), to: &out)
        }
    }

    /// `inet_ntop(AF_INET6)`: the longest run of two or more zero groups (the first on a
    /// tie) as `::`; `::a.b.c.d` and `::ffff:a.b.c.d` with the last four bytes dotted.
    static func appendIPv6(_ address: IPv6Address, to out: inout [UInt8]) {
        var bestStart = -1, bestLength = 0, runStart = -1
        for group in 0...8 {
            if group < 8, address.group(group) == 0 {
                if runStart < 0 { runStart = group }
            } else if runStart >= 0 {
                if group - runStart > bestLength { bestStart = runStart; bestLength = group - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var group = 0
        while group < 8 {
            if group == bestStart {
                out.append(UInt8(ascii: ":"))
                if group == 0 { out.append(UInt8(ascii: ":")) }
                group += bestLength
                continue
            }
            let embedsIPv4 = group == 6 && bestStart == 0
                && (bestLength == 6 || (bestLength == 5 && address.group(5) == 0xffff))
            if embedsIPv4 {
                for shift in stride(from: 24, through: 0, by: -8) {
                    appendDecimal(address.low >> UInt64(shift) & 0xff, to: &out)
                    if shift > 0 { out.append(UInt8(ascii: ".")) }
                }
                return
            }
            appendHex(UInt64(address.group(group)), digits: 1, to: &out)
            if group < 7 { out.append(UInt8(ascii: ":")) }
            group += 1
        }
    }
}
