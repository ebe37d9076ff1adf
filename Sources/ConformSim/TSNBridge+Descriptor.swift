extension TSNBridge {
    public static let descriptor = SimulatorDescriptor(
        name: "tsn-bridge",
        summary: "TSN bridge: 802.1Q priority, Qbv, Qav, 802.1CB FRER and Qci PSFP on four 1 Gbit/s ports",
        ports: ["tn1", "tn2", "tn3", "tn4"],
        faults: TSNBridgeFault.allCases.map(\.descriptor),
        targetYAML: targetYAML,
        make: { environment throws(SimulatorError) in try TSNBridge(environment: environment) })

    /// The text of the built-in target `sim:tsn-bridge`, also committed as
    /// `Fixtures/targets/sim-tsn-bridge.yaml`.
    public static let targetYAML = """
        target: sim-tsn-bridge
        identity: {vendor: Conform, model: tsn-bridge reference simulator, hardware: "virtual", firmware: "1.0.0", serial: SIM-TSN-BRIDGE-0001}
        kind: tsn-bridge
        testbed: {kind: sim, simulator: tsn-bridge}
        addresses:
          nut: {mac: "02:00:00:00:00:10"}
          tn1: {mac: "02:00:00:00:01:01"}
          tn2: {mac: "02:00:00:00:01:02"}
          tn3: {mac: "02:00:00:00:01:03"}
          tn4: {mac: "02:00:00:00:01:04"}
        pics:
          tsn.qbv: true
          tsn.qav: true
          tsn.frer: true
          tsn.psfp: true
        pixit:
          forwarding_latency: 2us
          frer_reset_timeout: 100ms

        """
}
