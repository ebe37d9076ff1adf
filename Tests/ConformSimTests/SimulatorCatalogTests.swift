import ConformCapture
import ConformTime
import Foundation
import Testing
@testable import ConformSim

@Test func catalogListsTheIPv6HostWithItsFaultsAndClauses() throws {
    #expect(SimulatorCatalog.all.map(\.name).contains("ipv6-host"))
    #expect(SimulatorCatalog.all.map(\.name) == SimulatorCatalog.all.map(\.name).sorted())
    let host = try #require(SimulatorCatalog.named("ipv6-host"))
    #expect(host.ports == ["tn1"])
    #expect(host.faults.count >= 30)
    #expect(Set(host.faults.map(\.name)).count == host.faults.count)
    for fault in host.faults {
        #expect(fault.clause.range(of: #"^RFC \d+ §[\d.]+$"#, options: .regularExpression) != nil, "\(fault.name): \(fault.clause)")
        #expect(!fault.summary.isEmpty)
        #expect(fault.name.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil, "\(fault.name)")
    }
    #expect(Array(host.faults.prefix(3)).map { [$0.name, $0.clause] } == [
        ["no-na-reply", "RFC 4861 §7.2.4"], ["na-without-s-flag", "RFC 4861 §7.2.4"], ["na-hop-limit-64", "RFC 4861 §4.4"],
    ])
    let rfcs = Set(host.faults.map { $0.clause.split(separator: " ").prefix(2).joined(separator: " ") })
    #expect(rfcs.isSuperset(of: ["RFC 8200", "RFC 4861", "RFC 4443"]))
    #expect(host.fault(named: "na-hop-limit-64")?.clause == "RFC 4861 §4.4")
    #expect(SimulatorCatalog.named("ipv6-router") == nil)
}

@Test func catalogBuildsTheHostWithAFault() throws {
    let descriptor = try #require(SimulatorCatalog.named("ipv6-host"))
    let clock = VirtualScheduler()
    let link = VirtualLink(port: "tn1", clock: clock)
    let simulator = try descriptor.make(SimulatorEnvironment(
        clock: clock, links: ["tn1": link.device], addresses: ["mac": "02:00:00:00:00:01", "ll": "fe80::ff:fe00:1"],
        parameters: ["retrans_timer": "1s"], fault: descriptor.fault(named: "no-na-reply")))
    let host = try #require(simulator as? IPv6Host)
    #expect(host.fault == .noNAReply)
}

@Test func builtInTargetMatchesTheFixture() throws {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/targets/sim-ipv6-host.yaml")
    #expect(try String(contentsOf: fixture, encoding: .utf8) == IPv6Host.targetYAML)
    #expect(IPv6Host.targetYAML.hasPrefix("target: sim-ipv6-host\n"))
    #expect(IPv6Host.targetYAML.contains("  nut: {mac: \"02:00:00:00:00:01\", ll: \"fe80::ff:fe00:1\", global: \"2001:db8:1::ff:fe00:1\"}\n"))
}
