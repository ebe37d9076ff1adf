/// The parsed body of a step. The step kind names the executor the runner dispatches to,
/// so later protocols add step kinds without touching the runner's loop.
public protocol StepBody: Sendable {
    /// The YAML key that introduces the step (`send`, `expect`).
    static var kind: String { get }
}

/// One step of a case: `- send: {...}`.
public struct Step: Sendable {
    public let body: any StepBody
    public let location: SourceLocation
    public var kind: String { type(of: body).kind }
    public init(body: any StepBody, location: SourceLocation) {
        self.body = body
        self.location = location
    }
}

/// Send a template on a tester port, `count` times back to back.
public struct SendStep: StepBody, Hashable {
    public static let kind = "send"
    public let port: String
    public let template: String
    /// Field overrides on top of the template, keyed by display-filter name.
    public let overrides: [TemplateField]
    public let count: Int
    public init(port: String, template: String, overrides: [TemplateField], count: Int) {
        self.port = port
        self.template = template
        self.overrides = overrides
        self.count = count
    }
}

/// Expect frames from the device on a port within a window.
///
/// The window opens at the transmit timestamp of the previous `send` on the port (or at the
/// saved instant `after`) and lasts `within`. With `absent`, no matching frame may arrive.
public struct ExpectStep: StepBody, Hashable {
    public static let kind = "expect"
    public let port: String
    public let within: Interpolated
    public let after: String?
    /// Match a template's fields (every field it gives), plus `match` predicates.
    public let template: String?
    public let match: [FieldPredicate]
    /// What identifies the awaited frame (`icmpv6.type: 136`). When no frame meets these,
    /// the purpose cannot be judged and the verdict is `inconc`; when one does but breaks
    /// `match`, it is `fail`. Empty: every frame from the device is a candidate.
    public let require: [FieldPredicate]
    /// How many matching frames must arrive (default 1).
    public let count: Int
    public let absent: Bool
    /// Any other frame from the device in the window fails the step.
    public let only: Bool
    /// Values to save from the matching frame: name → field abbrev, `frame.time` or `frame.number`.
    public let save: [Save]

    public struct Save: Sendable, Hashable {
        public let name: String
        public let source: String
        public let location: SourceLocation
        public init(name: String, source: String, location: SourceLocation) {
            self.name = name
            self.source = source
            self.location = location
        }
    }

    public init(port: String, within: Interpolated, after: String?, template: String?, match: [FieldPredicate],
                require: [FieldPredicate] = [], count: Int, absent: Bool, only: Bool, save: [Save]) {
        self.port = port
        self.within = within
        self.after = after
        self.template = template
        self.match = match
        self.require = require
        self.count = count
        self.absent = absent
        self.only = only
        self.save = save
    }
}

/// Let time pass.
public struct WaitStep: StepBody, Hashable {
    public static let kind = "wait"
    public let duration: Interpolated
    public init(duration: Interpolated) { self.duration = duration }
}

/// Set named values for later interpolation.
public struct SetStep: StepBody, Hashable {
    public static let kind = "set"
    public let values: [(name: String, value: Interpolated)]
    public init(values: [(name: String, value: Interpolated)]) { self.values = values }
    public static func == (l: SetStep, r: SetStep) -> Bool {
        l.values.map(\.name) == r.values.map(\.name) && l.values.map(\.value) == r.values.map(\.value)
    }
    public func hash(into h: inout Hasher) { for v in values { h.combine(v.name); h.combine(v.value) } }
}

/// Judge a computed value: `value` (usually helpers over saved values) must lie in
/// `[low, high]`, integers or durations in nanoseconds; `what` names it in the verdict.
public struct CheckStep: StepBody, Hashable {
    public static let kind = "check"
    public let what: String
    public let value: Interpolated
    public let low: Interpolated
    public let high: Interpolated
    public init(what: String, value: Interpolated, low: Interpolated, high: Interpolated) {
        self.what = what
        self.value = value
        self.low = low
        self.high = high
    }
}

/// Invoke a named action of the target (`reset`, `flush-neighbors`); arguments become whole
/// argv elements, never shell text.
public struct ActionStep: StepBody, Hashable {
    public static let kind = "action"
    public let name: String
    public let arguments: [Interpolated]
    public init(name: String, arguments: [Interpolated]) {
        self.name = name
        self.arguments = arguments
    }
}
