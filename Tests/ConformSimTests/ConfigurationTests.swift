import ConformTime
import ConformWire
import Testing
@testable import ConformSim

@Test func parametersDefaultToRFC4861Values() throws {
    let parameters = try NeighborDiscoveryParameters(pixit: ["capture_grace": "50ms"])
    #expect(parameters.retransTimer == .seconds(1))
    #expect(parameters.reachableTime == .seconds(30))
    #expect(parameters.delayFirstProbeTime == .seconds(5))
    #expect(parameters.maxMulticastSolicit == 3)
    #expect(parameters.maxUnicastSolicit == 3)
}

@Test func parametersAreReadFromPIXIT() throws {
    let parameters = try NeighborDiscoveryParameters(pixit: [
        "retrans_timer": "250ms", "reachable_time": "2s", "delay_first_probe_time": "1500ms",
        "max_multicast_solicit": "4", "max_unicast_solicit": "2",
    ])
    #expect(parameters.retransTimer == .milliseconds(250))
    #expect(parameters.reachableTime == .seconds(2))
    #expect(parameters.delayFirstProbeTime == .milliseconds(1500))
    #expect(parameters.maxMulticastSolicit == 4)
    #expect(parameters.maxUnicastSolicit == 2)
}

@Test(arguments: [
    ("retrans_timer", "1"), ("retrans_timer", "fast"), ("retrans_timer", "0s"), ("reachable_time", "-1s"),
    ("max_multicast_solicit", "0"), ("max_unicast_solicit", "three"),
])
func badParameterIsAnErrorNamingTheKey(key: String, value: String) {
    #expect {
        try NeighborDiscoveryParameters(pixit: [key: value])
    } throws: { error in
        (error as? SimulatorError)?.message.contains(key) == true
    }
}

@Test func addressesAreReadFromTheTarget() throws {
    let addresses = try HostAddresses(attributes: ["mac": "02:00:00:00:00:01", "ll": "fe80::ff:fe00:1", "global": "2001:db8::1"])
    #expect(addresses.mac == MACAddress(text: "02:00:00:00:00:01"))
    #expect(addresses.unicast == [IPv6Address(text: "fe80::ff:fe00:1")!, IPv6Address(text: "2001:db8::1")!])
    #expect(addresses.groups.map(\.description) == ["ff02::1", "ff02::1:ff00:1", "ff02::1:ff00:1"])
}

@Test(arguments: [
    ["ll": "fe80::1"], ["mac": "02:00:00:00:00:01"], ["mac": "03:00:00:00:00:01", "ll": "fe80::1"],
    ["mac": "02:00:00:00:00:01", "ll": "2001:db8::1"], ["mac": "02:00:00:00:00:01", "ll": "fe80::1", "global": "ff02::1"],
])
func badAddressesAreAnError(attributes: [String: String]) {
    #expect(throws: SimulatorError.self) { try HostAddresses(attributes: attributes) }
}

@Test func hostAcceptsItsAddressesGroupsAndMACs() throws {
    let addresses = try HostAddresses(attributes: ["mac": "02:00:00:00:00:01", "ll": "fe80::ff:fe00:1"])
    #expect(addresses.accepts(IPv6Address(text: "fe80::ff:fe00:1")!))
    #expect(addresses.accepts(IPv6Address(text: "ff02::1")!))
    #expect(addresses.accepts(IPv6Address(text: "ff02::1:ff00:1")!))
    #expect(!addresses.accepts(IPv6Address(text: "ff02::2")!))
    #expect(!addresses.accepts(IPv6Address(text: "ff02::1:ff00:2")!))
    #expect(!addresses.accepts(IPv6Address(text: "fe80::2")!))
    #expect(addresses.accepts(MACAddress(text: "02:00:00:00:00:01")!))
    #expect(addresses.accepts(MACAddress.broadcast))
    #expect(addresses.accepts(MACAddress(text: "33:33:00:00:00:01")!))
    #expect(addresses.accepts(MACAddress(text: "33:33:ff:00:00:01")!))
    #expect(!addresses.accepts(MACAddress(text: "33:33:ff:00:00:02")!))
    #expect(!addresses.accepts(MACAddress(text: "02:00:00:00:00:02")!))
}

@Test func solicitedNodeAddressAndMulticastMACFollowRFC4291AndRFC2464() {
    let address = IPv6Address(text: "fe80::2aa:ff:fe28:9c5a")!
    #expect(address.solicitedNode.description == "ff02::1:ff28:9c5a")
    #expect(address.solicitedNode.multicastMAC.description == "33:33:ff:28:9c:5a")
    #expect(address.solicitedNode.isSolicitedNode)
    #expect(!IPv6Address.allNodes.isSolicitedNode)
}

@Test func solicitedNodeAndMulticastMACAgreeWithWiresSuiteHelpers() throws {
    let address = IPv6Address(text: "2001:db8::abcd:1234:5678")!
    let solicitedNode = try #require(WireFunctions.named("solicited_node")?.apply([.ipv6(address)]))
    #expect(solicitedNode == .ipv6(address.solicitedNode))
    let mac = try #require(WireFunctions.named("multicast_mac")?.apply([solicitedNode]))
    #expect(mac == .ether(address.solicitedNode.multicastMAC))
}
