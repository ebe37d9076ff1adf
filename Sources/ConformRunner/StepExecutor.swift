import ConformSuite

/// Runs one kind of step. The runner's loop only dispatches by kind, so a protocol adds a
/// step kind by registering an executor, without touching the loop.
protocol StepExecutor: Sendable {
    associatedtype Body: StepBody
    /// Runs the step; a verdict other than pass ends the case's steps by throwing.
    func execute(_ body: Body, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort)
}

extension StepExecutor {
    /// Runs a step whose kind is this executor's.
    func run(_ step: Step, in context: CaseContext, arbiter: inout VerdictArbiter) throws(CaseAbort) {
        guard let body = step.body as? Body else {
            throw CaseAbort(.error, at: step.location, "step '\(step.kind)' has a body of the wrong type")
        }
        try execute(body, at: step.location, in: context, arbiter: &arbiter)
    }
}

/// The executors a runner dispatches to, by step kind.
public struct StepExecutorRegistry: Sendable {
    private var executors: [String: any StepExecutor] = [:]

    /// The step kinds of the core engine: send, expect, wait, set, action, check, stream, measure.
    public static let standard: StepExecutorRegistry = {
        var registry = StepExecutorRegistry()
        registry.register(SendExecutor())
        registry.register(ExpectExecutor())
        registry.register(WaitExecutor())
        registry.register(SetExecutor())
        registry.register(ActionExecutor())
        registry.register(CheckExecutor())
        registry.register(StreamExecutor())
        registry.register(MeasureExecutor())
        return registry
    }()

    mutating func register<E: StepExecutor>(_ executor: E) {
        executors[E.Body.kind] = executor
    }

    func run(_ step: Step, in context: CaseContext, arbiter: inout VerdictArbiter) throws(CaseAbort) {
        guard let executor = executors[step.kind] else {
            throw CaseAbort(.error, at: step.location, "no executor for step kind '\(step.kind)'")
        }
        try executor.run(step, in: context, arbiter: &arbiter)
    }

    /// Every step kind with an executor.
    public var kinds: [String] { executors.keys.sorted() }
}

struct SendExecutor: StepExecutor {
    func execute(_ send: SendStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        let port = try context.port(send.port, at: location)
        let template = try context.template(send.template, at: location)
        let bytes = try context.build(template, overrides: send.overrides, at: location)
        for _ in 0..<send.count { try context.send(bytes, on: port, at: location) }
    }
}

struct WaitExecutor: StepExecutor {
    func execute(_ wait: WaitStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        let amount = try context.scope.duration(wait.duration)
        _ = try context.wait(until: context.clock.now().ns &+ amount.ns, at: location, for: { false })
    }
}

struct SetExecutor: StepExecutor {
    func execute(_ set: SetStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        for (name, value) in set.values {
            if let instant = context.scope.instant(value) {
                context.scope.saved[name] = .instant(instant)
            } else {
                context.scope.saved[name] = .field(try context.scope.resolve(value))
            }
        }
    }
}

struct ActionExecutor: StepExecutor {
    func execute(_ action: ActionStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        var arguments: [String] = []
        for argument in action.arguments { arguments.append(try context.scope.text(argument)) }
        do {
            try context.testbed.perform(action: action.name, arguments: arguments)
        } catch {
            throw CaseAbort(.error, at: location, "action '\(action.name)': \(error)")
        }
    }
}
