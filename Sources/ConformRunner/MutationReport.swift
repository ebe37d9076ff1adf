import ConformSim

/// What one run of the selected cases against a fault of the simulator showed.
public struct FaultOutcome: Sendable {
    public let fault: FaultDescriptor
    /// The cases that ran, in plan order.
    public let records: [CaseRecord]

    /// Cases that caught the fault: a `fail` verdict in a case whose clause is the fault's.
    public var catchers: [CaseRecord] {
        records.filter { $0.outcome == .verdict(.fail) && $0.clause == fault.clause }
    }

    /// Cases that failed under another clause, or errored: not detections, and a sign that
    /// the fault breaks more than its one requirement or that a case judges the wrong thing.
    /// (`inconc` is left out: a fault may well keep a case from reaching its precondition.)
    public var strayFailures: [CaseRecord] {
        records.filter {
            $0.outcome == .verdict(.error) || ($0.outcome == .verdict(.fail) && $0.clause != fault.clause)
        }
    }

    /// Whether selected cases aim at the fault's clause at all.
    public var isTargeted: Bool { records.contains { $0.clause == fault.clause } }

    public var isCaught: Bool { !catchers.isEmpty }
}

/// The result of a ``MutationAnalysis``: the reference run and one outcome per fault, in the
/// simulator's catalog order.
public struct MutationReport: Sendable {
    public let simulator: String
    /// The selected cases against the reference simulator.
    public let reference: [CaseRecord]
    public let faults: [FaultOutcome]

    /// Reference cases that did not pass: each one makes the analysis meaningless for its clause.
    public var referenceProblems: [CaseRecord] { reference.filter(\.isProblem) }

    public var caught: [FaultOutcome] { faults.filter(\.isCaught) }
    public var missed: [FaultOutcome] { faults.filter { !$0.isCaught } }

    /// Caught faults over all faults, from 0 to 1; 1 when the simulator has no faults.
    public var score: Double { faults.isEmpty ? 1 : Double(caught.count) / Double(faults.count) }

    /// The suites pass against the reference and catch every fault.
    public var isComplete: Bool { referenceProblems.isEmpty && missed.isEmpty }
}
