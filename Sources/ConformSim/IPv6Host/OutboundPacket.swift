import ConformWire

/// An IPv6 packet the host has made, waiting for the link-layer header: the layers from
/// `ipv6` inwards, and the addresses the neighbor cache needs.
struct OutboundPacket {
    let source: IPv6Address
    let destination: IPv6Address
    /// `ipv6` and the layers it carries, outermost first.
    let layers: [LayerSpec]
}
