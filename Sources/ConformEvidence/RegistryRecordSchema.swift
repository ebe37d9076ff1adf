/// The JSON Schema of registry-record.json (draft 2020-12), printed by
/// `conform schema registry-record` and committed as schema/registry-record.schema.json.
public enum RegistryRecordSchema {
    public static func text() throws -> String {
        String(decoding: try JSONText.bytes(schema), as: UTF8.self)
    }

    private static var string: [String: Any] { ["type": "string"] }
    private static var count: [String: Any] { ["type": "integer", "minimum": 0] }
    private static var sha256: [String: Any] { ["type": "string", "pattern": "^[0-9a-f]{64}$"] }
    private static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }

    private static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required.sorted(), "additionalProperties": false]
    }

    private static var schema: [String: Any] {
        var root = object([
            "record": object(["id": string, "schema_version": ["const": RegistryRecord.schemaVersion],
                              "status": ["enum": ["draft", "submitted"]], "supersedes": string],
                             required: ["id", "schema_version", "status"]),
            "applicant": object(["legal_name": string, "registrant_code": string, "contact": string], required: ["legal_name"]),
            "product": object(["model": string, "product_code": string, "hw_rev": string, "fw_version": string,
                               "fw_digest": ["type": "string", "pattern": "^sha256:[0-9a-f]{64}$"], "serial": string,
                               "series_members": ["type": "array", "items": string]],
                              required: ["model", "series_members"]),
            "program": object(["scheme": string, "test_spec": string, "spec_version": string, "role_profile": string,
                               "pics_statement_digest": sha256,
                               "suites": ["type": "array", "minItems": 1,
                                          "items": object(["id": string, "version": string, "sha256": sha256],
                                                          required: ["id", "version", "sha256"])]],
                              required: ["scheme", "test_spec", "spec_version", "role_profile", "pics_statement_digest", "suites"]),
            "lab": object(["name": string, "accreditation_body": string, "accreditation_id": string, "scope": string,
                           "expiry": string, "testbed_id": string], required: ["testbed_id"]),
            "results": object(["report_id": string, "report_digest": sha256, "decision_rule": string,
                               "overall_verdict": ["enum": ["none", "pass", "inconc", "fail", "error"]],
                               "counts": object(["pass": count, "fail": count, "inconc": count, "error": count, "not_selected": count],
                                                required: ["pass", "fail", "inconc", "error", "not_selected"]),
                               "deviations": ["type": "array", "items": string]],
                              required: ["report_id", "report_digest", "decision_rule", "overall_verdict", "counts", "deviations"]),
            "evidence": object(["run_record_digest": sha256, "pcaps_included": ["type": "boolean"],
                                "captures": ["type": "array", "items": object(["path": string, "sha256": sha256],
                                                                               required: ["path", "sha256"])]],
                               required: ["run_record_digest", "pcaps_included", "captures"]),
            "dates": object(["tested_from": dateTime, "tested_to": dateTime, "issued": dateTime, "valid_until": dateTime],
                            required: ["tested_from", "tested_to", "issued"]),
            "signatures": ["type": "array", "items": object(["role": ["enum": ["lab_authoriser"]], "keyid": sha256],
                                                            required: ["role", "keyid"])],
        ], required: ["record", "applicant", "product", "program", "lab", "results", "evidence", "dates", "signatures"])
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "conform/registry-record.schema.json"
        root["title"] = "Conform registry submission record (registry-record.json)"
        return root
    }
}
