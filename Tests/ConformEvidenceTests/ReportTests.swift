import Foundation
import Testing
import ConformSuite
import ConformRunner
@testable import ConformEvidence

/// The report, the registry record and the statement for a target with a firmware digest, a
/// PIXIT override, and a selection that leaves cases out.
@Suite struct ReportTests {
    static let firmware = "sha256:" + String(repeating: "ab", count: 32)

    private func makeBundle() throws -> (String, RunRecord) {
        let folder = BundleFixture.temporaryFolder("report")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let targetPath = "\(folder)/target.yaml"
        try """
        target: lab-host
        identity: {vendor: "Acme <Devices>", model: H1, hardware: "rev B", firmware: "2.1", serial: "SN-1", firmware_digest: "\(Self.firmware)"}
        kind: ipv6-host
        testbed: {kind: sim, simulator: ipv6-host}
        addresses:
          nut: {mac: "02:00:00:00:00:01", ll: "fe80::ff:fe00:1", global: "2001:db8:1::ff:fe00:1"}
          tn1: {mac: "02:00:00:00:01:01", ll: "fe80::ff:fe00:101", global: "2001:db8:1::ff:fe00:101"}
        pics: {ipv6.host: true}
        pixit: {retrans_timer: 2s}
        """.write(toFile: targetPath, atomically: true, encoding: .utf8)
        let suite = try SuiteLoader.load("\(BundleFixture.root)/Suites/ipv6-core")
        let target = try TargetResolver.resolve(targetPath)
        let loaded = BundleFixture.Loaded(suites: [suite], target: target, binding: try SuiteBinding.bind([suite], to: target))
        var settings = BundleFixture.settings(loaded, target: targetPath)
        settings.selection = Selection(idGlobs: ["ND-*"])
        let session = try RunSession(starting: "\(folder)/bundle", settings: settings, suites: loaded.suites, target: target,
                                     binding: loaded.binding, signer: try BundleFixture.testKey())
        return (folder, try session.run(observer: nil))
    }

    @Test func reportCarriesThe17025FieldsAndTheVerdictTable() throws {
        let (folder, run) = try makeBundle()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let html = String(decoding: try BundleFiles.read("\(folder)/bundle", BundleLayout.report), as: UTF8.self)
        for field in ["Report id", "Laboratory", "Method", "Item tested", "Dates", "Operator", "Authoriser", "Deviations",
                      "Measurement uncertainty", "Decision rule"] {
            #expect(html.contains("<dt>\(field)</dt>"), "\(field)")
        }
        #expect(html.contains("CR-\(run.runId)"))
        #expect(html.contains("Acme &lt;Devices&gt;") && !html.contains("Acme <Devices>"))
        #expect(html.contains(try BundleFixture.testKey().keyID))
        #expect(html.contains("PIXIT retrans_timer = 2s (suite default 1s)"))
        #expect(html.contains("ICMP-ECHO-001 skipped"))
        #expect(html.contains("<table id=\"verdict-table\">"))
        #expect(html.contains("<a href=\"captures/tn1.pcapng\">tn1.pcapng</a> #1–"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("@media print") && html.contains("name=\"viewport\""))
    }

    @Test func statementNamesTheFirmwareAndTheRecordTheCounts() throws {
        let (folder, run) = try makeBundle()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bundle = "\(folder)/bundle"
        #expect(BundleVerifier.verify(bundle, trustedKey: try BundleFixture.testKey().publicKey, integrityOnly: false).problems == [])
        let statement = try Statement(jsonBytes: DSSEEnvelope(jsonBytes: BundleFiles.read(bundle, BundleLayout.attestation)).payload)
        #expect(statement.digest(of: "firmware") == String(repeating: "ab", count: 32))
        let record = try JSONSerialization.jsonObject(with: Data(BundleFiles.read(bundle, BundleLayout.registryRecord))) as? [String: Any]
        let results = record?["results"] as? [String: Any]
        let counts = results?["counts"] as? [String: Int]
        #expect(counts?["pass"] == run.summary.pass)
        #expect(run.summary.skipped == run.cases.filter { !$0.id.hasPrefix("ND-") }.count && run.summary.skipped > 0)
        #expect((record?["product"] as? [String: Any])?["fw_digest"] as? String == Self.firmware)
        #expect((results?["report_digest"] as? String) == SHA256.hex(try BundleFiles.read(bundle, BundleLayout.report)))

        // An edited firmware digest in run.json is caught.
        let copy = try BundleFixture.copy(bundle)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let path = "\(copy)/\(BundleLayout.runRecord)"
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: String(repeating: "ab", count: 32),
                                                                                 with: String(repeating: "cd", count: 32))
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(!BundleVerifier.verify(copy, trustedKey: nil, integrityOnly: true).isValid)
    }
}
