/// Every field the codecs know, addressed by Wireshark display-filter name.
public enum FieldRegistry {
    /// Every field any codec registers (including frame-level ones), unique abbrevs.
    public static let all: [FieldDescriptor] = FrameFields.fields + Ethernet.fields + VLAN.fields + ARP.fields + IPv4.fields + ICMPv4.fields
        + IPv6.fields + IPv6OptionsHeader.fields + IPv6Option.fields + IPv6Routing.fields + IPv6Fragment.fields
        + ICMPv6.fields + MLD.fields + NDOption.fields + UDP.fields + TCP.fields + TCPOption.fields + DataLayer.fields + RawLayer.fields
        + PTP.fields + RTag.fields

    private static let byAbbrev: [String: FieldDescriptor] = {
        var table: [String: FieldDescriptor] = [:]
        for descriptor in all where table[descriptor.abbrev] == nil {
            table[descriptor.abbrev] = descriptor
        }
        return table
    }()

    public static func descriptor(for abbrev: String) -> FieldDescriptor? {
        byAbbrev[abbrev]
    }

    /// Nearest registered abbrev for a misspelt one, or nil.
    public static func suggestion(for abbrev: String) -> String? {
        NameSuggester.nearest(to: abbrev, among: all.map(\.abbrev))
    }

    /// Parses suite text for a field: decimal, 0x-hex, "true"/"false"/"1"/"0" for booleans,
    /// MAC text, IPv6/IPv4 text, hex bytes ("0a0b" or "0a:0b") for bytes, any text for string.
    ///
    /// Returns the same ``FieldValue`` case the dissector produces for that descriptor:
    /// boolean → `.bool`, uint8…uint64 → `.uint`, int32 → `.int`, ether → `.ether`,
    /// ipv4 → `.ipv4`, ipv6 → `.ipv6`, bytes → `.bytes`, string → `.string`.
    /// Values too wide for the field (300 for a uint8, 5000 for the 12-bit `vlan.id`) return nil.
    public static func parse(_ text: String, as descriptor: FieldDescriptor) -> FieldValue? {
        let trimmed = text.trimmingSpaces
        switch descriptor.type {
        case .bool:
            switch trimmed.lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return nil
            }
        case .uint8, .uint16, .uint24, .uint32, .uint64:
            guard let value = parseUnsigned(trimmed), value <= descriptor.maximum else { return nil }
            return .uint(value)
        case .int32:
            if trimmed.hasPrefix("-") {
                guard let magnitude = parseUnsigned(String(trimmed.dropFirst())), magnitude <= 1 << 31 else { return nil }
                return .int(-Int64(magnitude))
            }
            guard let value = parseUnsigned(trimmed), value <= UInt64(Int32.max) else { return nil }
            return .int(Int64(value))
        case .ether:
            return MACAddress(text: trimmed).map(FieldValue.ether)
        case .ipv4:
            return IPv4Address(text: trimmed).map(FieldValue.ipv4)
        case .ipv6:
            return IPv6Address(text: trimmed).map(FieldValue.ipv6)
        case .bytes:
            return parseHexBytes(trimmed).map(FieldValue.bytes)
        case .string:
            return .string(text)
        }
    }

    /// Brings a value into the case ``parse(_:as:)`` and the dissector use for the field,
    /// or nil when it cannot be: text is parsed, an address given for a bytes field gives
    /// its bytes, a boolean for an integer field gives 0 or 1.
    static func coerce(_ value: FieldValue, to descriptor: FieldDescriptor) -> FieldValue? {
        if case .string(let text) = value, descriptor.type != .string {
            return parse(text, as: descriptor)
        }
        switch (descriptor.type, value) {
        case (.bool, .bool): return value
        case (.bool, .uint(let v)) where v <= 1: return .bool(v == 1)
        case (.bool, .int(let v)) where v == 0 || v == 1: return .bool(v == 1)
        case (.uint8, _), (.uint16, _), (.uint24, _), (.uint32, _), (.uint64, _):
            guard let v = value.unsignedValue, v <= descriptor.maximum else { return nil }
            return .uint(v)
        case (.int32, .int(let v)) where Int64(Int32.min)...Int64(Int32.max) ~= v: return value
        case (.int32, .uint(let v)) where v <= UInt64(Int32.max): return .int(Int64(v))
        case (.ether, .ether), (.ipv4, .ipv4), (.ipv6, .ipv6), (.bytes, .bytes), (.string, .string): return value
        case (.ether, .bytes(let b)) where b.count == 6: return .ether(MACAddress(b))
        case (.ipv4, .bytes(let b)) where b.count == 4: return .ipv4(IPv4Address(b))
        case (.ipv6, .bytes(let b)) where b.count == 16: return .ipv6(IPv6Address(b))
        case (.bytes, .ether(let m)): return .bytes(m.bytes)
        case (.bytes, .ipv4(let a)): return .bytes(a.bytes)
        case (.bytes, .ipv6(let a)): return .bytes(a.bytes)
        default: return nil
        }
    }

    private static func parseUnsigned(_ text: String) -> UInt64? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") {
            let digits = lower.dropFirst(2)
            guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
            return UInt64(digits, radix: 16)
        }
        guard !lower.isEmpty, lower.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(lower)
    }

    /// "0a0b", "0a:0b", "0a-0b", "0a 0b" or "0x0a0b"; the empty text is no bytes.
    static func parseHexBytes(_ text: String) -> [UInt8]? {
        var digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
        digits.removeAll { $0 == ":" || $0 == "-" || $0 == " " }
        guard digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else { return nil }
        let characters = Array(digits)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let byte = UInt8(String(characters[index...index + 1]), radix: 16) else { return nil }
            bytes.append(byte)
            index += 2
        }
        return bytes
    }
}

extension FieldDescriptor {
    /// The largest value the field holds: its bit mask shifted down, or its type's width.
    var maximum: UInt64 {
        if bitmask != 0 { return bitmask >> UInt64(bitmask.trailingZeroBitCount) }
        switch type {
        case .bool: return 1
        case .uint8: return 0xff
        case .uint16: return 0xffff
        case .uint24: return 0xff_ffff
        case .uint32, .int32: return 0xffff_ffff
        default: return UInt64.max
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
