/// A 48-bit IEEE 802 MAC address.
public struct MACAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 48 bits, first octet highest: held inline, so decoding one allocates nothing.
    let value: UInt64

    /// The six octets in transmission order.
    public var bytes: [UInt8] { (0..<6).map { UInt8(truncatingIfNeeded: value >> UInt64(40 - 8 * $0)) } }

    /// - Precondition: exactly 6 bytes; use ``init(text:)`` for untrusted text.
    public init(_ bytes: [UInt8]) {
        precondition(bytes.count == 6, "a MAC address has 6 bytes")
        self.init(bytes, at: 0)
    }

    /// The address in `buffer[offset..<offset + 6]`, which the caller has bounds-checked.
    init(_ buffer: [UInt8], at offset: Int) {
        var value: UInt64 = 0
        for index in offset..<offset + 6 { value = value << 8 | UInt64(buffer[index]) }
        self.value = value
    }

    /// Parses `02:00:00:00:00:01` (also with `-` separators).
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).count == 6
            ? text.split(separator: ":", omittingEmptySubsequences: false)
            : text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard part.count == 2, let b = UInt8(part, radix: 16) else { return nil }
            bytes.append(b)
        }
        self.init(bytes, at: 0)
    }

    public static let broadcast = MACAddress([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])

    public var isMulticast: Bool { value >> 40 & 1 == 1 }

    public static func < (l: MACAddress, r: MACAddress) -> Bool { l.value < r.value }

    public var description: String { bytes.map(hexByte).joined(separator: ":") }
}

/// An IPv4 address.
public struct IPv4Address: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// - Precondition: exactly 4 bytes.
    public init(_ bytes: [UInt8]) {
        precondition(bytes.count == 4, "an IPv4 address has 4 bytes")
        self.bytes = bytes
    }

    /// Parses dotted-quad text; leading zeros are refused (they are octal to some parsers).
    public init?(text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  !(part.count > 1 && part.first == "0"), let b = UInt8(part) else { return nil }
            bytes.append(b)
        }
        self.bytes = bytes
    }

    public static func < (l: IPv4Address, r: IPv4Address) -> Bool { l.bytes.lexicographicallyPrecedes(r.bytes) }

    public var description: String { bytes.map(String.init).joined(separator: ".") }
}

/// An IPv6 address; printed in the RFC 5952 canonical form.
public struct IPv6Address: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 128 bits as two big-endian halves, held inline: decoding one allocates nothing.
    let high: UInt64
    let low: UInt64

    /// The sixteen octets in network order.
    public var bytes: [UInt8] {
        (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> UInt64(56 - 8 * ($0 % 8))) }
    }

    /// - Precondition: exactly 16 bytes.
    public init(_ bytes: [UInt8]) {
        precondition(bytes.count == 16, "an IPv6 address has 16 bytes")
        self.init(bytes, at: 0)
    }

    /// The address in `buffer[offset..<offset + 16]`, which the caller has bounds-checked.
    init(_ buffer: [UInt8], at offset: Int) {
        var high: UInt64 = 0, low: UInt64 = 0
        for index in offset..<offset + 8 { high = high << 8 | UInt64(buffer[index]) }
        for index in offset + 8..<offset + 16 { low = low << 8 | UInt64(buffer[index]) }
        self.high = high
        self.low = low
    }

    /// The 16-bit group `index` (0 to 7).
    func group(_ index: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: (index < 4 ? high : low) >> UInt64(48 - 16 * (index % 4)))
    }

    public static let unspecified = IPv6Address([UInt8](repeating: 0, count: 16))
    /// ff02::1
    public static let allNodes = IPv6Address([0xff, 0x02] + [UInt8](repeating: 0, count: 13) + [1])
    /// ff02::2
    public static let allRouters = IPv6Address([0xff, 0x02] + [UInt8](repeating: 0, count: 13) + [2])

    /// Parses RFC 4291 §2.2 text forms, including `::` and an embedded IPv4 tail.
    public init?(text: String) {
        guard !text.isEmpty, text.count <= 45 else { return nil }
        let halves = splitOnDoubleColon(text)
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains(".") {
                    guard let v4 = IPv4Address(text: String(piece)) else { return nil }
                    result.append(UInt16(v4.bytes[0]) << 8 | UInt16(v4.bytes[1]))
                    result.append(UInt16(v4.bytes[2]) << 8 | UInt16(v4.bytes[3]))
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), let g = UInt16(piece, radix: 16) else { return nil }
                result.append(g)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all: [UInt16]
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        self.init(all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }, at: 0)
    }

    public var isMulticast: Bool { high >> 56 == 0xff }
    public var isLinkLocal: Bool { high >> 48 & 0xffc0 == 0xfe80 }
    public var isUnspecified: Bool { high == 0 && low == 0 }

    public static func < (l: IPv6Address, r: IPv6Address) -> Bool { (l.high, l.low) < (r.high, r.low) }

    /// RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups
    /// (the first on a tie) as `::`.
    public var description: String {
        let groups = (0..<8).map(group)
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8, groups[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        let text = { (range: Range<Int>) in range.map { String(groups[$0], radix: 16) }.joined(separator: ":") }
        guard bestLength >= 2 else { return text(0..<8) }
        return text(0..<bestStart) + "::" + text((bestStart + bestLength)..<8)
    }
}

func hexByte(_ b: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xf)]])
}

/// Splits IPv6 text at each `::`.
private func splitOnDoubleColon(_ text: String) -> [String] {
    var parts: [String] = [], current = "", previousColon = false
    for ch in text {
        if ch == ":" && previousColon {
            current.removeLast()
            parts.append(current)
            current = ""
            previousColon = false
            continue
        }
        current.append(ch)
        previousColon = ch == ":"
    }
    parts.append(current)
    return parts
}
