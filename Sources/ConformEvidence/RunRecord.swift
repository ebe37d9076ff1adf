import Foundation
import ConformTime
import ConformSuite
import ConformRunner

/// The authoritative results of one run, as written to `run.json`.
///
/// Everything but `runId`, the start and finish times and the wall-clock figures is a
/// function of the suites, the target, the selection and the seed, so two runs against a
/// simulator produce byte-identical files apart from those.
public struct RunRecord {
    public static let schemaID = "conform.run/1"

    public let runId: String
    public let seed: UInt64
    public let toolVersion: String
    public let operatorName: String?
    public let startedAt: Date
    public let finishedAt: Date
    public let wallClockNs: Int64
    /// Source of the run's clock (`virtual` against simulators).
    public let clock: TimestampSource
    public let suites: [Suite]
    public let target: Target
    public let binding: SuiteBinding
    public let selection: Selection
    public let cases: [CaseRecord]
    public let invocation: [String]
    /// The laboratory that ran the test (ISO/IEC 17025 §7.8.2.1 b).
    public let lab: String?
    /// Key id of the key that signs the bundle: who authorises the report (§7.8.2.1 o).
    public let authoriser: String?

    public init(runId: String, seed: UInt64, toolVersion: String, operatorName: String?, startedAt: Date, finishedAt: Date,
                wallClockNs: Int64, clock: TimestampSource, suites: [Suite], target: Target, binding: SuiteBinding,
                selection: Selection, cases: [CaseRecord], invocation: [String], lab: String? = nil, authoriser: String? = nil) {
        self.runId = runId
        self.seed = seed
        self.toolVersion = toolVersion
        self.operatorName = operatorName
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.wallClockNs = wallClockNs
        self.clock = clock
        self.suites = suites
        self.target = target
        self.binding = binding
        self.selection = selection
        self.cases = cases
        self.invocation = invocation
        self.lab = lab
        self.authoriser = authoriser
    }

    public var summary: RunSummary { RunSummary(cases) }

    /// A digest naming a suite's exact content: the SHA-256 of its single file, or of the
    /// `sha256sum`-style list of its files for a suite folder.
    public static func digest(of suite: Suite) -> String {
        if suite.files.count == 1 { return suite.files[0].sha256 }
        let listing = suite.files.map { "\($0.sha256)  \(($0.path as NSString).lastPathComponent)\n" }.joined()
        return SHA256.hex(Array(listing.utf8))
    }

    /// The JSON object of run.json.
    public func jsonObject() -> [String: Any] {
        let summary = self.summary
        var object: [String: Any] = [
            "schema": Self.schemaID,
            "runId": runId,
            "seed": seed,
            "tool": ["name": "conform", "version": toolVersion],
            "startedAt": Self.timestamp(startedAt),
            "finishedAt": Self.timestamp(finishedAt),
            "wallClockNs": wallClockNs,
            "clock": clock.rawValue,
            "invocation": invocation,
            "suites": suites.map { suite in
                var method: [String: Any] = ["spec": suite.method.spec]
                if let basis = suite.method.basis { method["basis"] = basis }
                return ["id": suite.id, "version": suite.version, "title": suite.title,
                        "sha256": Self.digest(of: suite), "method": method] as [String: Any]
            },
            "target": targetObject(),
            "selection": ["filter": selection.idGlobs, "tags": selection.tags, "skipTags": selection.skipTags],
            "cases": cases.map(CaseRecordJSON.object),
            "summary": ["pass": summary.pass, "fail": summary.fail, "inconc": summary.inconc, "error": summary.error,
                        "notSelected": summary.notSelected, "skipped": summary.skipped],
        ]
        if let operatorName { object["operator"] = operatorName }
        if let lab { object["lab"] = lab }
        if let authoriser { object["authoriser"] = authoriser }
        return object
    }

    /// run.json's bytes: sorted keys, two-space indentation, a final newline.
    public func jsonBytes() throws -> [UInt8] {
        try JSONText.bytes(jsonObject())
    }

    private func targetObject() -> [String: Any] {
        let identity = target.identity
        var identityObject: [String: Any] = ["vendor": identity.vendor, "model": identity.model]
        identityObject["hardwareVersion"] = identity.hardwareVersion
        identityObject["firmwareVersion"] = identity.firmwareVersion
        identityObject["serial"] = identity.serial
        identityObject["firmwareDigest"] = identity.firmwareDigest
        return [
            "id": target.id,
            "kind": target.kind,
            "identity": identityObject,
            "pics": binding.pics.mapValues { value -> Any in
                switch value {
                case .bool(let b): return b
                case .int(let i): return i
                case .string(let s): return s
                }
            },
            "pixit": binding.redactedPIXIT(),
        ]
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// Deterministic JSON text: sorted keys, two-space indentation, unescaped slashes, final newline.
public enum JSONText {
    public static func bytes(_ object: Any) throws -> [UInt8] {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return Array(data) + [UInt8(ascii: "\n")]
    }

    /// ``bytes(_:)``, with a failure reported as a ``BundleError`` on `path`.
    static func encoded(_ object: Any, path: String) throws(BundleError) -> [UInt8] {
        do {
            return try bytes(object)
        } catch {
            throw BundleError(path: path, message: "cannot encode: \(error)")
        }
    }
}
