import ConformSuite
/// Checks one sealed scope (the run, or one amendment): manifest, envelope, statement,
/// signature and the files the manifest lists.
struct ScopeChecker {
    struct Sealed {
        let manifest: Manifest
        let digest: String
        let envelope: DSSEEnvelope
        let statement: Statement
    }

    let bundle: String
    let trustedKey: (any SignatureVerifier)?
    let integrityOnly: Bool
    var problems: [String] = []
    var notes: [String] = []
    /// Files some manifest or seal accounts for.
    var covered: [String] = []

    init(bundle: String, trustedKey: (any SignatureVerifier)?, integrityOnly: Bool) {
        self.bundle = bundle
        self.trustedKey = trustedKey
        self.integrityOnly = integrityOnly
    }

    mutating func check(_ scope: BundleSealer.Scope, predicateType: String) -> Sealed? {
        let manifestPath = scope.path(BundleLayout.manifest), attestationPath = scope.path(BundleLayout.attestation)
        covered += [manifestPath, attestationPath]
        guard let manifestBytes = try? BundleFiles.read(bundle, manifestPath) else {
            problems.append("\(manifestPath): missing")
            return nil
        }
        guard let envelopeBytes = try? BundleFiles.read(bundle, attestationPath) else {
            problems.append("\(attestationPath): missing")
            return nil
        }
        let manifest: Manifest, envelope: DSSEEnvelope, statement: Statement
        do {
            manifest = try Manifest(jsonBytes: manifestBytes)
            envelope = try DSSEEnvelope(jsonBytes: envelopeBytes)
            if envelope.jsonBytes() != envelopeBytes {
                problems.append("\(attestationPath): not in canonical form (its bytes were edited)")
            }
            if envelope.payloadType != Statement.payloadType {
                problems.append("\(attestationPath): payloadType is '\(envelope.payloadType)', not \(Statement.payloadType)")
            }
            statement = try Statement(jsonBytes: envelope.payload)
        } catch {
            problems.append("\(scope.path(error.path)): \(error.message)")
            return nil
        }
        if statement.predicateType != predicateType {
            problems.append("\(attestationPath): predicateType is '\(statement.predicateType)', not \(predicateType)")
        }
        let digest = SHA256.hex(manifestBytes)
        if statement.digest(of: manifestPath) != digest {
            problems.append("\(manifestPath): its digest \(digest) is not the one the statement names")
        }
        checkSignature(envelope, scope: scope)
        checkFiles(manifest, scope: scope)
        return Sealed(manifest: manifest, digest: digest, envelope: envelope, statement: statement)
    }

    private mutating func checkSignature(_ envelope: DSSEEnvelope, scope: BundleSealer.Scope) {
        let attestationPath = scope.path(BundleLayout.attestation)
        if integrityOnly {
            notes.append("\(attestationPath): signature not checked (--integrity-only)")
            return
        }
        guard !envelope.signatures.isEmpty else {
            problems.append("\(attestationPath): unsigned (run with --sign KEY, or check an unsigned bundle with --integrity-only)")
            return
        }
        let key: any SignatureVerifier
        if let trustedKey {
            key = trustedKey
        } else {
            let keyPath = scope.path(BundleLayout.authoriserKey)
            guard let pem = try? BundleFiles.read(bundle, keyPath),
                  let stored = try? Ed25519PublicKey(pemRepresentation: String(decoding: pem, as: UTF8.self)) else {
                problems.append("\(attestationPath): signed, but no usable public key at \(keyPath); give --key PUBKEY")
                return
            }
            key = stored
            notes.append("\(attestationPath): checked with the key stored in the bundle (\(keyPath), key id \(stored.keyID)); "
                         + "give --key PUBKEY to check against the lab's key")
        }
        if envelope.isSigned(by: key) {
            notes.append("\(attestationPath): signature by key \(key.keyID) verifies")
        } else {
            problems.append("\(attestationPath): no signature by key \(key.keyID) verifies over PAE(payloadType, payload)")
        }
    }

    private mutating func checkFiles(_ manifest: Manifest, scope: BundleSealer.Scope) {
        for entry in manifest.entries {
            covered.append(entry.path)
            guard scope.includes(entry.path), !entry.path.contains("..") else {
                problems.append("\(entry.path): listed in \(scope.path(BundleLayout.manifest)) but outside its scope")
                continue
            }
            guard let bytes = try? BundleFiles.read(bundle, entry.path) else {
                problems.append("\(entry.path): missing (listed in the manifest)")
                continue
            }
            if bytes.count != entry.size {
                problems.append("\(entry.path): size \(bytes.count), manifest says \(entry.size)")
            }
            let digest = SHA256.hex(bytes)
            if digest != entry.sha256 {
                problems.append("\(entry.path): sha256 \(digest), manifest says \(entry.sha256)")
            }
            if entry.mediaType != BundleLayout.mediaType(of: entry.path) {
                problems.append("\(entry.path): media type '\(entry.mediaType)' is not \(BundleLayout.mediaType(of: entry.path))")
            }
        }
    }
}
