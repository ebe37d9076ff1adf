import Foundation
import Testing
@testable import ConformEvidence

/// A killed run, rebuilt from a finished one: its final files gone, the journal cut in the
/// middle of a line, a torn block at the end of the capture. Resuming yields the same results.
@Suite struct ResumeTests {
    private func killedCopy(of bundle: String, keepLines: Int, settings: RunSettings) throws -> String {
        let copy = try BundleFixture.copy(bundle)
        for name in [BundleLayout.manifest, BundleLayout.attestation, BundleLayout.runRecord, BundleLayout.junit, BundleLayout.report,
                     BundleLayout.registryRecord, BundleLayout.target, BundleLayout.environment, BundleLayout.authoriserKey] {
            try? FileManager.default.removeItem(atPath: "\(copy)/\(name)")
        }
        let journal = try BundleFiles.read(copy, BundleLayout.journal)
        let lines = journal.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let kept = lines.prefix(keepLines).map { Array($0) + [UInt8(ascii: "\n")] }.joined()
        let torn = Array(lines[keepLines].prefix(lines[keepLines].count / 2))
        try Data(Array(kept) + torn).write(to: URL(fileURLWithPath: "\(copy)/\(BundleLayout.journal)"))
        // The capture as it stood after the last kept case, plus half a block.
        let entry = JournalEntry(jsonLine: lines[keepLines - 1])!
        let capture = try BundleFiles.read(copy, BundleLayout.capture(port: "tn1"))
        let cut = entry.captures["tn1"]!.size
        try Data(Array(capture.prefix(cut + 40))).write(to: URL(fileURLWithPath: "\(copy)/\(BundleLayout.capture(port: "tn1"))"))
        try BundleFiles.write(settings.jsonBytes(), copy, BundleLayout.inProgress)
        return copy
    }

    @Test func resumedRunEqualsAnUninterruptedOne() throws {
        let key = try BundleFixture.testKey()
        let loaded = try BundleFixture.load()
        let bundle = BundleFixture.temporaryFolder("full")
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        var settings = BundleFixture.settings(loaded)
        let session = try RunSession(starting: bundle, settings: settings, suites: loaded.suites, target: loaded.target,
                                     binding: loaded.binding, signer: key)
        settings = session.settings
        let full = try session.run(observer: nil)

        let killed = try killedCopy(of: bundle, keepLines: 3, settings: settings)
        defer { try? FileManager.default.removeItem(atPath: killed) }
        #expect(!BundleVerifier.verify(killed, trustedKey: key.publicKey, integrityOnly: false).isValid)
        #expect(throws: RunSessionError.self) {
            try RunSession(resuming: killed, suites: loaded.suites, target: loaded.target, binding: loaded.binding, signer: nil)
        }
        let resumed = try RunSession(resuming: killed, suites: loaded.suites, target: loaded.target, binding: loaded.binding, signer: key)
        #expect(resumed.resumedCases == 3)
        let record = try resumed.run(observer: nil)

        #expect(BundleVerifier.verify(killed, trustedKey: key.publicKey, integrityOnly: false).problems == [])
        #expect(record.cases == full.cases)
        let journalIDs = String(decoding: try BundleFiles.read(killed, BundleLayout.journal), as: UTF8.self)
            .split(separator: "\n").compactMap { JournalEntry(jsonLine: Array($0.utf8)[...])?.record.id }
        #expect(journalIDs == full.cases.map(\.id))
        #expect(try BundleFiles.read(killed, BundleLayout.capture(port: "tn1")) == BundleFiles.read(bundle, BundleLayout.capture(port: "tn1")))
    }

    @Test func finishedBundleHasNothingToResume() throws {
        let (bundle, _) = try BundleFixture.make(signer: nil)
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        #expect(throws: RunSessionError.self) { try RunSession.pendingSettings(in: bundle) }
    }

    @Test func resumeRefusesAChangedSuite() throws {
        let loaded = try BundleFixture.load()
        let bundle = BundleFixture.temporaryFolder("changed")
        defer { try? FileManager.default.removeItem(atPath: bundle) }
        var settings = BundleFixture.settings(loaded)
        settings.suiteDigests = ["ipv6-core": String(repeating: "0", count: 64)]
        _ = try RunSession(starting: bundle, settings: settings, suites: loaded.suites, target: loaded.target,
                           binding: loaded.binding, signer: nil)
        #expect(throws: RunSessionError.self) {
            try RunSession(resuming: bundle, suites: loaded.suites, target: loaded.target, binding: loaded.binding, signer: nil)
        }
    }

    @Test func pcapngCutRefusesBytesThatAreNotWholeBlocks() throws {
        let path = BundleFixture.temporaryFolder("cut")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // One 12-byte block (type 1, length 12, length 12), then 6 torn bytes.
        let block: [UInt8] = [1, 0, 0, 0, 12, 0, 0, 0, 12, 0, 0, 0]
        try Data(block + [1, 0, 0, 0, 40, 0]).write(to: URL(fileURLWithPath: path))
        #expect(throws: BundleError.self) { try PcapNGBlocks.cut(path, to: 14) }
        try PcapNGBlocks.cut(path, to: 12)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(block))
    }
}
