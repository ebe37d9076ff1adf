import ConformSuite
import ConformSim

/// Mutation analysis of suites against a built-in simulator: runs the selected cases against
/// the reference simulator, then against the simulator built with each of its faults, and
/// records which cases catch which fault.
///
/// A fault counts as caught only by a `fail` verdict in a case whose clause equals the
/// fault's clause: a case that fails for another reason (a different clause, `inconc`,
/// `error`) shows a defect in the suite or the simulator, not a detection.
///
/// Every run is on the simulator's virtual clock, so an analysis of a whole suite takes
/// milliseconds of wall time.
public struct MutationAnalysis {
    public let suites: [Suite]
    public let simulator: SimulatorDescriptor
    public let selection: Selection
    public let options: RunOptions

    public init(suites: [Suite], simulator: SimulatorDescriptor, selection: Selection = Selection(),
                options: RunOptions = RunOptions()) {
        self.suites = suites
        self.simulator = simulator
        self.selection = selection
        self.options = options
    }

    /// Runs the reference and every fault. When the selection leaves no case to run, the
    /// report has no reference records and no fault outcomes.
    /// - Throws: ``MutationError`` when the simulator's built-in target does not load or does
    ///   not answer what the suites declare.
    public func run() throws(MutationError) -> MutationReport {
        let target: Target
        let binding: SuiteBinding
        do {
            target = try TargetLoader.load(text: simulator.targetYAML, name: "sim:\(simulator.name)")
            binding = try SuiteBinding.bind(suites, to: target)
        } catch {
            throw MutationError(simulator: simulator.name, diagnostics: error.diagnostics)
        }
        let reference = records(under: nil, target: target, binding: binding)
        guard !reference.isEmpty else { return MutationReport(simulator: simulator.name, reference: [], faults: []) }
        let faults = simulator.faults.map { fault in
            FaultOutcome(fault: fault, records: records(under: fault, target: target, binding: binding))
        }
        return MutationReport(simulator: simulator.name, reference: reference, faults: faults)
    }

    /// One run of the selected cases, each from a freshly built simulator.
    private func records(under fault: FaultDescriptor?, target: Target, binding: SuiteBinding) -> [CaseRecord] {
        let ports = Array(Set(suites.flatMap(\.ports))).sorted()
        let testbed = SimulatorTestbed(simulator: simulator, fault: fault, portNames: ports,
                                       addresses: target.addresses["nut"] ?? [:],
                                       parameters: binding.pixit.mapValues(\.description))
        defer { testbed.close() }
        let runner = Runner(suites: suites, target: target, binding: binding, testbed: testbed, selection: selection,
                            options: options)
        return runner.run().filter { if case .verdict = $0.outcome { true } else { false } }
    }
}

/// The simulator's built-in target could not be bound to the suites.
public struct MutationError: Error, Sendable, CustomStringConvertible {
    public let simulator: String
    public let diagnostics: [Diagnostic]

    public var description: String {
        "simulator \(simulator): its target does not fit the suites\n"
            + diagnostics.map(\.description).joined(separator: "\n")
    }
}
