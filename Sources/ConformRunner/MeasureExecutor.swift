import Foundation
import ConformTime
import ConformCapture
import ConformSuite
import ConformMeasure

/// `measure`: waits until `within` after the stream's last frame, matches the stream's
/// transmissions (outbound frames on its port, with their transmit timestamps) to its
/// receptions on the measured port by sequence number, records the statistics and raw
/// samples, and judges the assertions under the step's decision rule.
struct MeasureExecutor: StepExecutor {
    func execute(_ measure: MeasureStep, at location: SourceLocation, in context: CaseContext,
                 arbiter: inout VerdictArbiter) throws(CaseAbort) {
        guard let run = context.streams[measure.stream] else {
            throw CaseAbort(.error, at: location, "no stream '\(measure.stream)' was started in this case")
        }
        let receivePort = try context.port(measure.port, at: location)
        var transmitPorts: [any ConformCapture.Port] = []
        for name in run.ports { transmitPorts.append(try context.port(name, at: location)) }
        let drain = try context.scope.duration(measure.within)
        _ = try context.wait(until: run.lastFrameAt &+ drain.ns &+ context.captureGrace.ns, at: location, for: { false })
        if let failure = run.failure { throw failure }

        let outcome = try analyse(run, transmitPorts: transmitPorts, receivePort: receivePort, measure: measure,
                                  context: context, at: location)
        let statistics = outcome.statistics
        let values = statistics.quantities
        let uncertainty = measure.decision == .guarded ? statistics.uncertainty : 0
        var results: [MeasurementRecord.Assertion] = []
        var worst: (verdict: Verdict, assertion: MeasureAssertion, observed: String)?
        for assertion in measure.assertions {
            let (verdict, observed) = try judge(assertion, values: values, uncertainty: uncertainty, context: context)
            results.append(MeasurementRecord.Assertion(text: assertion.description, verdict: verdict))
            if verdict > (worst?.verdict ?? .pass) { worst = (verdict, assertion, observed) }
        }
        context.measurements.append(MeasurementRecord(
            stream: run.name, port: receivePort.name, values: values.mapValues { $0.integer }, uncertaintyNs: statistics.uncertainty,
            transmitSource: statistics.transmitSource.rawValue, receiveSource: statistics.receiveSource.rawValue,
            exactPercentiles: statistics.latency?.exact ?? true, correctionBitsPerSecond: measure.linkRate.map { Int64($0) },
            decision: measure.decision.rawValue,
            assertions: results, samples: outcome.samplesPath))
        if let worst {
            let rule = measure.decision == .guarded ? ", guarded decision rule, U = \(TimeAmount(ns: statistics.uncertainty))" : ""
            throw CaseAbort(worst.verdict, at: worst.assertion.location,
                            expected: "\(worst.assertion) for stream \(run.name) on \(receivePort.name)",
                            "\(worst.observed)\(rule)")
        }
        arbiter.set(.pass)
    }

    private struct Outcome {
        let statistics: StreamStatistics
        let samplesPath: String?
    }

    /// Feeds the stream's frames in time order (a transmission before a reception at the same
    /// instant) and writes each sample to the case's CSV as it is matched.
    private func analyse(_ run: StreamRun, transmitPorts: [any ConformCapture.Port], receivePort: any ConformCapture.Port,
                         measure: MeasureStep, context: CaseContext, at location: SourceLocation) throws(CaseAbort) -> Outcome {
        let firstReceive = (context.firstFrame[receivePort.name] ?? 1) - 1
        // A stream sent on several ports counts each sequence number once, at its first transmission.
        let transmissions = transmitPorts.flatMap { port in
            port.frames(after: (context.firstFrame[port.name] ?? 1) - 1).compactMap { frame -> (CapturedFrame, StreamTag)? in
                guard frame.direction == .outbound, let tag = StreamTag(endOf: frame.bytes), tag.streamID == run.streamID else { return nil }
                return (frame, tag)
            }
        }.sorted { $0.0.timestamp.ns < $1.0.timestamp.ns }
        let receptions = receivePort.frames(after: firstReceive).compactMap { frame -> (CapturedFrame, StreamTag)? in
            guard frame.direction == .inbound, let tag = StreamTag(endOf: frame.bytes), tag.streamID == run.streamID else { return nil }
            return (frame, tag)
        }
        var analyzer = StreamAnalyzer(correction: measure.linkRate.map { StoreAndForwardCorrection(bitsPerSecond: Int64($0)) })
        var samples = SampleFile(directory: context.measurementsDirectory, caseID: context.testCase.id)
        var t = 0, r = 0
        while t < transmissions.count || r < receptions.count {
            if t < transmissions.count, r == receptions.count || transmissions[t].0.timestamp.ns <= receptions[r].0.timestamp.ns {
                analyzer.transmitted(sequence: transmissions[t].1.sequence, at: transmissions[t].0.timestamp.ns)
                t += 1
            } else {
                let (frame, tag) = receptions[r]
                if let sample = analyzer.received(sequence: tag.sequence, at: frame.timestamp.ns, frameLength: frame.originalLength) {
                    samples.append(stream: run.name, sample)
                }
                r += 1
            }
        }
        let path: String?
        do {
            path = try samples.close()
        } catch {
            throw CaseAbort(.error, at: location, "cannot write the raw samples: \(error)")
        }
        let transmitSource = transmissions.first?.0.timestamp.source ?? context.clock.source
        let receiveSource = receptions.first?.0.timestamp.source ?? context.clock.source
        return Outcome(statistics: analyzer.statistics(transmitSource: transmitSource, receiveSource: receiveSource), samplesPath: path)
    }

    /// The verdict of one assertion, and what was measured, in words.
    private func judge(_ assertion: MeasureAssertion, values: [String: MeasuredValue], uncertainty: Int64,
                       context: CaseContext) throws(CaseAbort) -> (Verdict, String) {
        guard let value = values[assertion.quantity] else {
            return (.fail, "\(assertion.quantity) has no value: no frame of the stream was received")
        }
        let limit: Int64
        let margin: Int64
        switch value {
        case .time:
            limit = try context.scope.duration(assertion.limit).ns
            margin = uncertainty
        case .count:
            guard let text = assertion.limit.literalText, let count = Int64(text) else {
                throw CaseAbort(.error, at: assertion.location, "'\(assertion.limit)' is not a count")
            }
            limit = count
            margin = 0
        }
        let measured = value.integer
        let shown: String
        switch value {
        case .time(let ns): shown = "\(assertion.quantity) = \(Self.render(ns))"
        case .count(let n): shown = "\(assertion.quantity) = \(n)"
        }
        let verdict = Self.decide(assertion.comparison, measured: measured, margin: margin, limit: limit)
        return (verdict, shown)
    }

    /// Guard-band decision: pass when the comparison holds over all of [v − U, v + U], fail when
    /// it holds nowhere there, inconc otherwise. With U = 0 this is the simple rule.
    static func decide(_ comparison: MeasureAssertion.Comparison, measured: Int64, margin: Int64, limit: Int64) -> Verdict {
        let low = measured &- margin, high = measured &+ margin
        switch comparison {
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let atLow = comparison.holds(low, limit), atHigh = comparison.holds(high, limit)
            return atLow && atHigh ? .pass : (!atLow && !atHigh ? .fail : .inconc)
        case .equal:
            if low == limit && high == limit { return .pass }
            return (limit < low || limit > high) ? .fail : .inconc
        case .notEqual:
            if limit < low || limit > high { return .pass }
            return low == limit && high == limit ? .fail : .inconc
        }
    }

    /// A time for a report: ns below 10 µs, else µs with three decimals.
    static func render(_ ns: Int64) -> String {
        ns.magnitude < 10_000 ? "\(ns)ns" : String(format: "%.3fus", Double(ns) / 1_000)
    }
}

/// The case's raw samples CSV, `measurements/CASE.csv`, written as samples are matched so
/// memory stays bounded; later `measure` steps of the case append to it.
private struct SampleFile {
    private let path: String?
    private let relative: String
    private var handle: FileHandle?
    private var buffer = ""
    private var failure: Error?

    init(directory: String?, caseID: String) {
        let name = caseID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }
        relative = "measurements/\(String(name)).csv"
        path = directory.map { "\($0)/\(String(name)).csv" }
    }

    mutating func append(stream: String, _ sample: DelaySample) {
        guard path != nil else { return }
        buffer += "\(stream),\(sample.csvLine)\n"
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    /// Flushes and closes; returns the bundle-relative path, or nil when nothing is written.
    mutating func close() throws -> String? {
        guard path != nil else { return nil }
        flush()
        try handle?.close()
        if let failure { throw failure }
        return relative
    }

    private mutating func flush() {
        guard let path, failure == nil else { return }
        do {
            if handle == nil {
                let directory = (path as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                if !FileManager.default.fileExists(atPath: path) {
                    guard FileManager.default.createFile(atPath: path, contents: Data(("stream," + DelaySample.csvHeader + "\n").utf8)) else {
                        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                    }
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try handle?.seekToEnd()
            }
            try handle?.write(contentsOf: Data(buffer.utf8))
            buffer = ""
        } catch {
            failure = error
        }
    }
}
