import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The lock a run holds on its token for as long as its test bed exists: `flock(2)` on
/// `<state>/<token>.lock`.
///
/// The kernel drops a flock when its holder dies, SIGKILL included, so a sweep can tell a
/// live run's test bed (locked) from a killed run's leftovers (unlocked). A sweep deletes the
/// file of a leftover while holding its lock; a run that opened the file just before then
/// would hold a lock on a deleted file, so acquiring checks that the path still names the
/// file it locked, and retries otherwise.
public final class TestbedLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release(removingFile: false) }

    /// The lock file of `token` in `directory`.
    public static func path(for token: RunToken, in directory: String) -> String { "\(directory)/\(token.text).lock" }

    /// Creates and locks the lock file of `token`; fails if another process holds it.
    /// - Throws: ``NetnsTestbedError/Code/lock``.
    public static func acquire(_ token: RunToken, in directory: String) throws(NetnsTestbedError) -> TestbedLock {
        try makeDirectory(directory)
        let path = path(for: token, in: directory)
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw NetnsTestbedError(.lock, "cannot create the lock file \(path): \(Self.errorText())") }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let message = "cannot lock \(path): \(Self.errorText())"
                close(fd)
                throw NetnsTestbedError(.lock, message)
            }
            if namesSameFile(path, fd) {
                // The holder's pid, so `conform testbed down` can ask it to tear down.
                let pid = Array("\(getpid())\n".utf8)
                _ = ftruncate(fd, 0)
                _ = pid.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                return TestbedLock(path: path, descriptor: fd)
            }
            close(fd)
        }
    }

    /// The pid written in the lock file at `path` by the run that holds it.
    public static func holder(_ path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Locks the existing lock file at `path` if no process holds it: the run that made it
    /// is gone. Returns nil while a run holds it or when the file is gone.
    public static func takeOver(_ path: String) -> TestbedLock? {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, namesSameFile(path, fd) else {
            close(fd)
            return nil
        }
        return TestbedLock(path: path, descriptor: fd)
    }

    /// Whether some process holds the lock file at `path`.
    public static func isHeld(_ path: String) -> Bool {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) != 0
    }

    /// Deletes the lock file (when asked) and releases the lock. Releasing twice does nothing.
    public func release(removingFile: Bool = true) {
        guard descriptor >= 0 else { return }
        if removingFile { unlink(path) }
        close(descriptor)
        descriptor = -1
    }

    private static func namesSameFile(_ path: String, _ fd: Int32) -> Bool {
        var byPath = stat()
        var byDescriptor = stat()
        guard stat(path, &byPath) == 0, fstat(fd, &byDescriptor) == 0 else { return false }
        return byPath.st_dev == byDescriptor.st_dev && byPath.st_ino == byDescriptor.st_ino
    }

    static func makeDirectory(_ directory: String) throws(NetnsTestbedError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw NetnsTestbedError(.lock, "cannot create \(directory): \(error.localizedDescription)")
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
