import Foundation
import ConformSuite

/// Amends a sealed bundle without rewriting anything in it: a new folder `amendments/N/`
/// holds the reason (`amendment.json`), any added files (`files/`), the signer's public key,
/// its own manifest, and a signed statement that cites the digest of the manifest before it
/// (the run's for N = 1). ISO/IEC 17025 §7.8.8: the original stays as it was.
public enum Amendment {
    /// Adds amendment N+1 and returns its folder, relative to the bundle.
    /// - Throws: when the bundle is unfinished or not intact, a file cannot be read, or two
    ///   added files share a name.
    public static func add(to bundle: String, signer: any Signer, reason: String, files: [String],
                           at date: Date = Date()) throws(BundleError) -> String {
        let check = BundleVerifier.verify(bundle, trustedKey: nil, integrityOnly: true)
        guard check.isValid else {
            throw BundleError(path: bundle, message: "only an intact, finished bundle can be amended:\n  "
                              + check.problems.joined(separator: "\n  "))
        }
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: "\(bundle)/\(BundleLayout.amendments)")) ?? [])
            .compactMap(Int.init)
        let number = (existing.max() ?? 0) + 1
        let scope = BundleSealer.Scope.amendment(number)
        let previousPath = number == 1 ? BundleLayout.manifest : BundleSealer.Scope.amendment(number - 1).path(BundleLayout.manifest)
        let previous = SHA256.hex(try BundleFiles.read(bundle, previousPath))
        let names = files.map { ($0 as NSString).lastPathComponent }
        guard Set(names).count == names.count else { throw BundleError(path: bundle, message: "two added files share a name") }
        var contents: [(String, [UInt8])] = []
        for (path, name) in zip(files, names) {
            guard let data = FileManager.default.contents(atPath: path) else { throw BundleError(path: path, message: "cannot read") }
            contents.append((scope.path("files/\(name)"), Array(data)))
        }
        let pem: String
        do {
            pem = try signer.publicKeyPEM()
        } catch {
            throw BundleError(path: bundle, message: error.description)
        }
        let runId = (try? JSONSerialization.jsonObject(with: Data(BundleFiles.read(bundle, BundleLayout.runRecord))) as? [String: Any])?["runId"]
        let predicate: [String: Any] = [
            "runId": runId as? String ?? "", "amendment": number, "reason": reason, "amendedAt": RunRecord.timestamp(date),
            "previousManifest": previous, "files": contents.map(\.0), "authoriser": signer.keyID,
        ]
        for (path, bytes) in contents { try BundleFiles.write(bytes, bundle, path) }
        try BundleFiles.write(try JSONText.encoded(predicate, path: scope.path("amendment.json")), bundle, scope.path("amendment.json"))
        try BundleFiles.write(Array(pem.utf8), bundle, scope.path(BundleLayout.authoriserKey))
        try BundleSealer.seal(bundle, scope: scope, extraSubjects: [], predicateType: Statement.amendmentPredicateType,
                              predicate: predicate, signer: signer)
        return scope.folder
    }
}
