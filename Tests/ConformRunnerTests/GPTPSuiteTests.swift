import Testing
import ConformSuite
import ConformSim
@testable import ConformRunner

/// Suites/gptp against the gPTP simulators: the reference passes every selected case, and
/// every fault is caught only by cases of its clause.
@Suite struct GPTPSuiteTests {
    @Test(arguments: ["gptp-bridge", "gptp-end-station"])
    func theGPTPSuiteCatchesEveryFault(simulatorName: String) throws {
        let suite = try SuiteLoader.load(Repository.path("Suites/gptp"))
        let simulator = try #require(SimulatorCatalog.named(simulatorName))
        let report = try MutationAnalysis(suites: [suite], simulator: simulator).run()
        #expect(report.referenceProblems.isEmpty, "\(report.referenceProblems.map { "\($0.id): \($0.reason?.observed ?? "")" })")
        #expect(report.reference.count == (simulatorName == "gptp-bridge" ? 20 : 15))
        for outcome in report.faults {
            let strays = outcome.strayFailures.map { "\($0.id) (\($0.clause))" }
            #expect(outcome.isCaught, "\(outcome.fault.name) (\(outcome.fault.clause)) is caught by no case")
            #expect(strays.isEmpty, "\(outcome.fault.name) also fails \(strays)")
        }
        #expect(report.score == 1)
    }
}
