import ConformTime
import ConformWire
import ConformCapture
import ConformSuite
import ConformMeasure

/// A stream a `stream` step started: what `measure` needs to find its frames and know when
/// it ends. Its frames are sent by clock events, so a send failure is kept for `measure`.
final class StreamRun {
    let name: String
    let ports: [String]
    let streamID: UInt32
    /// The scheduled instant of the last frame (ns).
    let lastFrameAt: Int64
    var failure: CaseAbort?

    init(name: String, ports: [String], streamID: UInt32, lastFrameAt: Int64) {
        self.name = name
        self.ports = ports
        self.streamID = streamID
        self.lastFrameAt = lastFrameAt
    }
}

/// `stream`: schedules the stream's frames on the clock and returns at once.
///
/// Frame k goes out at start + k · interval (rate), or at start + ⌊k/n⌋ · period + offset[k mod n]
/// (schedule). Each frame is the template with a `data` layer appended that carries padding
/// and the ``StreamTag``. When frames 0 and 1 differ only in the tag (no checksum over the
/// payload, no R-TAG), later frames are frame 0 with the tag rewritten; otherwise each frame is
/// built when it is sent, so every checksum and length is right.
struct StreamExecutor: StepExecutor {
    func execute(_ stream: StreamStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        var ports: [any ConformCapture.Port] = []
        for name in stream.ports { ports.append(try context.port(name, at: location)) }
        let template = try context.template(stream.template, at: location)
        var startNs = context.clock.now().ns
        if let align = stream.align {
            let cycle = try context.scope.duration(align).ns
            guard cycle > 0 else { throw CaseAbort(.error, at: location, "stream '\(stream.name)': align must be positive") }
            startNs = (startNs + cycle - 1) / cycle * cycle
        }
        startNs &+= try stream.start.map { value throws(CaseAbort) in try context.scope.duration(value).ns } ?? 0
        let streamID = StreamTag.streamID(named: stream.name)
        let probe = try Self.frame(template, stream, sequence: 0, at: startNs, padding: 0, in: context, at: location)
        let padding = max(0, (stream.size ?? 60) - probe.count)
        let frameLength = probe.count + padding
        let instants = try Self.instants(stream, frameLength: frameLength, startNs: startNs, in: context, at: location)
        let run = StreamRun(name: stream.name, ports: stream.ports, streamID: streamID, lastFrameAt: instants(stream.count - 1))
        context.streams[stream.name] = run
        let first = try Self.frame(template, stream, sequence: 0, at: instants(0), padding: padding, in: context, at: location)
        let second = try Self.frame(template, stream, sequence: 1, at: instants(1), padding: padding, in: context, at: location)
        func patched(_ sequence: Int) -> [UInt8] {
            let tag = StreamTag(streamID: streamID, sequence: UInt64(sequence), transmitNs: instants(sequence))
            return Array(first.dropLast(StreamTag.length)) + tag.bytes
        }
        let patchable = patched(1) == second
        // Each frame's event schedules the next, so a long stream holds one pending event.
        func sendFrame(_ sequence: Int) {
            guard run.failure == nil else { return }
            do throws(CaseAbort) {
                let bytes = patchable ? patched(sequence)
                    : try Self.frame(template, stream, sequence: UInt64(sequence), at: instants(sequence), padding: padding,
                                     in: context, at: location)
                for port in ports { _ = try context.send(bytes, on: port, at: location) }
            } catch {
                run.failure = error
                return
            }
            if sequence + 1 < stream.count {
                context.clock.schedule(at: instants(sequence + 1)) { sendFrame(sequence + 1) }
            }
        }
        context.clock.schedule(at: instants(0)) { sendFrame(0) }
    }

    /// The send instant of frame k.
    private static func instants(_ stream: StreamStep, frameLength: Int, startNs: Int64, in context: CaseContext,
                                 at location: SourceLocation) throws(CaseAbort) -> (Int) -> Int64 {
        switch stream.pacing {
        case .packetsPerSecond(let pps):
            return { k in startNs &+ Int64((Double(k) * 1e9 / pps).rounded()) }
        case .bitsPerSecond(let bps):
            // FCS (4), preamble and SFD (8) and the minimum gap (12) occupy the wire too.
            let bits = Double(8 * (frameLength + 24))
            return { k in startNs &+ Int64((Double(k) * bits * 1e9 / bps).rounded()) }
        case .schedule(let period, let offsets):
            let periodNs = try context.scope.duration(period).ns
            var offsetNs: [Int64] = []
            for offset in offsets { offsetNs.append(try context.scope.duration(offset).ns) }
            guard periodNs > 0 else { throw CaseAbort(.error, at: location, "stream '\(stream.name)': the schedule's period must be positive") }
            let steps = offsetNs
            return { k in startNs &+ Int64(k / steps.count) &* periodNs &+ steps[k % steps.count] }
        }
    }

    /// The template with the stream's overrides, then `padding` zero bytes and the tag; an
    /// R-TAG layer the suite left without a sequence number gets the frame's (mod 2^16).
    private static func frame(_ template: Template, _ stream: StreamStep, sequence: UInt64, at instant: Int64, padding: Int,
                              in context: CaseContext, at location: SourceLocation) throws(CaseAbort) -> [UInt8] {
        let tag = StreamTag(streamID: StreamTag.streamID(named: stream.name), sequence: sequence, transmitNs: instant)
        let payload = Hex.encode([UInt8](repeating: 0, count: padding) + tag.bytes)
        let data = TemplateLayer(layer: "data", fields: [TemplateField(abbrev: "data.data", value: .literal(payload, at: location))],
                                 location: location)
        var overrides = stream.overrides
        if template.layers.contains(where: { $0.layer == "ieee8021cb" && !$0.fields.contains { $0.abbrev == "ieee8021cb.seq" } }),
           !overrides.contains(where: { $0.abbrev == "ieee8021cb.seq" }) {
            overrides.append(TemplateField(abbrev: "ieee8021cb.seq", value: .literal(String(sequence & 0xffff), at: location)))
        }
        let tagged = Template(name: template.name, layers: template.layers + [data], location: template.location)
        return try context.build(tagged, overrides: overrides, at: location)
    }
}
