extension IPv6Host {
    /// The `ipv6-host` entry of the ``SimulatorCatalog``.
    public static let descriptor = SimulatorDescriptor(
        name: "ipv6-host",
        summary: "IPv6 host: Neighbor Discovery with NUD (RFC 4861), ICMPv6 Echo and errors (RFC 4443), extension headers (RFC 8200)",
        ports: ["tn1"],
        faults: IPv6HostFault.allCases.map(\.descriptor),
        targetYAML: targetYAML,
        make: { environment throws(SimulatorError) in try IPv6Host(environment: environment) })

    /// The text of the built-in target `sim:ipv6-host`, also committed as
    /// `Fixtures/targets/sim-ipv6-host.yaml`.
    public static let targetYAML = """
        target: sim-ipv6-host
        identity: {vendor: Conform, model: ipv6-host reference simulator, hardware: "virtual", firmware: "1.0.0", serial: SIM-IPV6-HOST-0001}
        kind: ipv6-host
        testbed: {kind: sim, simulator: ipv6-host}
        addresses:
          nut: {mac: "02:00:00:00:00:01", ll: "fe80::ff:fe00:1", global: "2001:db8:1::ff:fe00:1"}
          tn1: {mac: "02:00:00:00:01:01", ll: "fe80::ff:fe00:101", global: "2001:db8:1::ff:fe00:101"}
        pics:
          ipv6.host: true
          ipv6.router: false
        pixit:
          retrans_timer: 1s

        """
}
