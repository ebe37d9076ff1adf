import Foundation
import Testing
@testable import ConformSim

@Suite struct GPTPCatalogTests {
    @Test func bothSystemsAreListedWithTheirFaultsAndClauses() throws {
        let bridge = try #require(SimulatorCatalog.named("gptp-bridge"))
        let endStation = try #require(SimulatorCatalog.named("gptp-end-station"))
        #expect(bridge.ports == ["p1", "p2"])
        #expect(endStation.ports == ["p1"])
        #expect(bridge.faults.count == GPTPFault.allCases.count)
        #expect(endStation.fault(named: "residence-15ms") == nil)
        #expect(bridge.fault(named: "residence-15ms")?.clause == "IEEE 802.1AS-2020 §B.2.2")
        #expect(bridge.faults.allSatisfy { $0.clause.hasPrefix("IEEE 802.1AS-2020 §") })
    }

    @Test(arguments: ["gptp-bridge", "gptp-end-station"])
    func builtInTargetMatchesTheFixture(name: String) throws {
        let descriptor = try #require(SimulatorCatalog.named(name))
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/targets/sim-\(name).yaml")
        #expect(try String(contentsOf: fixture, encoding: .utf8) == descriptor.targetYAML)
    }

    @Test func anUnknownFaultIsRefused() {
        #expect(throws: SimulatorError.self) {
            _ = try GPTPFault(FaultDescriptor(name: "no-such-fault", clause: "", summary: ""))
        }
    }
}
