import ConformSuite
/// Seals a set of bundle files: writes their manifest, then an in-toto statement naming the
/// manifest's digest, in a DSSE envelope signed by the lab key (or unsigned).
enum BundleSealer {
    /// Which files a manifest covers. The main manifest covers every file but the two sealing
    /// files, the in-progress marker and the amendments; an amendment's covers its own folder.
    enum Scope: Equatable {
        case run
        case amendment(Int)

        /// The folder holding the scope's manifest and attestation ("" for the bundle root).
        var folder: String {
            switch self {
            case .run: return ""
            case .amendment(let number): return "\(BundleLayout.amendments)/\(number)"
            }
        }

        func path(_ name: String) -> String { folder.isEmpty ? name : "\(folder)/\(name)" }

        func includes(_ path: String) -> Bool {
            guard path != self.path(BundleLayout.manifest), path != self.path(BundleLayout.attestation) else { return false }
            switch self {
            case .run: return path != BundleLayout.inProgress && !path.hasPrefix(BundleLayout.amendments + "/")
            case .amendment: return path.hasPrefix(folder + "/")
            }
        }
    }

    /// Writes the scope's manifest and attestation; returns the manifest's digest.
    @discardableResult
    static func seal(_ bundle: String, scope: Scope, extraSubjects: [Statement.Subject], predicateType: String,
                     predicate: [String: Any], signer: (any Signer)?) throws(BundleError) -> String {
        let manifest = try Manifest.scan(bundle: bundle, include: scope.includes)
        let manifestBytes = try manifest.jsonBytes()
        try BundleFiles.write(manifestBytes, bundle, scope.path(BundleLayout.manifest))
        let digest = SHA256.hex(manifestBytes)
        let statement = Statement(subjects: [Statement.Subject(name: scope.path(BundleLayout.manifest), sha256: digest)] + extraSubjects,
                                  predicateType: predicateType, predicate: predicate)
        let envelope: DSSEEnvelope
        do {
            envelope = try DSSEEnvelope.sign(payloadType: Statement.payloadType, payload: statement.jsonBytes(),
                                             signers: signer.map { [$0] } ?? [])
        } catch {
            throw BundleError(path: scope.path(BundleLayout.attestation), message: "cannot sign: \(error)")
        }
        try BundleFiles.write(envelope.jsonBytes(), bundle, scope.path(BundleLayout.attestation))
        return digest
    }

    /// The firmware digest of a target as a statement subject, when the target gives one as `sha256:HEX`.
    static func firmwareSubject(_ digest: String?) -> Statement.Subject? {
        guard let digest, digest.hasPrefix("sha256:") else { return nil }
        return Statement.Subject(name: "firmware", sha256: String(digest.dropFirst("sha256:".count)))
    }
}
