#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// File access inside a bundle folder: listing, reading, durable writing.
enum BundleFiles {
    /// Every regular file under `bundle`, as sorted relative paths with `/` separators.
    static func list(_ bundle: String) throws(BundleError) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: bundle) else {
            throw BundleError(path: bundle, message: "cannot list the folder")
        }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(bundle)/\(relative)", isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(relative)
            }
        }
        return paths.sorted()
    }

    static func exists(_ bundle: String, _ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(bundle)/\(relative)")
    }

    static func read(_ bundle: String, _ relative: String) throws(BundleError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: "\(bundle)/\(relative)") else {
            throw BundleError(path: "\(bundle)/\(relative)", message: "cannot read")
        }
        return Array(data)
    }

    /// Writes a whole file (creating folders), then fsyncs it, so a crash leaves it whole or absent.
    static func write(_ bytes: [UInt8], _ bundle: String, _ relative: String) throws(BundleError) {
        let path = "\(bundle)/\(relative)"
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BundleError(path: path, message: "cannot write: \(error.localizedDescription)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    static func remove(_ bundle: String, _ relative: String) throws(BundleError) {
        do {
            try FileManager.default.removeItem(atPath: "\(bundle)/\(relative)")
        } catch {
            throw BundleError(path: "\(bundle)/\(relative)", message: "cannot remove: \(error.localizedDescription)")
        }
    }
}
