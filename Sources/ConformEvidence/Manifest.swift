import Foundation
import ConformSuite

/// One file of a bundle as the manifest records it.
public struct ManifestEntry: Sendable, Hashable {
    /// Path relative to the bundle, with `/` separators.
    public let path: String
    public let size: Int
    /// SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String
    public let mediaType: String

    public init(path: String, size: Int, sha256: String, mediaType: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.mediaType = mediaType
    }
}

/// `manifest.json`: every file of a bundle (or of one amendment) with its size, digest and
/// media type, sorted by path. The signed statement names the manifest's digest, so the
/// signature covers every file, captures included.
public struct Manifest: Sendable, Hashable {
    public static let schemaID = "conform.manifest/1"
    public let entries: [ManifestEntry]

    public init(entries: [ManifestEntry]) {
        self.entries = entries.sorted { $0.path < $1.path }
    }

    /// Hashes the files under `bundle` whose relative paths `include` accepts.
    public static func scan(bundle: String, include: (String) -> Bool) throws(BundleError) -> Manifest {
        var entries: [ManifestEntry] = []
        for path in try BundleFiles.list(bundle) where include(path) {
            let bytes = try BundleFiles.read(bundle, path)
            entries.append(ManifestEntry(path: path, size: bytes.count, sha256: SHA256.hex(bytes),
                                         mediaType: BundleLayout.mediaType(of: path)))
        }
        return Manifest(entries: entries)
    }

    /// The manifest's JSON text (sorted keys, final newline).
    public func jsonBytes() throws(BundleError) -> [UInt8] {
        let files = entries.map { ["path": $0.path, "size": $0.size, "sha256": $0.sha256, "mediaType": $0.mediaType] as [String: Any] }
        do {
            return try JSONText.bytes(["schema": Self.schemaID, "files": files] as [String: Any])
        } catch {
            throw BundleError(path: BundleLayout.manifest, message: "cannot encode: \(error)")
        }
    }

    /// Parses manifest JSON; any field missing or of the wrong type is an error.
    public init(jsonBytes: [UInt8]) throws(BundleError) {
        let bad = { (why: String) in BundleError(path: BundleLayout.manifest, message: why) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any] else {
            throw bad("is not a JSON object")
        }
        guard object["schema"] as? String == Self.schemaID else { throw bad("schema is not \(Self.schemaID)") }
        guard let files = object["files"] as? [[String: Any]] else { throw bad("has no files list") }
        var entries: [ManifestEntry] = []
        for file in files {
            guard let path = file["path"] as? String, let size = file["size"] as? Int, let sha256 = file["sha256"] as? String,
                  let mediaType = file["mediaType"] as? String else { throw bad("has an entry without path, size, sha256 and mediaType") }
            entries.append(ManifestEntry(path: path, size: size, sha256: sha256, mediaType: mediaType))
        }
        let paths = entries.map(\.path)
        guard zip(paths, paths.dropFirst()).allSatisfy({ $0 < $1 }) else { throw bad("is not sorted by path, or lists a path twice") }
        self.entries = entries
    }
}
