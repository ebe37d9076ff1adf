import ConformWire

/// The addresses the host owns and the groups it listens to, from the target's `nut` entry.
public struct HostAddresses: Sendable, Hashable {
    public let mac: MACAddress
    public let linkLocal: IPv6Address
    public let global: IPv6Address?

    public init(mac: MACAddress, linkLocal: IPv6Address, global: IPv6Address?) {
        self.mac = mac
        self.linkLocal = linkLocal
        self.global = global
    }

    /// Reads `mac`, `ll` and the optional `global` from the target's address map.
    /// - Throws: ``SimulatorError`` naming the attribute that is missing or not a unicast address.
    public init(attributes: [String: String]) throws(SimulatorError) {
        guard let macText = attributes["mac"] else { throw SimulatorError("address 'mac' of the device is missing") }
        guard let mac = MACAddress(text: macText), !mac.isMulticast else {
            throw SimulatorError("address 'mac' of the device: '\(macText)' is not a unicast MAC address")
        }
        guard let llText = attributes["ll"] else { throw SimulatorError("address 'll' of the device is missing") }
        guard let linkLocal = IPv6Address(text: llText), linkLocal.isLinkLocal else {
            throw SimulatorError("address 'll' of the device: '\(llText)' is not a link-local IPv6 address")
        }
        var global: IPv6Address?
        if let globalText = attributes["global"] {
            guard let address = IPv6Address(text: globalText), !address.isMulticast, !address.isUnspecified,
                  !address.isLinkLocal else {
                throw SimulatorError("address 'global' of the device: '\(globalText)' is not a global unicast IPv6 address")
            }
            global = address
        }
        self.init(mac: mac, linkLocal: linkLocal, global: global)
    }

    /// Every unicast address assigned to the interface.
    public var unicast: [IPv6Address] { [linkLocal] + (global.map { [$0] } ?? []) }

    /// The multicast groups the host has joined: all-nodes and the solicited-node group of
    /// each of its addresses (RFC 4861 §7.2.1).
    public var groups: [IPv6Address] { [IPv6Address.allNodes] + unicast.map(\.solicitedNode) }

    /// Whether the host accepts an IPv6 packet sent to `address`.
    public func accepts(_ address: IPv6Address) -> Bool {
        unicast.contains(address) || groups.contains(address)
    }

    /// Whether the host's Ethernet interface accepts a frame sent to `destination`: its own
    /// MAC, broadcast, or the multicast MAC of a group it has joined.
    public func accepts(_ destination: MACAddress) -> Bool {
        destination == mac || destination == .broadcast || groups.contains { $0.multicastMAC == destination }
    }

    /// The source for a packet to `destination` (RFC 6724 §5 rule 2, prefer the matching
    /// scope): the link-local address for link-local or multicast peers, else the global one.
    public func source(towards destination: IPv6Address) -> IPv6Address {
        guard let global, !destination.isLinkLocal, !destination.isMulticast else { return linkLocal }
        return global
    }

    /// Whether `destination` is on the link (RFC 4861 §5.2): link-local, or inside the /64 of
    /// the global address. The simulated host has no default router, so nothing else is
    /// reachable.
    public func isOnLink(_ destination: IPv6Address) -> Bool {
        if destination.isLinkLocal || destination.isMulticast { return true }
        guard let global else { return false }
        return destination.bytes.prefix(8) == global.bytes.prefix(8)
    }
}

// Typed forms of Wire's `solicited_node` and `multicast_mac` suite helpers, kept internal so
// that they cannot collide with public API Wire may add.
extension IPv6Address {
    /// The solicited-node multicast address `ff02::1:ffXX:XXXX` (RFC 4291 §2.7.1).
    var solicitedNode: IPv6Address {
        IPv6Address([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff] + bytes.suffix(3))
    }

    /// The Ethernet address of a multicast IPv6 address: `33:33` and its last four bytes
    /// (RFC 2464 §7).
    var multicastMAC: MACAddress { MACAddress([0x33, 0x33] + bytes.suffix(4)) }

    /// Whether this is the loopback address `::1` (RFC 4291 §2.5.3).
    var isLoopback: Bool { bytes.prefix(15).allSatisfy { $0 == 0 } && bytes.last == 1 }

    /// Whether this is a solicited-node multicast address (`ff02::1:ff00:0/104`).
    var isSolicitedNode: Bool {
        bytes.prefix(13).elementsEqual([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff])
    }
}
