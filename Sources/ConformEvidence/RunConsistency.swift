import Foundation

/// Checks that run.json agrees with the signed statement and the manifest, and the registry
/// record with run.json.
enum RunConsistency {
    static func check(_ bundle: String, statement: Statement, manifest: Manifest, signedBy keyIDs: [String],
                      into problems: inout [String]) {
        let listed = Set(manifest.entries.map(\.path))
        for required in [BundleLayout.runRecord, BundleLayout.report, BundleLayout.registryRecord, BundleLayout.journal]
            where !listed.contains(required) {
            problems.append("\(required): not in the manifest")
        }
        guard let run = object(bundle, BundleLayout.runRecord) else {
            problems.append("\(BundleLayout.runRecord): missing or not a JSON object")
            return
        }
        let predicate = statement.predicate
        if run["runId"] as? String != predicate["runId"] as? String {
            problems.append("\(BundleLayout.runRecord): runId differs from the statement's")
        }
        let summary = counts(run["summary"])
        if summary == nil || summary != counts(predicate["summary"]) {
            problems.append("\(BundleLayout.runRecord): summary differs from the statement's")
        }
        if let summary, let cases = run["cases"] as? [[String: Any]], summary != tally(cases) {
            problems.append("\(BundleLayout.runRecord): summary does not count its cases")
        }
        if suites(run["suites"]) != suites(predicate["suites"]) {
            problems.append("\(BundleLayout.runRecord): suites (id, version, sha256) differ from the statement's")
        }
        let firmware = ((run["target"] as? [String: Any])?["identity"] as? [String: Any])?["firmwareDigest"] as? String
        if let subject = BundleSealer.firmwareSubject(firmware), statement.digest(of: "firmware") != subject.sha256 {
            problems.append("\(BundleLayout.runRecord): firmware digest is not the statement's firmware subject")
        }
        if let authoriser = run["authoriser"] as? String, !keyIDs.isEmpty, !keyIDs.contains(authoriser) {
            problems.append("\(BundleLayout.runRecord): authoriser \(authoriser) did not sign the statement")
        }
        for case let reason as [String: Any] in ((run["cases"] as? [[String: Any]]) ?? []).map({ $0["reason"] as Any }) {
            for case let frame as [String: Any] in (reason["frames"] as? [Any]) ?? [] {
                if let capture = frame["capture"] as? String, !listed.contains(capture) {
                    problems.append("\(BundleLayout.runRecord): cites \(capture), which is not in the manifest")
                }
            }
        }
        if let registry = object(bundle, BundleLayout.registryRecord),
           let recorded = counts((registry["results"] as? [String: Any])?["counts"]), let summary {
            let expected = ["pass": summary["pass"], "fail": summary["fail"], "inconc": summary["inconc"],
                            "error": summary["error"], "not_selected": summary["notSelected"]].compactMapValues { $0 }
            if recorded != expected {
                problems.append("\(BundleLayout.registryRecord): counts differ from run.json's summary")
            }
        }
    }

    private static func object(_ bundle: String, _ path: String) -> [String: Any]? {
        guard let bytes = try? BundleFiles.read(bundle, path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }

    private static func counts(_ value: Any?) -> [String: Int]? {
        guard let object = value as? [String: Any] else { return nil }
        var result: [String: Int] = [:]
        for (key, value) in object {
            guard let number = value as? Int else { return nil }
            result[key] = number
        }
        return result
    }

    private static func tally(_ cases: [[String: Any]]) -> [String: Int] {
        var result = ["pass": 0, "fail": 0, "inconc": 0, "error": 0, "notSelected": 0, "skipped": 0]
        for record in cases {
            let verdict = record["verdict"] as? String ?? ""
            result[verdict == "not-selected" ? "notSelected" : verdict, default: 0] += 1
        }
        return result
    }

    private static func suites(_ value: Any?) -> [String]? {
        (value as? [[String: Any]])?.map { "\($0["id"] as? String ?? "")|\($0["version"] as? String ?? "")|\($0["sha256"] as? String ?? "")" }
    }
}
