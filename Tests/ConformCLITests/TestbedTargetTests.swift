import ConformRunner
import ConformSuite
import ConformTestbed
import Testing

/// Target files with `testbed: {kind: netns}`: what the loader reads, what it refuses, and the
/// plain description the runner hands to ConformTestbed.
@Suite struct TestbedTargetTests {
    static let target = """
    target: box
    identity: {vendor: V, model: M}
    kind: ipv6-router
    testbed:
      kind: netns
      links:
        - {port: tn1, interface: eth0}
        - {port: tn2, interface: eth1, mac: "02:00:00:00:00:02"}
      sysctls:
        net.ipv6.conf.all.forwarding: 1
      setup:
        - {argv: [ip, addr, add, "2001:db8::1/64", dev, eth0]}
      device:
        argv: [daemon, --config, "{{run_dir}}/d.conf"]
        health: {argv: [test, -e, "{{run_dir}}/d.pid"]}
        ready_within: 2s
    addresses:
      nut: {mac: "02:00:00:00:00:01", ll: "fe80::ff:fe00:1"}
      tn1: {mac: "02:00:00:00:01:01", ll: "fe80::ff:fe00:101"}
    actions:
      reset: {argv: [ip, neigh, flush, all]}
      script: {argv: ["echo $1"], shell: true}
      restart: {builtin: restart-device}
    """

    @Test func aNetnsTargetLoadsIntoThePlainDescription() throws {
        let target = try TargetLoader.load(text: Self.target, name: "box.yaml")
        guard case .netns(let spec) = target.testbed else {
            Issue.record("not a netns test bed: \(target.testbed)")
            return
        }
        #expect(spec.links.map(\.port) == ["tn1", "tn2"])
        #expect(spec.sysctls.map(\.key) == ["net.ipv6.conf.all.forwarding"])
        #expect(spec.sysctls.first?.value == "1")
        #expect(spec.device?.readyWithin == .seconds(2))
        #expect(spec.device?.stopWithin == .seconds(3))
        let description = NetnsTestbed.description(of: spec, target: target)
        // The first link's device end takes nut's MAC; each tester end its port's MAC.
        #expect(description.links[0] == LinkDescription(port: "tn1", deviceInterface: "eth0", deviceMAC: "02:00:00:00:00:01",
                                                        testerMAC: "02:00:00:00:01:01"))
        #expect(description.links[1].deviceMAC == "02:00:00:00:00:02")
        #expect(description.links[1].testerMAC == nil)
        #expect(description.setup == [CommandDescription(argv: ["ip", "addr", "add", "2001:db8::1/64", "dev", "eth0"])])
        #expect(description.device?.healthCheck == CommandDescription(argv: ["test", "-e", "{{run_dir}}/d.pid"]))
        #expect(description.actions["restart"] == .restartDevice)
        #expect(description.actions["script"] == .command(CommandDescription(argv: ["echo $1"], shell: true)))
    }

    @Test func mistakesInANetnsTestBedAreAllReported() {
        let broken = Self.target
            .replacingOccurrences(of: "{port: tn1, interface: eth0}", with: "{port: tn1, interfac: eth0}")
            .replacingOccurrences(of: "ready_within: 2s", with: "ready_within: 2")
            .replacingOccurrences(of: "{builtin: restart-device}", with: "{builtin: reboot}")
        #expect {
            try TargetLoader.load(text: broken, name: "box.yaml")
        } throws: { error in
            let ids = Set((error as? DiagnosticsError)?.diagnostics.map(\.id) ?? [])
            return ids == ["target.unknown-key", "target.bad-duration", "target.bad-builtin"]
        }
    }

    @Test func theCommittedTargetSchemaKnowsNetnsTestBeds() throws {
        let schema = SchemaGenerator.targetSchema()
        for key in ["\"links\"", "\"sysctls\"", "\"setup\"", "\"ready_within\"", "\"restart-device\"", "\"netns\""] {
            #expect(schema.contains(key), "\(key)")
        }
    }
}
