import Synchronization

/// Serial numbers of descriptors, in the order they are made.
private let descriptorSerials = Atomic<Int>(0)

/// The type of a protocol field, as Wireshark's `ftenum` names them where one fits.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case bool = "boolean"
    case uint8, uint16, uint24, uint32, uint64
    case int32
    case ether        // 6-byte MAC address
    case ipv4
    case ipv6
    case bytes
    case string
}

/// How a numeric field is shown (Wireshark's `field_display_e`).
public enum FieldBase: String, Sendable, Hashable {
    case none, dec, hex, oct
}

/// One field a codec knows, addressed by its Wireshark display-filter name.
///
/// The `abbrev` is public API: suites match on it, and tshark's `-e` users copy it from
/// Wireshark. A bitmask selects bits within the containing integer (as `hf_register_info`
/// does), so `icmpv6.nd.na.flag.s` is a `.bool` over `0x40000000` of a `.uint32`.
public struct FieldDescriptor: Sendable, Hashable {
    /// Unique per descriptor made (copies share it), so a hot loop can tell fields apart by
    /// an integer rather than by hashing their abbrevs. Not part of equality.
    let serial: Int
    public let abbrev: String
    public let name: String
    public let type: FieldType
    public let base: FieldBase
    public let bitmask: UInt64
    /// A `.bytes` field Wireshark registers with a separator (`SEP_COLON`): tshark prints
    /// its bytes as `02:00:5e:…` rather than `02005e…`.
    public let bytesSeparated: Bool

    public init(_ abbrev: String, _ name: String, _ type: FieldType, base: FieldBase = .none, bitmask: UInt64 = 0,
                bytesSeparated: Bool = false) {
        self.abbrev = abbrev
        self.name = name
        self.type = type
        self.base = base
        self.bitmask = bitmask
        self.bytesSeparated = bytesSeparated
        serial = descriptorSerials.add(1, ordering: .relaxed).oldValue
    }

    public static func == (lhs: FieldDescriptor, rhs: FieldDescriptor) -> Bool {
        lhs.abbrev == rhs.abbrev && lhs.name == rhs.name && lhs.type == rhs.type && lhs.base == rhs.base
            && lhs.bitmask == rhs.bitmask && lhs.bytesSeparated == rhs.bytesSeparated
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(abbrev)
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(base)
        hasher.combine(bitmask)
        hasher.combine(bytesSeparated)
    }
}
