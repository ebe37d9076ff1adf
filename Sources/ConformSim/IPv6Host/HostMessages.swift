import ConformWire

/// The packets the host builds, from the `ipv6` layer inwards.
///
/// Hop limits are set in plain view: 255 for Neighbor Discovery (RFC 4861 §4.3, §4.4),
/// the host's CurHopLimit (64 unless a Router Advertisement said otherwise) for everything else.
enum HostMessages {
    static let defaultHopLimit: UInt64 = 64
    static let neighborDiscoveryHopLimit: UInt64 = 255

    static func neighborSolicitation(source: IPv6Address, destination: IPv6Address, target: IPv6Address,
                                     sourceLinkAddress: MACAddress?) -> OutboundPacket {
        var layers = [
            ipv6(source: source, destination: destination, hopLimit: neighborDiscoveryHopLimit),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(135)), ("icmpv6.code", .uint(0)),
                                 ("icmpv6.nd.ns.target_address", .ipv6(target))]),
        ]
        if let sourceLinkAddress { layers.append(linkAddressOption(type: 1, sourceLinkAddress)) }
        return OutboundPacket(source: source, destination: destination, layers: layers)
    }

    static func neighborAdvertisement(source: IPv6Address, destination: IPv6Address, target: IPv6Address,
                                      solicited: Bool, override: Bool, targetLinkAddress: MACAddress?,
                                      hopLimit: UInt64) -> OutboundPacket {
        var layers = [
            ipv6(source: source, destination: destination, hopLimit: hopLimit),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(136)), ("icmpv6.code", .uint(0)),
                                 ("icmpv6.nd.na.flag.r", .bool(false)), ("icmpv6.nd.na.flag.s", .bool(solicited)),
                                 ("icmpv6.nd.na.flag.o", .bool(override)),
                                 ("icmpv6.nd.na.target_address", .ipv6(target))]),
        ]
        if let targetLinkAddress { layers.append(linkAddressOption(type: 2, targetLinkAddress)) }
        return OutboundPacket(source: source, destination: destination, layers: layers)
    }

    static func echoReply(source: IPv6Address, destination: IPv6Address, identifier: UInt64, sequenceNumber: UInt64,
                          data: [UInt8], hopLimit: UInt64) -> OutboundPacket {
        var layers = [
            ipv6(source: source, destination: destination, hopLimit: hopLimit),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(129)), ("icmpv6.code", .uint(0)),
                                 ("icmpv6.echo.identifier", .uint(identifier)),
                                 ("icmpv6.echo.sequence_number", .uint(sequenceNumber))]),
        ]
        if !data.isEmpty { layers.append(LayerSpec("data", [("data.data", .bytes(data))])) }
        return OutboundPacket(source: source, destination: destination, layers: layers)
    }

    /// An ICMPv6 error message (RFC 4443 §3): type 1 Destination Unreachable (code 4: port
    /// unreachable), 3 Time Exceeded (code 1: reassembly time exceeded) or 4 Parameter
    /// Problem with its `pointer`, carrying as much of the invoking packet as fits in the
    /// minimum IPv6 MTU (§2.4 (c)).
    static func error(type: UInt64, code: UInt64, pointer: Int? = nil, source: IPv6Address, destination: IPv6Address,
                      invoking: [UInt8], hopLimit: UInt64) -> OutboundPacket {
        var message = LayerSpec("icmpv6", [("icmpv6.type", .uint(type)), ("icmpv6.code", .uint(code))])
        if let pointer { message.fields.append(("icmpv6.pointer", .uint(UInt64(pointer)))) }
        return OutboundPacket(source: source, destination: destination, layers: [
            ipv6(source: source, destination: destination, hopLimit: hopLimit),
            message,
            LayerSpec("data", [("data.data", .bytes(Array(invoking.prefix(minimumMTU - 40 - 8))))]),
        ])
    }

    /// RFC 8200 §5.
    static let minimumMTU = 1280

    private static func ipv6(source: IPv6Address, destination: IPv6Address, hopLimit: UInt64) -> LayerSpec {
        LayerSpec("ipv6", [("ipv6.src", .ipv6(source)), ("ipv6.dst", .ipv6(destination)), ("ipv6.hlim", .uint(hopLimit))])
    }

    private static func linkAddressOption(type: UInt64, _ address: MACAddress) -> LayerSpec {
        LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(type)), ("icmpv6.opt.linkaddr", .ether(address))])
    }
}
