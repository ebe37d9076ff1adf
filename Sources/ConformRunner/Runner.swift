import ConformTime
import ConformSuite

/// Hears a run's progress, for live displays and journals.
public protocol RunObserver: AnyObject {
    func caseStarted(suite: Suite, testCase: TestCase, index: Int, of total: Int)
    func caseFinished(_ record: CaseRecord, testCase: TestCase)
}

/// Knobs of a run that are not in the suite or the target.
public struct RunOptions: Sendable {
    /// Longest a case may take on the run's clock, unless the case says otherwise.
    public var caseTimeout: TimeAmount = .seconds(300)
    /// How long after a window closes the runner still waits for frames on real time.
    public var captureGrace: TimeAmount = .zero
    /// Where `measure` steps write each case's raw samples (`CASE.csv`); nil: not written.
    public var measurementsDirectory: String?

    public init(caseTimeout: TimeAmount = .seconds(300), captureGrace: TimeAmount = .zero, measurementsDirectory: String? = nil) {
        self.caseTimeout = caseTimeout
        self.captureGrace = captureGrace
        self.measurementsDirectory = measurementsDirectory
    }
}

/// One case of the plan, and whether it runs.
public struct PlannedCase: Sendable {
    public let suite: Suite
    public let testCase: TestCase
    /// nil when the case runs; otherwise why it does not.
    public let exclusion: CaseRecord.Outcome?
}

/// The engine: selects cases by PICS and the user's filters, then runs each selected case
/// from a freshly reset device, dispatching its steps to executors by kind.
///
/// Decisions are synchronous and single-threaded; all waiting happens in the clock.
public final class Runner {
    public let suites: [Suite]
    public let target: Target
    public let binding: SuiteBinding
    private let testbed: any TestbedSession
    private let selection: Selection
    private let options: RunOptions
    private let executors: StepExecutorRegistry

    public init(suites: [Suite], target: Target, binding: SuiteBinding, testbed: any TestbedSession,
                selection: Selection = Selection(), options: RunOptions = RunOptions(),
                executors: StepExecutorRegistry = .standard) {
        self.suites = suites
        self.target = target
        self.binding = binding
        self.testbed = testbed
        self.selection = selection
        self.options = options
        self.executors = executors
    }

    /// Every case of every suite, in suite order, with the reason it will not run, if any.
    public static func plan(_ suites: [Suite], pics: [String: PICSValue], selection: Selection) -> [PlannedCase] {
        suites.flatMap { suite in
            suite.cases.map { testCase in
                let exclusion: CaseRecord.Outcome?
                if !selection.keeps(testCase) {
                    exclusion = .skipped("not matched by --filter/--tags/--skip-tags")
                } else if let expression = testCase.pics, !expression.evaluate(pics) {
                    exclusion = .notSelected(expression.description)
                } else {
                    exclusion = nil
                }
                return PlannedCase(suite: suite, testCase: testCase, exclusion: exclusion)
            }
        }
    }

    public var plan: [PlannedCase] { Self.plan(suites, pics: binding.pics, selection: selection) }

    /// Runs every selected case; returns a record for every case of the plan, in plan order.
    public func run(observer: (any RunObserver)? = nil, resuming done: [String: CaseRecord] = [:]) -> [CaseRecord] {
        let plan = self.plan
        let total = plan.filter { $0.exclusion == nil }.count
        var index = 0
        var records: [CaseRecord] = []
        for planned in plan {
            let testCase = planned.testCase
            if let exclusion = planned.exclusion {
                records.append(CaseRecord(suite: planned.suite.id, id: testCase.id, part: nil, title: testCase.title,
                                          clause: testCase.clause, outcome: exclusion, reason: nil, durationNs: 0))
                continue
            }
            index += 1
            observer?.caseStarted(suite: planned.suite, testCase: testCase, index: index, of: total)
            let record = done["\(planned.suite.id)/\(testCase.id)"] ?? run(testCase, of: planned.suite)
            observer?.caseFinished(record, testCase: testCase)
            records.append(record)
        }
        return records
    }

    private func run(_ testCase: TestCase, of suite: Suite) -> CaseRecord {
        let clock = testbed.clock
        for port in testbed.ports.values { port.caseID = testCase.id }
        defer { for port in testbed.ports.values { port.caseID = nil } }
        let started = clock.now()
        var arbiter = VerdictArbiter()
        var measurements: [MeasurementRecord] = []
        let reason = { (abort: CaseAbort) in
            VerdictReason(clause: testCase.clause, expected: abort.expected, observed: abort.observed,
                          frames: abort.frames, location: abort.location?.description)
        }
        do {
            try testbed.resetDevice()
            let scope = ValueScope(pixit: binding.pixit, addresses: target.addresses)
            let timeout = try testCase.timeout.map { value throws(CaseAbort) in try scope.duration(value) } ?? options.caseTimeout
            let context = CaseContext(suite: suite, testCase: testCase, testbed: testbed, scope: scope,
                                      timeout: timeout, captureGrace: max(options.captureGrace, testbed.captureGrace),
                                      measurementsDirectory: options.measurementsDirectory)
            defer { measurements = context.measurements }
            do {
                for step in testCase.steps { try executors.run(step, in: context, arbiter: &arbiter) }
            } catch {
                arbiter.set(error.verdict, reason(error))
            }
            for step in testCase.finally {
                do { try executors.run(step, in: context, arbiter: &arbiter) } catch { arbiter.set(error.verdict, reason(error)) }
            }
        } catch let error as CaseAbort {
            arbiter.set(error.verdict, reason(error))
        } catch {
            arbiter.set(.error, reason(CaseAbort(.error, at: testCase.location, "test bed: \(error)")))
        }
        if arbiter.verdict == .none {
            arbiter.set(.error, reason(CaseAbort(.error, at: testCase.location, "no step judged the case (verdict none)")))
        }
        return CaseRecord(suite: suite.id, id: testCase.id, part: nil, title: testCase.title, clause: testCase.clause,
                          outcome: .verdict(arbiter.final), reason: arbiter.reason, durationNs: clock.now().ns - started.ns,
                          measurements: measurements)
    }
}
