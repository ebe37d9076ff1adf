/// An ICMPv6 message type (RFC 4443 §2.1, RFC 4861 §4). Open: any 8-bit value is valid.
public struct ICMPv6Type: RawRepresentable, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let destinationUnreachable = ICMPv6Type(rawValue: 1)
    public static let packetTooBig = ICMPv6Type(rawValue: 2)
    public static let timeExceeded = ICMPv6Type(rawValue: 3)
    public static let parameterProblem = ICMPv6Type(rawValue: 4)
    public static let echoRequest = ICMPv6Type(rawValue: 128)
    public static let echoReply = ICMPv6Type(rawValue: 129)
    public static let multicastListenerQuery = ICMPv6Type(rawValue: 130)
    public static let multicastListenerReport = ICMPv6Type(rawValue: 131)
    public static let multicastListenerDone = ICMPv6Type(rawValue: 132)
    public static let routerSolicitation = ICMPv6Type(rawValue: 133)
    public static let routerAdvertisement = ICMPv6Type(rawValue: 134)
    public static let neighborSolicitation = ICMPv6Type(rawValue: 135)
    public static let neighborAdvertisement = ICMPv6Type(rawValue: 136)
    public static let redirect = ICMPv6Type(rawValue: 137)
    public static let version2MulticastListenerReport = ICMPv6Type(rawValue: 143)
}
