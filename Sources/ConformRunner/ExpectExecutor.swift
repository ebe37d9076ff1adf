import ConformTime
import ConformWire
import ConformCapture
import ConformSuite

/// `expect`: frames from the device on a port within a window.
///
/// The window opens at the transmit timestamp of the previous `send` on the port (or the
/// saved instant `after`, or the case start) and lasts `within`. Frames that arrived before
/// the step began are searched too, so a device that answers "too fast" still counts. Each
/// frame is consumed by at most one `expect`: the first match in arrival order.
struct ExpectExecutor: StepExecutor {
    func execute(_ expect: ExpectStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        let port = try context.port(expect.port, at: location)
        let opens = try windowStart(expect, in: context, port: port.name, at: location)
        let closes = opens.ns &+ (try context.scope.duration(expect.within)).ns
        var predicates: [ResolvedPredicate] = []
        if let name = expect.template {
            predicates += try context.scope.predicates(matching: try context.template(name, at: location))
        }
        for predicate in expect.match { predicates.append(try context.scope.resolve(predicate)) }
        var required: [ResolvedPredicate] = []
        for predicate in expect.require { required.append(try context.scope.resolve(predicate)) }
        let wanted = expect.absent ? 1 : expect.count
        let dropsBefore = port.dropCount

        func candidates() -> [CapturedFrame] {
            let used = context.consumed[port.name] ?? []
            return context.inboundFrames(on: port).filter {
                $0.timestamp.ns >= opens.ns && $0.timestamp.ns <= closes && !used.contains($0.number)
            }
        }
        func awaited() -> [CapturedFrame] {
            candidates().filter { FrameMatcher.mismatches(required, in: context.dissection(of: $0)).isEmpty }
        }
        func matches() -> [CapturedFrame] {
            awaited().filter { FrameMatcher.mismatches(predicates, in: context.dissection(of: $0)).isEmpty }
        }

        // Absent and only must see the whole window; a positive expect may stop at the match.
        let seeWholeWindow = expect.absent || expect.only
        _ = try context.wait(until: closes &+ context.captureGrace.ns, at: location) {
            !seeWholeWindow && matches().count >= wanted
        }

        let capture = "captures/\(port.name).pcapng"
        let found = matches()
        let expectation = describe(required + predicates, expect, port: port.name, within: TimeAmount(ns: closes - opens.ns))
        if expect.absent {
            if let frame = found.first {
                throw CaseAbort(.fail, at: location, expected: expectation,
                                "frame \(frame.number) matched: \(summary(of: context.dissection(of: frame)))",
                                frames: [FrameReference(capture: capture, number: frame.number)])
            }
            if port.dropCount > dropsBefore {
                throw CaseAbort(.inconc, at: location, expected: expectation,
                                "the capture on \(port.name) dropped \(port.dropCount - dropsBefore) frames in the window")
            }
            arbiter.set(.pass)
            return
        }
        guard found.count >= wanted else {
            if !required.isEmpty, awaited().isEmpty {
                throw CaseAbort(.inconc, at: location, expected: expectation,
                                "precondition not reached: no frame with \(required.map(\.expectation).joined(separator: ", ")) on \(port.name) in the window")
            }
            throw nearestMiss(awaited(), predicates, context: context, expectation: expectation,
                              capture: capture, port: port.name, found: found.count, wanted: wanted, at: location)
        }
        let taken = Array(found.prefix(wanted))
        if expect.only, let stray = candidates().first(where: { frame in !taken.contains { $0.number == frame.number } }) {
            throw CaseAbort(.fail, at: location, expected: expectation + ", and no other frame",
                            "frame \(stray.number) also arrived: \(summary(of: context.dissection(of: stray)))",
                            frames: [FrameReference(capture: capture, number: stray.number)])
        }
        for frame in taken { context.consumed[port.name, default: []].insert(frame.number) }
        if let frame = taken.first { try save(expect.save, from: frame, in: context) }
        arbiter.set(.pass)
    }

    private func windowStart(_ expect: ExpectStep, in context: CaseContext, port: String,
                             at location: SourceLocation) throws(CaseAbort) -> Timestamp {
        guard let name = expect.after else { return context.lastTransmit[port] ?? context.startedAt }
        guard case .instant(let instant)? = context.scope.saved[name] else {
            throw CaseAbort(.error, at: location, "'after: \(name)' names no saved instant (save one with frame.time)")
        }
        return instant
    }

    private func save(_ saves: [ExpectStep.Save], from frame: CapturedFrame, in context: CaseContext) throws(CaseAbort) {
        let decoded = context.dissection(of: frame)
        for save in saves {
            switch save.source {
            case "frame.time": context.scope.saved[save.name] = .instant(frame.timestamp)
            case "frame.number": context.scope.saved[save.name] = .field(.uint(UInt64(frame.number)))
            default:
                guard let value = decoded.first(save.source) else {
                    throw CaseAbort(.error, at: save.location, "frame \(frame.number) has no \(save.source) to save as \(save.name)")
                }
                context.scope.saved[save.name] = .field(value)
            }
        }
    }

    /// A failure naming the candidate that came nearest, field by field, as packetdrill does.
    private func nearestMiss(_ candidates: [CapturedFrame], _ predicates: [ResolvedPredicate], context: CaseContext,
                             expectation: String, capture: String, port: String, found: Int, wanted: Int,
                             at location: SourceLocation) -> CaseAbort {
        let scored = candidates.map { ($0, FrameMatcher.mismatches(predicates, in: context.dissection(of: $0))) }
        guard let (frame, misses) = scored.min(by: { $0.1.count < $1.1.count }), !misses.isEmpty else {
            let seen = found > 0 ? "only \(found) of \(wanted) matching frames" : "no frame from the device"
            return CaseAbort(.fail, at: location, expected: expectation, "\(seen) on \(port) in the window")
        }
        let detail = misses.map { "\($0.expectation) but was \($0.actual)" }.joined(separator: "; ")
        return CaseAbort(.fail, at: location, expected: expectation,
                         "nearest frame \(frame.number) (\(summary(of: context.dissection(of: frame)))): \(detail)",
                         frames: [FrameReference(capture: capture, number: frame.number)])
    }

    private func describe(_ predicates: [ResolvedPredicate], _ expect: ExpectStep, port: String, within: TimeAmount) -> String {
        let what = predicates.isEmpty ? "any frame" : predicates.map(\.expectation).joined(separator: ", ")
        let count = expect.count > 1 ? "\(expect.count) frames with " : ""
        return expect.absent ? "no frame with \(what) on \(port) within \(within)"
            : "\(count)\(what) on \(port) within \(within)"
    }

    /// One line about a frame: its protocols, and the innermost layer's type field if it has one.
    private func summary(of frame: Dissection) -> String {
        var text = frame.layers.joined(separator: ":")
        if let innermost = frame.layers.last, let type = frame.first("\(innermost).type") {
            text += " \(innermost).type=\(type)"
        }
        return text
    }
}
