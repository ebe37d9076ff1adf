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

    /// The number announcing a template layer, for defaulting `ipv6.nxt` and the Next
    /// Header fields of extension headers.
    static func announcing(_ layer: String?) -> IPProtocol? {
        switch layer {
        case "icmpv6": .icmpv6
        case "udp": .udp
        case "ipv6.hopopts": .hopByHop
        case "ipv6.dstopts": .destinationOptions
        case "ipv6.routing": .routing
        case "ipv6.fraghdr": .fragment
        case nil: .noNextHeader
        default: nil
        }
    }

    /// Decodes the upper-layer protocol a Next Header or Protocol field announces.
    static func dissectTransport(_ protocolNumber: IPProtocol, _ recorder: inout DissectionRecorder,
                                 at offset: Int, end: Int, context: UpperLayerContext) {
        switch protocolNumber {
        case .icmpv6: ICMPv6.dissect(&recorder, at: offset, end: end, context: context)
        case .udp: UDP.dissect(&recorder, at: offset, end: end, context: context)
        // RFC 8200 §4.7: nothing follows; any bytes left are ignored.
        case .noNextHeader: break
        default: recorder.addData(from: offset, to: end)
        }
    }
}
