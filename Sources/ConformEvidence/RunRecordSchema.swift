/// The JSON Schema of run.json (draft 2020-12), printed by `conform schema run` and committed
/// as schema/run.schema.json.
public enum RunRecordSchema {
    public static func text() throws -> String {
        String(decoding: try JSONText.bytes(schema), as: UTF8.self)
    }

    private static var string: [String: Any] { ["type": "string"] }
    private static var count: [String: Any] { ["type": "integer", "minimum": 0] }

    private static func object(_ properties: [String: Any], required: [String], closed: Bool = true) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required.sorted(), "additionalProperties": !closed]
    }

    private static var reason: [String: Any] {
        object([
            "clause": string, "expected": string, "observed": string, "location": string,
            "frames": ["type": "array", "items": object(["capture": string, "number": ["type": "integer", "minimum": 1]],
                                                         required: ["capture", "number"])],
        ], required: ["clause", "expected", "observed", "frames"])
    }

    private static var measurement: [String: Any] {
        let sources = ["enum": ["hardware", "kernel-software", "user", "virtual"]]
        return object([
            "stream": string, "port": string,
            "values": ["type": "object", "additionalProperties": ["type": "integer"],
                       "description": "Each quantity by name (latency.p99, jitter.rfc3550, loss); times in integer ns"],
            "uncertaintyNs": count,
            "timestampSource": object(["transmit": sources, "receive": sources], required: ["transmit", "receive"]),
            "exactPercentiles": ["type": "boolean"],
            "decision": ["enum": ["guarded", "simple"]],
            "assertions": ["type": "array", "items": object(["assert": string, "verdict": ["enum": ["pass", "fail", "inconc"]]],
                                                            required: ["assert", "verdict"])],
            "samples": string,
            "correctionBitsPerSecond": ["type": "integer", "minimum": 1,
                                        "description": "Store-and-forward correction: 8·(L+20) bit at this rate subtracted from each delay"],
        ], required: ["stream", "port", "values", "uncertaintyNs", "timestampSource", "exactPercentiles", "decision", "assertions"])
    }

    private static var caseRecord: [String: Any] {
        object([
            "suite": string, "id": string, "part": string, "title": string, "clause": string,
            "verdict": ["enum": ["pass", "fail", "inconc", "error", "not-selected", "skipped"]],
            "durationNs": count, "measurements": ["type": "array", "items": measurement], "reason": reason,
            "excludedBy": string, "skippedBecause": string,
        ], required: ["suite", "id", "title", "clause", "verdict", "durationNs", "measurements"])
    }

    private static var schema: [String: Any] {
        var root = object([
            "schema": ["const": RunRecord.schemaID],
            "runId": string,
            "seed": count,
            "tool": object(["name": string, "version": string], required: ["name", "version"]),
            "startedAt": ["type": "string", "format": "date-time"],
            "finishedAt": ["type": "string", "format": "date-time"],
            "wallClockNs": count,
            "clock": ["enum": ["hardware", "kernel-software", "user", "virtual"]],
            "invocation": ["type": "array", "items": string],
            "operator": string,
            "lab": string,
            "authoriser": ["type": "string", "pattern": "^[0-9a-f]{64}$"],
            "suites": ["type": "array", "minItems": 1, "items": object([
                "id": string, "version": string, "title": string,
                "sha256": ["type": "string", "pattern": "^[0-9a-f]{64}$"],
                "method": object(["spec": string, "basis": string], required: ["spec"]),
            ], required: ["id", "version", "title", "sha256", "method"])],
            "target": object([
                "id": string, "kind": string,
                "identity": object(["vendor": string, "model": string, "hardwareVersion": string, "firmwareVersion": string,
                                    "serial": string, "firmwareDigest": string], required: ["vendor", "model"]),
                "pics": ["type": "object", "additionalProperties": ["type": ["boolean", "integer", "string"]]],
                "pixit": ["type": "object", "additionalProperties": string],
            ], required: ["id", "kind", "identity", "pics", "pixit"]),
            "selection": object(["filter": ["type": "array", "items": string], "tags": ["type": "array", "items": string],
                                 "skipTags": ["type": "array", "items": string]],
                                required: ["filter", "tags", "skipTags"]),
            "cases": ["type": "array", "items": caseRecord],
            "summary": object(["pass": count, "fail": count, "inconc": count, "error": count, "notSelected": count,
                               "skipped": count], required: ["pass", "fail", "inconc", "error", "notSelected", "skipped"]),
        ], required: ["schema", "runId", "seed", "tool", "startedAt", "finishedAt", "clock", "suites", "target", "cases", "summary"])
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "conform/run.schema.json"
        root["title"] = "Conform run record (run.json)"
        return root
    }
}
