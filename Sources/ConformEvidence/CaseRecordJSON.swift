import Foundation
import ConformRunner

/// A case record as JSON: the `cases[]` entries of run.json and the lines of the journal.
public enum CaseRecordJSON {
    /// The record's JSON object.
    public static func object(_ record: CaseRecord) -> [String: Any] {
        var object: [String: Any] = [
            "suite": record.suite, "id": record.id, "title": record.title, "clause": record.clause,
            "verdict": record.outcomeName, "durationNs": record.durationNs,
            "measurements": record.measurements.map(measurementObject),
        ]
        if let part = record.part { object["part"] = part }
        switch record.outcome {
        case .notSelected(let expression): object["excludedBy"] = expression
        case .skipped(let why): object["skippedBecause"] = why
        case .verdict: break
        }
        if let reason = record.reason {
            var reasonObject: [String: Any] = [
                "clause": reason.clause, "expected": reason.expected, "observed": reason.observed,
                "frames": reason.frames.map { ["capture": $0.capture, "number": $0.number] as [String: Any] },
            ]
            reasonObject["location"] = reason.location
            object["reason"] = reasonObject
        }
        return object
    }

    /// The record an object describes, or nil when a field is missing or of the wrong type.
    public static func record(from object: [String: Any]) -> CaseRecord? {
        guard let suite = object["suite"] as? String, let id = object["id"] as? String, let title = object["title"] as? String,
              let clause = object["clause"] as? String, let verdict = object["verdict"] as? String,
              let durationNs = (object["durationNs"] as? NSNumber)?.int64Value else { return nil }
        let outcome: CaseRecord.Outcome
        switch verdict {
        case "not-selected":
            guard let expression = object["excludedBy"] as? String else { return nil }
            outcome = .notSelected(expression)
        case "skipped":
            guard let why = object["skippedBecause"] as? String else { return nil }
            outcome = .skipped(why)
        default:
            guard let value = Verdict(rawValue: verdict) else { return nil }
            outcome = .verdict(value)
        }
        var reason: VerdictReason?
        if let reasonObject = object["reason"] as? [String: Any] {
            guard let clause = reasonObject["clause"] as? String, let expected = reasonObject["expected"] as? String,
                  let observed = reasonObject["observed"] as? String,
                  let frames = reasonObject["frames"] as? [[String: Any]] else { return nil }
            var references: [FrameReference] = []
            for frame in frames {
                guard let capture = frame["capture"] as? String, let number = frame["number"] as? Int else { return nil }
                references.append(FrameReference(capture: capture, number: number))
            }
            reason = VerdictReason(clause: clause, expected: expected, observed: observed, frames: references,
                                   location: reasonObject["location"] as? String)
        }
        var measurements: [MeasurementRecord] = []
        for item in object["measurements"] as? [[String: Any]] ?? [] {
            guard let measurement = measurement(from: item) else { return nil }
            measurements.append(measurement)
        }
        return CaseRecord(suite: suite, id: id, part: object["part"] as? String, title: title, clause: clause,
                          outcome: outcome, reason: reason, durationNs: durationNs, measurements: measurements)
    }

    /// A `measurements[]` entry: the stream, its statistics (times in ns), the timestamp
    /// sources and uncertainty, the decision rule and each assertion's verdict.
    static func measurementObject(_ m: MeasurementRecord) -> [String: Any] {
        var object: [String: Any] = [
            "stream": m.stream, "port": m.port, "values": m.values, "uncertaintyNs": m.uncertaintyNs,
            "timestampSource": ["transmit": m.transmitSource, "receive": m.receiveSource],
            "exactPercentiles": m.exactPercentiles, "decision": m.decision,
            "assertions": m.assertions.map { ["assert": $0.text, "verdict": $0.verdict.rawValue] as [String: Any] },
        ]
        object["samples"] = m.samples
        object["correctionBitsPerSecond"] = m.correctionBitsPerSecond
        return object
    }

    static func measurement(from object: [String: Any]) -> MeasurementRecord? {
        guard let stream = object["stream"] as? String, let port = object["port"] as? String,
              let values = object["values"] as? [String: Any], let uncertainty = (object["uncertaintyNs"] as? NSNumber)?.int64Value,
              let sources = object["timestampSource"] as? [String: Any], let transmit = sources["transmit"] as? String,
              let receive = sources["receive"] as? String, let exact = object["exactPercentiles"] as? Bool,
              let decision = object["decision"] as? String, let assertions = object["assertions"] as? [[String: Any]] else { return nil }
        var numbers: [String: Int64] = [:]
        for (name, value) in values {
            guard let number = (value as? NSNumber)?.int64Value else { return nil }
            numbers[name] = number
        }
        var judged: [MeasurementRecord.Assertion] = []
        for assertion in assertions {
            guard let text = assertion["assert"] as? String, let verdict = (assertion["verdict"] as? String).flatMap(Verdict.init) else { return nil }
            judged.append(MeasurementRecord.Assertion(text: text, verdict: verdict))
        }
        return MeasurementRecord(stream: stream, port: port, values: numbers, uncertaintyNs: uncertainty, transmitSource: transmit,
                                 receiveSource: receive, exactPercentiles: exact,
                                 correctionBitsPerSecond: (object["correctionBitsPerSecond"] as? NSNumber)?.int64Value,
                                 decision: decision, assertions: judged,
                                 samples: object["samples"] as? String)
    }
}
