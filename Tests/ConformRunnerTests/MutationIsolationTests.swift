import Testing
import ConformSuite
import ConformSim
@testable import ConformRunner

/// Mutation analysis trusts each verdict to belong to its case: every case of the shipped
/// suite, run alone (as `--filter ID` does), gets the verdict it gets in the full run, against
/// the reference host and against each of its faults.
@Suite struct MutationIsolationTests {
    @Test func everyCaseRunAloneGetsItsFullRunVerdict() throws {
        let suite = try SuiteLoader.load(Repository.path("Suites/ipv6-core"))
        let simulator = try #require(SimulatorCatalog.named("ipv6-host"))
        let target = try TargetLoader.load(text: simulator.targetYAML, name: "sim:ipv6-host")
        let binding = try SuiteBinding.bind([suite], to: target)
        for fault in [nil] + simulator.faults.map(Optional.some) {
            let full = run(suite, simulator, fault, target, binding, Selection())
            #expect(full.count == suite.cases.count)
            for record in full {
                let alone = run(suite, simulator, fault, target, binding, Selection(idGlobs: [record.id]))
                    .filter { $0.id == record.id }
                #expect(alone.map(\.outcome) == [record.outcome],
                        "\(record.id) under \(fault?.name ?? "the reference"): \(record.outcomeName) in the full run")
            }
        }
    }

    private func run(_ suite: Suite, _ simulator: SimulatorDescriptor, _ fault: FaultDescriptor?, _ target: Target,
                     _ binding: SuiteBinding, _ selection: Selection) -> [CaseRecord] {
        let testbed = SimulatorTestbed(simulator: simulator, fault: fault, portNames: suite.ports,
                                       addresses: target.addresses["nut"] ?? [:],
                                       parameters: binding.pixit.mapValues(\.description))
        defer { testbed.close() }
        return Runner(suites: [suite], target: target, binding: binding, testbed: testbed, selection: selection).run()
            .filter { if case .verdict = $0.outcome { true } else { false } }
    }
}
