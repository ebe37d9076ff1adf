#if canImport(Glibc)
import ConformSuite
import Glibc
#endif
import Foundation
import Testing
@testable import ConformEvidence

@Suite struct BundleVerificationTests {
    @Test func signedBundleVerifiesWithItsKey() throws {
        let key = try BundleFixture.testKey()
        let (bundle, run) = try BundleFixture.make(signer: key)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        #expect(run.authoriser == key.keyID)
        let report = BundleVerifier.verify(bundle, trustedKey: key.publicKey, integrityOnly: false)
        #expect(report.problems == [])
        #expect(BundleVerifier.verify(bundle, trustedKey: nil, integrityOnly: false).isValid)
        for name in [BundleLayout.manifest, BundleLayout.attestation, BundleLayout.runRecord, BundleLayout.report,
                     BundleLayout.registryRecord, BundleLayout.journal, BundleLayout.capture(port: "tn1"), BundleLayout.authoriserKey] {
            #expect(BundleFiles.exists(bundle, name), "\(name)")
        }
        #expect(!BundleFiles.exists(bundle, BundleLayout.inProgress))
        let environment = try JSONSerialization.jsonObject(with: Data(BundleFiles.read(bundle, BundleLayout.environment))) as? [String: Any]
        var system = utsname()
        uname(&system)
        let release = withUnsafeBytes(of: system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        #expect((environment?["kernel"] as? [String: String])?["release"] == release)
    }

    @Test func anotherKeyDoesNotVerify() throws {
        let (bundle, _) = try BundleFixture.make(signer: try BundleFixture.testKey())
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let other = try Ed25519PrivateKey.generate()
        let report = BundleVerifier.verify(bundle, trustedKey: other.publicKey, integrityOnly: false)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.contains("no signature by key \(other.keyID)") == true)
    }

    @Test func unsignedBundleVerifiesOnlyForIntegrity() throws {
        let (bundle, run) = try BundleFixture.make(signer: nil)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        #expect(run.authoriser == nil)
        #expect(BundleVerifier.verify(bundle, trustedKey: nil, integrityOnly: true).isValid)
        let full = BundleVerifier.verify(bundle, trustedKey: nil, integrityOnly: false)
        #expect(full.problems.count == 1)
        #expect(full.problems.first?.contains("unsigned") == true)
    }

    @Test func manifestListsEveryFileSortedWithDigests() throws {
        let (bundle, _) = try BundleFixture.make(signer: nil)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let manifest = try Manifest(jsonBytes: BundleFiles.read(bundle, BundleLayout.manifest))
        let all = try BundleFiles.list(bundle).filter { $0 != BundleLayout.manifest && $0 != BundleLayout.attestation }
        #expect(manifest.entries.map(\.path) == all)
        for entry in manifest.entries {
            let bytes = try BundleFiles.read(bundle, entry.path)
            #expect(entry.size == bytes.count && entry.sha256 == SHA256.hex(bytes))
        }
        #expect(manifest.entries.first { $0.path == "captures/tn1.pcapng" }?.mediaType == "application/x-pcapng")
    }

    @Test func statementIsInTotoV1InDSSE() throws {
        let key = try BundleFixture.testKey()
        let (bundle, run) = try BundleFixture.make(signer: key)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let envelope = try DSSEEnvelope(jsonBytes: BundleFiles.read(bundle, BundleLayout.attestation))
        #expect(envelope.payloadType == "application/vnd.in-toto+json")
        #expect(envelope.signatures.map(\.keyid) == [key.keyID])
        let statement = try Statement(jsonBytes: envelope.payload)
        #expect(statement.predicateType == Statement.runPredicateType)
        #expect(statement.digest(of: "manifest.json") == SHA256.hex(try BundleFiles.read(bundle, BundleLayout.manifest)))
        #expect(statement.predicate["runId"] as? String == run.runId)
        #expect(key.publicKey.isValidSignature(envelope.signatures[0].sig,
                                               for: DSSEEnvelope.pae(payloadType: envelope.payloadType, payload: envelope.payload)))
    }

    /// At least 200 random tamperings, each detected: a flipped byte in any file, a deleted
    /// file, an added file, an edited run.json, whitespace in the envelope.
    @Test func everyRandomTamperingIsDetected() throws {
        let (bundle, _) = try BundleFixture.make(signer: try BundleFixture.testKey())
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        _ = try Amendment.add(to: bundle, signer: try BundleFixture.testKey(), reason: "correction", files: [])
        let key = try BundleFixture.testKey().publicKey
        let files = try BundleFiles.list(bundle)
        var generator = SplitMix64(seed: 6)
        var kinds: [String: Int] = [:]
        for round in 0..<240 {
            let copy = try BundleFixture.copy(bundle)
            defer { try? FileManager.default.removeItem(atPath: copy) }
            let kind = try Tampering.apply(round % 5, to: copy, files: files, using: &generator)
            kinds[kind, default: 0] += 1
            for trusted in [key as (any SignatureVerifier)?, nil] {
                let report = BundleVerifier.verify(copy, trustedKey: trusted, integrityOnly: false)
                #expect(!report.isValid, "round \(round): \(kind) went unnoticed")
            }
        }
        #expect(kinds.count == 5 && kinds.values.allSatisfy { $0 >= 40 })
    }

    @Test func amendmentsChainAndNothingIsRewritten() throws {
        let key = try BundleFixture.testKey()
        let (bundle, _) = try BundleFixture.make(signer: key)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let before = try BundleFiles.list(bundle).map { ($0, try BundleFiles.read(bundle, $0)) }
        let note = BundleFixture.temporaryFolder("note")
        try Data("corrected serial".utf8).write(to: URL(fileURLWithPath: note))
        defer { try? FileManager.default.removeItem(atPath: note) }
        #expect(try Amendment.add(to: bundle, signer: key, reason: "serial corrected", files: [note]) == "amendments/1")
        #expect(try Amendment.add(to: bundle, signer: key, reason: "second look", files: []) == "amendments/2")
        for (path, bytes) in before { #expect(try BundleFiles.read(bundle, path) == bytes, "\(path) was rewritten") }
        #expect(BundleVerifier.verify(bundle, trustedKey: key.publicKey, integrityOnly: false).problems == [])
        let second = try Statement(jsonBytes: DSSEEnvelope(jsonBytes: BundleFiles.read(bundle, "amendments/2/attestation.dsse.json")).payload)
        #expect(second.predicate["previousManifest"] as? String == SHA256.hex(try BundleFiles.read(bundle, "amendments/1/manifest.json")))

        let broken = try BundleFixture.copy(bundle)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        try FileManager.default.removeItem(atPath: "\(broken)/amendments/1")
        #expect(!BundleVerifier.verify(broken, trustedKey: key.publicKey, integrityOnly: false).isValid)
    }

    @Test func unfinishedBundleCannotBeAmendedOrVerified() throws {
        let loaded = try BundleFixture.load()
        let bundle = BundleFixture.temporaryFolder("unfinished")
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        _ = try RunSession(starting: bundle, settings: BundleFixture.settings(loaded), suites: loaded.suites, target: loaded.target,
                           binding: loaded.binding, signer: nil)
        let report = BundleVerifier.verify(bundle, trustedKey: nil, integrityOnly: true)
        #expect(report.problems.count == 1 && report.problems[0].hasPrefix("unfinished run"))
        #expect(throws: BundleError.self) { try Amendment.add(to: bundle, signer: try BundleFixture.testKey(), reason: "x", files: []) }
    }
}

/// A small deterministic generator, so a failing tampering can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The tamperings the verification test applies.
enum Tampering {
    static func apply(_ kind: Int, to bundle: String, files: [String], using generator: inout SplitMix64) throws -> String {
        switch kind {
        case 0:
            let path = files.randomElement(using: &generator)!
            var bytes = try BundleFiles.read(bundle, path)
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] ^= UInt8.random(in: 1...255, using: &generator)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(bundle)/\(path)"))
            return "flip a byte"
        case 1:
            try FileManager.default.removeItem(atPath: "\(bundle)/\(files.randomElement(using: &generator)!)")
            return "delete a file"
        case 2:
            let folder = ["", "captures/", "suites/ipv6-core/", "amendments/1/", "keys/"].randomElement(using: &generator)!
            try FileManager.default.createDirectory(atPath: "\(bundle)/\(folder)", withIntermediateDirectories: true)
            try Data("extra".utf8).write(to: URL(fileURLWithPath: "\(bundle)/\(folder)extra-\(generator.next() % 1000).txt"))
            return "add a file"
        case 3:
            let path = "\(bundle)/\(BundleLayout.runRecord)"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            let edits: [(String, String)] = [("\"pass\"", "\"fail\""), ("\"seed\" : 0", "\"seed\" : 1"),
                                             ("A. Tester", "B. Tester"), ("\"virtual\"", "\"hardware\"")]
            let (from, to) = edits.randomElement(using: &generator)!
            text = text.replacingOccurrences(of: from, with: to)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return "edit run.json"
        default:
            let envelope = ["attestation.dsse.json", "amendments/1/attestation.dsse.json"].randomElement(using: &generator)!
            var bytes = try BundleFiles.read(bundle, envelope)
            let index = Int.random(in: 0...bytes.count, using: &generator)
            bytes.insert([UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t")].randomElement(using: &generator)!, at: index)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(bundle)/\(envelope)"))
            return "whitespace in the envelope"
        }
    }
}

/// run.json must agree with the signed statement even when the manifest and seal are redone
/// over an edited run.json (the digests then match, so only the agreement check can tell).
@Suite struct RunConsistencyTests {
    private func resealed(_ edit: (inout [String: Any]) -> Void) throws -> [String] {
        let key = try BundleFixture.testKey()
        let (bundle, _) = try BundleFixture.make(signer: key)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        let statement = try Statement(jsonBytes: DSSEEnvelope(jsonBytes: BundleFiles.read(bundle, BundleLayout.attestation)).payload)
        var run = try JSONSerialization.jsonObject(with: Data(BundleFiles.read(bundle, BundleLayout.runRecord))) as! [String: Any]
        edit(&run)
        try BundleFiles.write(JSONText.bytes(run), bundle, BundleLayout.runRecord)
        try BundleSealer.seal(bundle, scope: .run, extraSubjects: [], predicateType: statement.predicateType,
                              predicate: statement.predicate, signer: key)
        return BundleVerifier.verify(bundle, trustedKey: key.publicKey, integrityOnly: false).problems
    }

    @Test func untouchedRunJSONAgrees() throws {
        #expect(try resealed { _ in } == [])
    }

    @Test func anotherRunIdIsReported() throws {
        #expect(try resealed { $0["runId"] = "someone-else" } == ["run.json: runId differs from the statement's"])
    }

    @Test func aDroppedCaseIsReported() throws {
        let problems = try resealed { run in run["cases"] = Array((run["cases"] as! [Any]).dropLast()) }
        #expect(problems == ["run.json: summary does not count its cases"])
    }

    @Test func aChangedSummaryIsReported() throws {
        let problems = try resealed { run in
            var summary = run["summary"] as! [String: Any]
            summary["pass"] = 0
            summary["fail"] = 7
            run["summary"] = summary
        }
        #expect(problems.contains("run.json: summary differs from the statement's"))
        #expect(problems.contains("registry-record.json: counts differ from run.json's summary"))
    }
}
