#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `close(2)`, named apart from the writers' own `close()`.
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }

/// The file descriptor behind the capture writers: bytes are staged in a small buffer and
/// written out with `write(2)` on ``flush()``, so a writer holds at most one batch of
/// encoded blocks and never the frames themselves.
final class PcapFileOutput {
    let path: String
    /// Bytes handed to the kernel so far.
    private(set) var written = 0
    private var pending: [UInt8] = []
    private var descriptor: Int32?

    /// Buffered bytes beyond which `append` writes out on its own.
    static let batchLimit = 64 * 1024

    init(path: String) throws(CaptureFileError) {
        self.path = path
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw Self.systemError("open", path: path, offset: nil) }
        descriptor = fd
    }

    /// Opens an existing file to append to its end.
    init(appendingTo path: String) throws(CaptureFileError) {
        self.path = path
        let fd = path.withCString { open($0, O_WRONLY | O_APPEND | O_CLOEXEC) }
        guard fd >= 0 else { throw Self.systemError("open", path: path, offset: nil) }
        let end = lseek(fd, 0, SEEK_END)
        guard end >= 0 else {
            let error = Self.systemError("lseek", path: path, offset: nil)
            _ = closeDescriptor(fd)
            throw error
        }
        descriptor = fd
        written = Int(end)
    }

    deinit {
        if let descriptor { _ = closeDescriptor(descriptor) }
    }

    var isOpen: Bool { descriptor != nil }

    /// Offset in the file at which the next appended byte will land.
    var position: Int { written + pending.count }

    func append(_ bytes: [UInt8]) throws(CaptureFileError) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.batchLimit { try flush() }
    }

    func flush() throws(CaptureFileError) {
        guard let descriptor else { throw closedError() }
        var start = 0
        while start < pending.count {
            let count = pending.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + start, raw.count - start)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.systemError("write", path: path, offset: written + start)
            }
            start += count
        }
        written += start
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes, then asks the kernel to put the file on stable storage (`fsync(2)`).
    func synchronize() throws(CaptureFileError) {
        try flush()
        guard let descriptor else { throw closedError() }
        guard fsync(descriptor) == 0 else { throw Self.systemError("fsync", path: path, offset: written) }
    }

    func close() throws(CaptureFileError) {
        guard let descriptor else { return }
        defer { self.descriptor = nil }
        try flush()
        guard closeDescriptor(descriptor) == 0 else { throw Self.systemError("close", path: path, offset: written) }
    }

    func closedError() -> CaptureFileError {
        CaptureFileError(code: .closed, path: path, offset: position, message: "the writer is closed")
    }

    static func systemError(_ call: String, path: String, offset: Int?) -> CaptureFileError {
        let code = errno
        return CaptureFileError(code: .io, path: path, offset: offset,
                                message: "\(call) failed: \(String(cString: strerror(code))) (errno \(code))")
    }

    /// Reads a whole file.
    static func readAll(path: String) throws(CaptureFileError) -> [UInt8] {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw systemError("open", path: path, offset: nil) }
        defer { _ = closeDescriptor(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw systemError("read", path: path, offset: bytes.count)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
