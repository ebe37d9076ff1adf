#if canImport(Glibc)
import Glibc
#endif
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

/// `journal.ndjson`: append-only, one line per finished case, each written with one `write(2)`
/// and fsynced before the run goes on, so a killed run loses at most the case it was running.
final class RunJournal {
    private let path: String
    private let descriptor: Int32

    init(bundle: String) throws(BundleError) {
        path = "\(bundle)/\(BundleLayout.journal)"
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BundleError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    func append(_ entry: JournalEntry) throws(BundleError) {
        let line = try entry.jsonLine()
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw BundleError(path: path, message: "cannot append case \(entry.record.id): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads the journal of an unfinished run. A last line cut short by the kill (no final
    /// newline, or not parseable) is torn: it is cut off the file and its case runs again.
    /// A bad line before the last is damage no crash explains, and an error.
    static func recover(bundle: String) throws(BundleError) -> [JournalEntry] {
        let path = "\(bundle)/\(BundleLayout.journal)"
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let bytes = try BundleFiles.read(bundle, BundleLayout.journal)
        var entries: [JournalEntry] = []
        var start = 0
        var intact = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            guard let entry = JournalEntry(jsonLine: bytes[start..<newline]) else {
                guard newline == bytes.count - 1 else {
                    throw BundleError(path: path, message: "line \(entries.count + 1) is damaged and is not the last line")
                }
                break
            }
            entries.append(entry)
            start = newline + 1
            intact = start
        }
        if intact < bytes.count, truncate(path, off_t(intact)) != 0 {
            throw BundleError(path: path, message: "cannot cut the torn last line: \(String(cString: strerror(errno)))")
        }
        return entries
    }
}
