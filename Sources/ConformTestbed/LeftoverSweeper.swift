import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Removes what killed runs left behind: namespaces named by a run token whose lock no
/// process holds, the processes still running in them, and their lock files and folders.
///
/// A test bed whose run is alive is never touched: its run holds its lock until teardown,
/// and the kernel releases the lock only when the run is gone (SIGKILL included).
public enum LeftoverSweeper {
    /// One removed leftover.
    public struct Removal: Sendable, Hashable {
        public let token: RunToken
        /// What was removed: namespaces, `pid N` for killed processes, files.
        public let removed: [String]
    }

    /// Removes every unlocked leftover (or only `token`'s); returns what it removed, by token.
    public static func sweep(stateDirectory: String = NetnsBed.defaultStateDirectory, only: RunToken? = nil) -> [Removal] {
        let namespaces = (try? HelperCommand([IPTool.path ?? "ip", "netns", "list"]).run().output) ?? ""
        var byToken: [RunToken: [String]] = [:]
        for line in namespaces.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            if let token = RunToken.owning(namespace: name) { byToken[token, default: []].append(name) }
        }
        let lockFiles = ((try? FileManager.default.contentsOfDirectory(atPath: stateDirectory)) ?? [])
            .filter { $0.hasSuffix(".lock") }.compactMap { RunToken(String($0.dropLast(5))) }
        for token in lockFiles where byToken[token] == nil { byToken[token] = [] }
        var removals: [Removal] = []
        for token in byToken.keys.sorted(by: { $0.text < $1.text }) where only == nil || only == token {
            let lockPath = TestbedLock.path(for: token, in: stateDirectory)
            let lock = TestbedLock.takeOver(lockPath)
            if lock == nil && FileManager.default.fileExists(atPath: lockPath) { continue }
            var removed: [String] = []
            for namespace in (byToken[token] ?? []).sorted() {
                removed += removeNamespace(namespace)
            }
            let folder = "\(stateDirectory)/\(token.text)"
            if FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.removeItem(atPath: folder)
                removed.append(folder)
            }
            if lock != nil { removed.append(lockPath) }
            lock?.release()
            removals.append(Removal(token: token, removed: removed))
        }
        return removals
    }

    /// The tokens of every test bed on this machine (namespaces or lock files), each with
    /// whether its run still holds its lock.
    public static func inventory(stateDirectory: String = NetnsBed.defaultStateDirectory) -> [(token: RunToken, held: Bool)] {
        let namespaces = (try? HelperCommand([IPTool.path ?? "ip", "netns", "list"]).run().output) ?? ""
        var tokens = Set(namespaces.split(separator: "\n").compactMap { RunToken.owning(namespace: String($0.split(separator: " ").first ?? "")) })
        let files = (try? FileManager.default.contentsOfDirectory(atPath: stateDirectory)) ?? []
        tokens.formUnion(files.filter { $0.hasSuffix(".lock") }.compactMap { RunToken(String($0.dropLast(5))) })
        return tokens.sorted { $0.text < $1.text }.map { ($0, TestbedLock.isHeld(TestbedLock.path(for: $0, in: stateDirectory))) }
    }

    /// Kills every process in `namespace` (SIGTERM, then SIGKILL) and deletes it, which
    /// also deletes its interfaces and so both ends of its veth pairs. Returns what it removed.
    @discardableResult
    static func removeNamespace(_ namespace: String) -> [String] {
        guard let ip = IPTool.path else { return [] }
        var removed: [String] = []
        let pids = processes(in: namespace, ip: ip)
        for pid in pids { kill(pid, SIGTERM) }
        for _ in 0..<100 where !processes(in: namespace, ip: ip).isEmpty { usleep(10_000) }
        for pid in processes(in: namespace, ip: ip) { kill(pid, SIGKILL) }
        removed += pids.map { "pid \($0)" }
        if let outcome = try? HelperCommand([ip, "netns", "del", namespace]).run(), outcome.succeeded {
            removed.append("namespace \(namespace)")
        }
        return removed
    }

    private static func processes(in namespace: String, ip: String) -> [Int32] {
        let output = (try? HelperCommand([ip, "netns", "pids", namespace]).run().output) ?? ""
        return output.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
    }
}
