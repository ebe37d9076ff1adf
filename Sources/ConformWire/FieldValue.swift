/// A decoded or to-be-encoded field value.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case uint(UInt64)
    case int(Int64)
    case bool(Bool)
    case ether(MACAddress)
    case ipv4(IPv4Address)
    case ipv6(IPv6Address)
    case bytes([UInt8])
    case string(String)

    /// The value as tshark 4.0 `-T fields` prints it for a field of this descriptor (see
    /// ``TsharkText``: hex fields as `0x…` zero-padded to the field width, booleans as
    /// `1`/`0`, bytes as lowercase hex, addresses in their canonical text forms).
    public func tsharkText(for descriptor: FieldDescriptor) -> String {
        TsharkText.text(self, for: descriptor)
    }

    public var description: String {
        switch self {
        case .uint(let v): return String(v)
        case .int(let v): return String(v)
        case .bool(let b): return b ? "1" : "0"
        case .ether(let m): return m.description
        case .ipv4(let a): return a.description
        case .ipv6(let a): return a.description
        case .bytes(let b): return b.map { byte in
                let h = String(byte, radix: 16)
                return h.count == 1 ? "0" + h : h
            }.joined()
        case .string(let s): return s
        }
    }

    /// The value as an unsigned integer, if it is numeric or boolean.
    public var unsignedValue: UInt64? {
        switch self {
        case .uint(let v): return v
        case .int(let v): return v >= 0 ? UInt64(v) : nil
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// Whether the value is of the case the dissector produces for fields of `type`.
    public func isOfType(_ type: FieldType) -> Bool {
        switch (self, type) {
        case (.uint, .uint8), (.uint, .uint16), (.uint, .uint24), (.uint, .uint32), (.uint, .uint64),
             (.int, .int32), (.bool, .bool), (.ether, .ether), (.ipv4, .ipv4), (.ipv6, .ipv6),
             (.bytes, .bytes), (.string, .string):
            return true
        default:
            return false
        }
    }
}
