extension GPTPSystem {
    /// The `gptp-end-station` entry of the ``SimulatorCatalog``: one port, `p1`.
    public static let endStation = descriptor(
        name: "gptp-end-station", summary: "gPTP end station (IEEE 802.1AS-2020): Pdelay, BMCA, two-step Sync as grandmaster",
        ports: ["p1"], kind: "gptp-end-station", serial: "SIM-GPTP-END-STATION-0001", bridge: false)

    /// The `gptp-bridge` entry of the ``SimulatorCatalog``: two ports, `p1` and `p2`.
    public static let bridge = descriptor(
        name: "gptp-bridge", summary: "gPTP time-aware bridge (IEEE 802.1AS-2020): Pdelay, BMCA, Sync forwarding with residence time",
        ports: ["p1", "p2"], kind: "gptp-bridge", serial: "SIM-GPTP-BRIDGE-0001", bridge: true)

    private static func descriptor(name: String, summary: String, ports: [String], kind: String, serial: String,
                                   bridge: Bool) -> SimulatorDescriptor {
        let faults = GPTPFault.allCases.filter { bridge || !GPTPFault.bridgeOnly.contains($0) }
        return SimulatorDescriptor(
            name: name, summary: summary, ports: ports, faults: faults.map(\.descriptor),
            targetYAML: targetYAML(name: name, kind: kind, serial: serial, ports: ports, bridge: bridge),
            make: { environment throws(SimulatorError) in try GPTPSystem(environment: environment, ports: ports) })
    }

    /// The text of the built-in target `sim:NAME`, also committed as `Fixtures/targets/sim-NAME.yaml`.
    /// The virtual links are 1 µs long, above the 800 ns default neighborPropDelayThresh, so the
    /// target raises it; the report lists the raised PIXIT as a deviation.
    static func targetYAML(name: String, kind: String, serial: String, ports: [String], bridge: Bool) -> String {
        // Suites/gptp declares p1 and p2; an end station lists p2 too, attached to nothing.
        let portLines = ["p1", "p2"].enumerated().map { index, port in
            "  \(port): {mac: \"02:00:00:00:0\(index + 1):01\"}\(ports.contains(port) ? "" : "  # not attached")\n"
        }.joined()
        return """
            target: sim-\(name)
            identity: {vendor: Conform, model: \(name) reference simulator, hardware: "virtual", firmware: "1.0.0", serial: \(serial)}
            kind: \(kind)
            testbed: {kind: sim, simulator: \(name)}
            addresses:
              nut: {mac: "02:00:00:00:00:01"}
            \(portLines)pics:
              gptp.bridge: \(bridge)
            pixit:
              # 1 us virtual links: above the 800 ns default, so raised (a deviation in the report).
              neighbor_prop_delay_thresh: 10us

            """
    }
}
