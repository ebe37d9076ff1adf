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
