import Foundation
import ConformSuite
import ConformRunner

/// `registry-record.json`: what the device network-access registry ingests, with the fields of
/// the registry submission record (record, applicant, product, program, lab, results,
/// evidence, dates, signatures). It is listed in the manifest, so the bundle's signature covers it.
///
/// The record cannot hold the manifest's or the attestation's digest (the manifest covers the
/// record); its `evidence` names the digests of run.json, the report and each capture instead,
/// and the signed statement binds the record to the manifest.
public enum RegistryRecord {
    public static let schemaVersion = "conform.registry-record/1"

    /// The record's JSON object.
    /// - Parameters:
    ///   - files: digests of the bundle's files written before the record, by relative path.
    public static func object(for run: RunRecord, facts: ReportFacts, files: [String: String]) -> [String: Any] {
        let summary = run.summary
        let identity = run.target.identity
        var product: [String: Any] = ["model": identity.model, "series_members": [String]()]
        product["hw_rev"] = identity.hardwareVersion
        product["fw_version"] = identity.firmwareVersion
        product["fw_digest"] = identity.firmwareDigest
        product["serial"] = identity.serial
        var lab: [String: Any] = ["testbed_id": testbedID(run.target)]
        lab["name"] = facts.lab
        let picsObject = run.binding.pics.mapValues { value -> Any in
            switch value {
            case .bool(let b): return b
            case .int(let i): return i
            case .string(let s): return s
            }
        }
        let picsDigest = SHA256.hex((try? JSONText.bytes(picsObject)) ?? [])
        var signatures: [[String: Any]] = []
        if let authoriser = facts.authoriser { signatures.append(["role": "lab_authoriser", "keyid": authoriser]) }
        let captures = files.keys.filter { $0.hasPrefix(BundleLayout.captures + "/") }.sorted()
        return [
            "record": ["id": "conform:\(run.runId)", "schema_version": schemaVersion,
                       "status": facts.authoriser == nil ? "draft" : "submitted"],
            "applicant": ["legal_name": identity.vendor],
            "product": product,
            "program": [
                "scheme": "conform",
                "test_spec": run.suites.map(\.method.spec).joined(separator: "; "),
                "spec_version": run.suites.map { "\($0.id) \($0.version)" }.joined(separator: "; "),
                "role_profile": run.target.kind,
                "pics_statement_digest": picsDigest,
                "suites": run.suites.map { ["id": $0.id, "version": $0.version, "sha256": RunRecord.digest(of: $0)] },
            ] as [String: Any],
            "lab": lab,
            "results": [
                "report_id": facts.reportID,
                "report_digest": files[BundleLayout.report] ?? "",
                "decision_rule": ReportFacts.decisionRule,
                "overall_verdict": overallVerdict(run),
                "counts": ["pass": summary.pass, "fail": summary.fail, "inconc": summary.inconc, "error": summary.error,
                           "not_selected": summary.notSelected],
                "deviations": facts.deviations,
            ] as [String: Any],
            "evidence": [
                "run_record_digest": files[BundleLayout.runRecord] ?? "",
                "captures": captures.map { ["path": $0, "sha256": files[$0] ?? ""] },
                "pcaps_included": !captures.isEmpty,
            ] as [String: Any],
            "dates": ["tested_from": RunRecord.timestamp(run.startedAt), "tested_to": RunRecord.timestamp(run.finishedAt),
                      "issued": RunRecord.timestamp(facts.issuedAt)],
            "signatures": signatures,
        ]
    }

    /// The worst verdict of the cases that ran (TTCN-3 order), `none` when none ran.
    static func overallVerdict(_ run: RunRecord) -> String {
        let verdicts = run.cases.compactMap { record -> Verdict? in
            if case .verdict(let verdict) = record.outcome { return verdict }
            return nil
        }
        return (verdicts.max() ?? .none).rawValue
    }

    private static func testbedID(_ target: Target) -> String {
        switch target.testbed {
        case .simulator(let name, let fault): return "sim:\(name)" + (fault.map { "+\($0)" } ?? "")
        case .netns: return "netns:\(target.id)"
        }
    }
}
