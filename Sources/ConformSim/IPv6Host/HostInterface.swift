import ConformCapture
import ConformTime
import ConformWire

/// One Ethernet interface of the host, attached to one virtual link, with its own neighbor
/// cache. Puts packets on the link: multicast straight to the group's MAC, unicast through
/// the neighbor cache.
final class HostInterface: NeighborCacheLink {
    /// The tester port at the other end of the link (`tn1`).
    let port: String
    let addresses: HostAddresses
    private let link: VirtualLink.DeviceEnd
    private(set) lazy var neighbors = NeighborCache(clock: clock, parameters: parameters, link: self, fault: fault)
    /// Frames the codecs refused to build, with the reason.
    private(set) var buildFailures: [String] = []
    /// Path MTU per destination (RFC 8201).
    var pathMTU = PathMTUCache()
    /// The Identification of the next packet the host fragments.
    private var nextIdentification: UInt32 = 1
    private let clock: any HarnessClock
    private let parameters: NeighborDiscoveryParameters
    private let fault: IPv6HostFault?

    init(port: String, link: VirtualLink.DeviceEnd, addresses: HostAddresses, clock: any HarnessClock,
         parameters: NeighborDiscoveryParameters, fault: IPv6HostFault? = nil) {
        self.port = port
        self.fault = fault
        self.link = link
        self.addresses = addresses
        self.clock = clock
        self.parameters = parameters
    }

    /// Calls `handler` with each frame that arrives from the tester.
    func onReceive(_ handler: @escaping ([UInt8]) -> Void) { link.onReceive = handler }

    /// Sends a packet the normal way: multicast to its group's MAC, on-link unicast after
    /// address resolution. Other destinations are unreachable: the host has no router.
    func send(_ packet: OutboundPacket) {
        if packet.destination.isMulticast {
            transmit(packet, to: packet.destination.multicastMAC)
        } else if addresses.isOnLink(packet.destination) {
            neighbors.send(packet)
        }
    }

    /// Puts a packet on the link, in fragments when it exceeds the path MTU towards its
    /// destination (RFC 8200 §4.5, RFC 8201 §4).
    func transmit(_ packet: OutboundPacket, to linkAddress: MACAddress) {
        let ethernet = LayerSpec("eth", [("eth.dst", .ether(linkAddress)), ("eth.src", .ether(addresses.mac)),
                                         ("eth.type", .uint(0x86dd))])
        do {
            let whole = try FrameBuilder.build(packet.layers)
            let mtu = pathMTU.mtu(towards: packet.destination)
            guard whole.count > mtu else {
                link.send(try FrameBuilder.build([ethernet] + packet.layers))
                return
            }
            for fragment in Fragmenter.fragments(of: whole, mtu: mtu, identification: nextIdentification) {
                link.send(try FrameBuilder.build([ethernet, LayerSpec("raw", [("raw.data", .bytes(fragment))])]))
            }
            nextIdentification &+= 1
        } catch {
            buildFailures.append("\(port): \(error)")
        }
    }

    func solicit(_ target: IPv6Address, from source: IPv6Address, to linkAddress: MACAddress?) {
        // A solicitation always carries the SLLA except from :: (§4.3); ours is never from ::.
        let destination = linkAddress == nil ? target.solicitedNode : target
        let solicitation = HostMessages.neighborSolicitation(source: source, destination: destination, target: target,
                                                             sourceLinkAddress: addresses.mac)
        transmit(solicitation, to: linkAddress ?? destination.multicastMAC)
    }
}
