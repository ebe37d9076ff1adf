#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Walks pcapng blocks (§3.1: type, total length, body, total length again) to cut a file back.
enum PcapNGBlocks {
    /// Cuts `path` to `size` bytes after checking that its first `size` bytes are whole blocks.
    static func cut(_ path: String, to size: Int) throws(BundleError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BundleError(path: path, message: "the capture of the unfinished run is missing")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= size else {
            throw BundleError(path: path, message: "is \(bytes.count) bytes, shorter than the \(size) the journal records")
        }
        var offset = 0
        while offset < size {
            guard offset + 12 <= size else { break }
            let length = Int(littleEndian32(bytes, offset + 4))
            guard length >= 12, length % 4 == 0, offset + length <= size,
                  Int(littleEndian32(bytes, offset + length - 4)) == length else { break }
            offset += length
        }
        guard offset == size else {
            throw BundleError(path: path, message: "the first \(size) bytes are not whole pcapng blocks (stopped at \(offset))")
        }
        guard truncate(path, off_t(size)) == 0 else {
            throw BundleError(path: path, message: "cannot cut torn blocks: \(String(cString: strerror(errno)))")
        }
    }

    private static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) }
    }
}
