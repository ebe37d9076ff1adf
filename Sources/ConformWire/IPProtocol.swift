/// An IP protocol / IPv6 Next Header number (IANA "Assigned Internet Protocol Numbers").
/// Open: any 8-bit value is a valid `IPProtocol`.
public struct IPProtocol: RawRepresentable, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let hopByHop = IPProtocol(rawValue: 0)
    public static let icmp = IPProtocol(rawValue: 1)
    public static let tcp = IPProtocol(rawValue: 6)
    public static let udp = IPProtocol(rawValue: 17)
    public static let routing = IPProtocol(rawValue: 43)
    public static let fragment = IPProtocol(rawValue: 44)
    public static let icmpv6 = IPProtocol(rawValue: 58)
    /// "No Next Header" (RFC 8200 §4.7).
    public static let noNextHeader = IPProtocol(rawValue: 59)
    public static let destinationOptions = IPProtocol(rawValue: 60)

    /// The number announcing a template layer, for defaulting `ipv6.nxt`.
    static func announcing(_ layer: String?) -> IPProtocol? {
        switch layer {
        case "icmpv6": .icmpv6
        case nil: .noNextHeader
        default: nil
        }
    }
}
