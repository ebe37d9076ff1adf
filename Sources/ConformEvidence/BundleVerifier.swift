import Foundation

/// What `conform verify` found: every problem, and notes on what was checked how.
public struct VerificationReport: Sendable {
    public internal(set) var problems: [String] = []
    public internal(set) var notes: [String] = []
    /// The bundle is complete, intact and (unless integrity only was asked) signed.
    public var isValid: Bool { problems.isEmpty }
}

/// Checks an evidence bundle offline: the DSSE envelope over its canonical bytes, the payload
/// and statement types, the subject digests, the signature, every file's size and digest,
/// files missing or extra, run.json against the statement and the manifest, and the chain of
/// amendments.
public enum BundleVerifier {
    /// - Parameters:
    ///   - trustedKey: the lab's public key; without it each statement is checked against the
    ///     public key stored beside it in the bundle, and a note says so.
    ///   - integrityOnly: skip signatures (for unsigned bundles); everything else is checked.
    public static func verify(_ bundle: String, trustedKey: (any SignatureVerifier)?, integrityOnly: Bool) -> VerificationReport {
        var report = VerificationReport()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bundle, isDirectory: &isDirectory), isDirectory.boolValue else {
            report.problems.append("\(bundle): no such bundle folder")
            return report
        }
        if BundleFiles.exists(bundle, BundleLayout.inProgress) {
            let lines = ((try? BundleFiles.read(bundle, BundleLayout.journal)) ?? []).filter { $0 == UInt8(ascii: "\n") }.count
            report.problems.append("unfinished run: the run did not finish (\(lines) case(s) journaled); it cannot verify as complete. "
                                   + "Continue it with: conform run --resume \(bundle)")
            return report
        }
        var checker = ScopeChecker(bundle: bundle, trustedKey: trustedKey, integrityOnly: integrityOnly)
        guard let root = checker.check(.run, predicateType: Statement.runPredicateType) else {
            report.problems = checker.problems
            report.notes = checker.notes
            return report
        }
        RunConsistency.check(bundle, statement: root.statement, manifest: root.manifest,
                             signedBy: root.envelope.signatures.map(\.keyid), into: &checker.problems)
        checkAmendments(bundle, rootDigest: root.digest, checker: &checker)
        let listed = Set(checker.covered)
        for path in (try? BundleFiles.list(bundle)) ?? [] where !listed.contains(path) {
            checker.problems.append("\(path): extra file, in no manifest")
        }
        report.problems = checker.problems
        report.notes = checker.notes
        return report
    }

    private static func checkAmendments(_ bundle: String, rootDigest: String, checker: inout ScopeChecker) {
        let folder = "\(bundle)/\(BundleLayout.amendments)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let numbers = names.compactMap(Int.init).sorted()
        guard numbers == (0..<numbers.count).map({ $0 + 1 }) else {
            checker.problems.append("\(BundleLayout.amendments): amendments are not numbered 1, 2, 3… without a gap")
            return
        }
        var previous = rootDigest
        for number in numbers {
            guard let amendment = checker.check(.amendment(number), predicateType: Statement.amendmentPredicateType) else { return }
            let cited = amendment.statement.predicate["previousManifest"] as? String
            if cited != previous {
                checker.problems.append("\(BundleLayout.amendments)/\(number): cites previous manifest \(cited ?? "none"), "
                                        + "but the manifest before it has digest \(previous)")
            }
            previous = amendment.digest
        }
        if numbers.count > 0 { checker.notes.append("\(numbers.count) amendment(s), each citing the manifest before it") }
    }
}

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
