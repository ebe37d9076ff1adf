#if canImport(Glibc)
import Glibc
#endif
import Foundation

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
