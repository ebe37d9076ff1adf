import Foundation
import ConformRunner

/// Where each capture file stood when a case was journaled: its size in bytes and its frame count.
public struct CaptureMark: Sendable, Hashable {
    public let size: Int
    public let frames: Int
    public init(size: Int, frames: Int) {
        self.size = size
        self.frames = frames
    }
}

/// One line of `journal.ndjson`: a finished case, and the capture files as they stood once
/// its frames were on disk.
public struct JournalEntry: Sendable, Hashable {
    public let record: CaseRecord
    /// By port name.
    public let captures: [String: CaptureMark]
    /// The run's clock when the case was journaled; a resumed virtual-time run continues from it.
    public let clockNs: Int64

    public init(record: CaseRecord, captures: [String: CaptureMark], clockNs: Int64) {
        self.record = record
        self.captures = captures
        self.clockNs = clockNs
    }

    func jsonLine() throws(BundleError) -> [UInt8] {
        let marks = captures.mapValues { ["size": $0.size, "frames": $0.frames] }
        do {
            let data = try JSONSerialization.data(withJSONObject: ["case": CaseRecordJSON.object(record), "captures": marks, "clockNs": clockNs] as [String: Any],
                                                  options: [.sortedKeys, .withoutEscapingSlashes])
            return Array(data) + [UInt8(ascii: "\n")]
        } catch {
            throw BundleError(path: BundleLayout.journal, message: "cannot encode case \(record.id): \(error)")
        }
    }

    init?(jsonLine: ArraySlice<UInt8>) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonLine)) as? [String: Any],
              let caseObject = object["case"] as? [String: Any], let record = CaseRecordJSON.record(from: caseObject),
              let marks = object["captures"] as? [String: [String: Any]],
              let clockNs = (object["clockNs"] as? NSNumber)?.int64Value else { return nil }
        var captures: [String: CaptureMark] = [:]
        for (port, mark) in marks {
            guard let size = mark["size"] as? Int, let frames = mark["frames"] as? Int else { return nil }
            captures[port] = CaptureMark(size: size, frames: frames)
        }
        self.init(record: record, captures: captures, clockNs: clockNs)
    }
}
