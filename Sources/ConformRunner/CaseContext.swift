import ConformTime
import ConformWire
import ConformCapture
import ConformSuite

/// Everything a step executor may use while one case runs: the clock, the ports, the values
/// in scope, the frames already consumed, and the case's handlers.
///
/// All waiting goes through ``wait(until:for:)``, which answers handler matches as frames
/// arrive, so the tester behaves as a peer (answers neighbor solicitations, say) while a
/// step waits.
public final class CaseContext {
    public let suite: Suite
    public let testCase: TestCase
    public let testbed: any TestbedSession
    public let clock: any HarnessClock
    public let ports: [String: any Port]
    /// Capture grace after a window on real time (kernel-to-user delivery); zero on virtual time.
    public let captureGrace: TimeAmount
    var scope: ValueScope
    /// Transmit timestamp of the last frame sent on each port.
    var lastTransmit: [String: Timestamp] = [:]
    /// Frame numbers already matched by an `expect`, per port.
    var consumed: [String: Set<Int>] = [:]
    let startedAt: Timestamp
    /// The first frame number on each port that belongs to this case.
    let firstFrame: [String: Int]
    /// Streams started by `stream` steps, by name.
    var streams: [String: StreamRun] = [:]
    /// Results of the `measure` steps so far.
    var measurements: [MeasurementRecord] = []
    /// Where `measure` steps write raw samples; nil: not written.
    let measurementsDirectory: String?
    private let handlers: [Handler]
    private var handledUpTo: [String: Int]
    private var dissections: [String: [Int: Dissection]] = [:]
    private let deadline: Int64

    init(suite: Suite, testCase: TestCase, testbed: any TestbedSession, scope: ValueScope, timeout: TimeAmount,
         captureGrace: TimeAmount, measurementsDirectory: String? = nil) {
        self.suite = suite
        self.testCase = testCase
        self.testbed = testbed
        self.clock = testbed.clock
        self.ports = testbed.ports
        self.scope = scope
        self.captureGrace = captureGrace
        self.measurementsDirectory = measurementsDirectory
        self.handlers = testCase.handlers
        let now = testbed.clock.now()
        self.startedAt = now
        self.deadline = now.ns &+ timeout.ns
        var first: [String: Int] = [:]
        for (name, port) in testbed.ports { first[name] = (port.frames(after: 0).last?.number ?? 0) + 1 }
        self.firstFrame = first
        self.handledUpTo = first.mapValues { $0 - 1 }
    }

    /// The port a step names.
    func port(_ name: String, at location: SourceLocation) throws(CaseAbort) -> any Port {
        guard let port = ports[name] else {
            throw CaseAbort(.error, at: location, "the test bed has no port '\(name)'")
        }
        return port
    }

    /// The template a step names.
    func template(_ name: String, at location: SourceLocation) throws(CaseAbort) -> Template {
        guard let template = suite.templates[name] else {
            throw CaseAbort(.error, at: location, "the suite has no template '\(name)'")
        }
        return template
    }

    /// The decoded form of a frame, decoded once per run.
    func dissection(of frame: CapturedFrame) -> Dissection {
        if let cached = dissections[frame.port]?[frame.number] { return cached }
        let decoded = Dissector.dissect(frame.bytes)
        dissections[frame.port, default: [:]][frame.number] = decoded
        return decoded
    }

    /// Frames received from the device on a port during this case, in arrival order.
    func inboundFrames(on port: any Port) -> [CapturedFrame] {
        port.frames(after: (firstFrame[port.name] ?? 1) - 1).filter { $0.direction == .inbound }
    }

    /// Lets time pass until `deadline` or until `condition` holds, answering handlers as
    /// frames arrive. The case's own timeout bounds every wait.
    func wait(until deadline: Int64, at location: SourceLocation, for condition: () -> Bool) throws(CaseAbort) -> Bool {
        let limit = min(deadline, self.deadline)
        var handlerFailure: CaseAbort?
        let met: Bool
        do {
            met = try clock.wait(until: limit) {
                do throws(CaseAbort) { try answerHandlers() } catch { handlerFailure = error; return true }
                return condition()
            }
        } catch {
            throw CaseAbort(.error, at: location, "clock: \(error)")
        }
        if let handlerFailure { throw handlerFailure }
        if !met, limit < deadline {
            throw CaseAbort(.error, at: location, "the case ran past its timeout of \(TimeAmount(ns: self.deadline - startedAt.ns))")
        }
        return met
    }

    /// Builds a template (with overrides) into frame bytes.
    func build(_ template: Template, overrides: [TemplateField] = [], at location: SourceLocation) throws(CaseAbort) -> [UInt8] {
        var layers: [LayerSpec] = []
        for layer in template.layers {
            var spec = LayerSpec(layer.layer)
            for field in layer.fields {
                spec.fields.append((field.abbrev, try scope.fieldValue(field.value, for: field.abbrev)))
            }
            layers.append(spec)
        }
        for override in overrides {
            let value = try scope.fieldValue(override.value, for: override.abbrev)
            if let index = layers.firstIndex(where: { $0.value(override.abbrev) != nil }) {
                layers[index].fields = layers[index].fields.map { $0.abbrev == override.abbrev ? (override.abbrev, value) : $0 }
            } else if let index = layers.firstIndex(where: { FrameBuilder.settableFields(of: $0.layer)?.contains(override.abbrev) ?? false }) {
                layers[index].fields.append((override.abbrev, value))
            } else {
                throw CaseAbort(.error, at: override.value.location, "no layer of template '\(template.name)' has field \(override.abbrev)")
            }
        }
        do {
            return try FrameBuilder.build(layers)
        } catch {
            throw CaseAbort(.error, at: location, "template '\(template.name)' cannot be built: \(error)")
        }
    }

    /// Sends bytes on a port and remembers the transmit timestamp for the next window.
    @discardableResult
    func send(_ bytes: [UInt8], on port: any Port, at location: SourceLocation) throws(CaseAbort) -> CapturedFrame {
        do {
            let frame = try port.send(bytes)
            lastTransmit[port.name] = frame.timestamp
            scope.lastSent = frame.timestamp
            return frame
        } catch {
            throw CaseAbort(.error, at: location, "\(error)")
        }
    }

    /// Answers every new inbound frame that a handler matches.
    private func answerHandlers() throws(CaseAbort) {
        guard !handlers.isEmpty else { return }
        for (name, port) in ports.sorted(by: { $0.key < $1.key }) {
            let fresh = port.frames(after: handledUpTo[name] ?? 0)
            guard let last = fresh.last else { continue }
            handledUpTo[name] = last.number
            for frame in fresh where frame.direction == .inbound {
                let decoded = dissection(of: frame)
                for handler in handlers where handler.port == nil || handler.port == name {
                    var predicates: [ResolvedPredicate] = []
                    for predicate in handler.match { predicates.append(try scope.resolve(predicate)) }
                    guard FrameMatcher.mismatches(predicates, in: decoded).isEmpty else { continue }
                    let template = try template(handler.send, at: handler.location)
                    scope.answering = AnsweredFrame(time: frame.timestamp, dissection: decoded)
                    defer { scope.answering = nil }
                    let bytes = try build(template, at: handler.location)
                    scope.lastSent = try port.send(bytesOrAbort: bytes, at: handler.location).timestamp
                }
            }
        }
    }
}

extension Port {
    /// Sends a handler's answer; unlike a step's send it does not move the step window.
    fileprivate func send(bytesOrAbort bytes: [UInt8], at location: SourceLocation) throws(CaseAbort) -> CapturedFrame {
        do { return try send(bytes) } catch { throw CaseAbort(.error, at: location, "\(error)") }
    }
}
