/// A helper suites call inside `{{ }}`, such as `solicited_node(nut.ll)`.
public struct WireFunction: Sendable {
    public let name: String
    public let arity: Int
    /// Applies the helper; nil when an argument is not of a usable kind.
    public let apply: @Sendable ([FieldValue]) -> FieldValue?

    public init(name: String, arity: Int, apply: @escaping @Sendable ([FieldValue]) -> FieldValue?) {
        self.name = name
        self.arity = arity
        self.apply = apply
    }
}

/// The helpers Wire offers to suites. Arguments may arrive as `.string` text and are
/// coerced to the kind each helper takes.
public enum WireFunctions {
    public static let all: [WireFunction] = [
        // RFC 4291 §2.7.1: ff02::1:ff00:0/104 followed by the low 24 bits of the address.
        WireFunction(name: "solicited_node", arity: 1) { arguments in
            guard arguments.count == 1, let address = ipv6(arguments[0]) else { return nil }
            let prefix: [UInt8] = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff]
            return .ipv6(IPv6Address(prefix + address.bytes[13...]))
        },
        // RFC 2464 §7: 33:33 followed by the low 32 bits of the IPv6 multicast address.
        WireFunction(name: "multicast_mac", arity: 1) { arguments in
            guard arguments.count == 1, let address = ipv6(arguments[0]) else { return nil }
            return .ether(MACAddress([0x33, 0x33] + address.bytes[12...]))
        },
        // RFC 4291 Appendix A: fe80::/64 and the modified EUI-64 (ff:fe in the middle,
        // universal/local bit inverted).
        WireFunction(name: "link_local", arity: 1) { arguments in
            guard arguments.count == 1, let mac = ether(arguments[0]) else { return nil }
            let m = mac.bytes
            let interfaceID: [UInt8] = [m[0] ^ 0x02, m[1], m[2], 0xff, 0xfe, m[3], m[4], m[5]]
            return .ipv6(IPv6Address([0xfe, 0x80, 0, 0, 0, 0, 0, 0] + interfaceID))
        },
        // Integer arithmetic on instants and durations in nanoseconds (signed results).
        WireFunction(name: "difference", arity: 2) { arguments in
            guard let v = PTPFunctions.integers(arguments), v.count == 2 else { return nil }
            let (result, overflow) = v[0].subtractingReportingOverflow(v[1])
            return overflow ? nil : .int(result)
        },
        // ns · (1 + ppb · 10^-9): an instant on a clock running ppb fast.
        WireFunction(name: "scaled", arity: 2) { arguments in
            guard let v = PTPFunctions.integers(arguments), v.count == 2 else { return nil }
            let (whole, overflow) = (v[0] / 1_000_000_000).multipliedReportingOverflow(by: v[1])
            guard !overflow else { return nil }
            let (result, sumOverflow) = v[0].addingReportingOverflow(whole &+ (v[0] % 1_000_000_000) * v[1] / 1_000_000_000)
            return sumOverflow ? nil : .int(result)
        },
        WireFunction(name: "sum", arity: 2) { arguments in
            guard let v = PTPFunctions.integers(arguments), v.count == 2 else { return nil }
            let (result, overflow) = v[0].addingReportingOverflow(v[1])
            return overflow ? nil : .int(result)
        },
    ] + PTPFunctions.all

    public static func named(_ name: String) -> WireFunction? {
        all.first { $0.name == name }
    }

    private static func ipv6(_ value: FieldValue) -> IPv6Address? {
        guard case .ipv6(let address)? = FieldRegistry.coerce(value, to: FieldDescriptor("ipv6", "argument", .ipv6)) else { return nil }
        return address
    }

    private static func ether(_ value: FieldValue) -> MACAddress? {
        guard case .ether(let mac)? = FieldRegistry.coerce(value, to: FieldDescriptor("ether", "argument", .ether)) else { return nil }
        return mac
    }
}
