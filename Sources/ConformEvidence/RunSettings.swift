import Foundation
import ConformRunner

/// What a run was started with, kept in `run-in-progress.json` while it is unfinished so that
/// `conform run --resume` continues it exactly; removed when the run's final files are written.
public struct RunSettings: Sendable {
    public var runId: String
    public var startedAt: Date
    /// SUITE arguments and the TARGET argument as given.
    public var suitePaths: [String]
    public var targetArgument: String
    /// Digest of each suite (by id) when the run started; a resumed run refuses changed suites.
    public var suiteDigests: [String: String]
    public var selection: Selection
    public var seed: UInt64
    public var operatorName: String?
    public var lab: String?
    /// Key id of the signing key, nil for an unsigned run.
    public var authoriser: String?
    public var invocation: [String]
    public var toolVersion: String
    /// The capture files once their headers were written, by port.
    public var captureStart: [String: CaptureMark]

    public init(runId: String, startedAt: Date, suitePaths: [String], targetArgument: String, suiteDigests: [String: String],
                selection: Selection, seed: UInt64, operatorName: String?, lab: String?, authoriser: String?,
                invocation: [String], toolVersion: String) {
        self.runId = runId
        self.startedAt = startedAt
        self.suitePaths = suitePaths
        self.targetArgument = targetArgument
        self.suiteDigests = suiteDigests
        self.selection = selection
        self.seed = seed
        self.operatorName = operatorName
        self.lab = lab
        self.authoriser = authoriser
        self.invocation = invocation
        self.toolVersion = toolVersion
        self.captureStart = [:]
    }

    func jsonBytes() throws(BundleError) -> [UInt8] {
        var object: [String: Any] = [
            "runId": runId, "startedAtNs": Int64(startedAt.timeIntervalSince1970 * 1e9), "suites": suitePaths,
            "target": targetArgument, "suiteDigests": suiteDigests, "filter": selection.idGlobs, "tags": selection.tags, "skipTags": selection.skipTags,
            "seed": seed, "invocation": invocation, "toolVersion": toolVersion,
            "captureStart": captureStart.mapValues { ["size": $0.size, "frames": $0.frames] },
        ]
        object["operator"] = operatorName
        object["lab"] = lab
        object["authoriser"] = authoriser
        do {
            return try JSONText.bytes(object)
        } catch {
            throw BundleError(path: BundleLayout.inProgress, message: "cannot encode: \(error)")
        }
    }

    init(jsonBytes: [UInt8]) throws(BundleError) {
        let bad = BundleError(path: BundleLayout.inProgress, message: "is damaged; the run cannot be resumed")
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any],
              let runId = object["runId"] as? String, let startedNs = (object["startedAtNs"] as? NSNumber)?.int64Value,
              let suites = object["suites"] as? [String], let target = object["target"] as? String,
              let digests = object["suiteDigests"] as? [String: String], let filter = object["filter"] as? [String],
              let tags = object["tags"] as? [String], let seed = (object["seed"] as? NSNumber)?.uint64Value,
              let invocation = object["invocation"] as? [String], let toolVersion = object["toolVersion"] as? String,
              let starts = object["captureStart"] as? [String: [String: Int]] else { throw bad }
        self.init(runId: runId, startedAt: Date(timeIntervalSince1970: Double(startedNs) / 1e9), suitePaths: suites,
                  targetArgument: target, suiteDigests: digests, selection: Selection(idGlobs: filter, tags: tags, skipTags: object["skipTags"] as? [String] ?? []), seed: seed,
                  operatorName: object["operator"] as? String, lab: object["lab"] as? String,
                  authoriser: object["authoriser"] as? String, invocation: invocation, toolVersion: toolVersion)
        for (port, mark) in starts {
            guard let size = mark["size"], let frames = mark["frames"] else { throw bad }
            captureStart[port] = CaptureMark(size: size, frames: frames)
        }
    }
}
