import Foundation
import ConformSuite
import ConformRunner

/// A bundle folder could not be prepared or written.
public struct BundleError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// Prepares a bundle folder and writes the result files of a run (the session writes the
/// captures, the journal, the report, the registry record and the seal).
public enum BundleWriter {
    /// Makes sure `directory` can take a new bundle: it must be absent or empty.
    public static func prepare(_ directory: String) throws(BundleError) {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw BundleError(path: directory, message: "exists and is not a folder") }
            let entries = (try? files.contentsOfDirectory(atPath: directory)) ?? []
            guard entries.isEmpty else {
                throw BundleError(path: directory, message: "is not empty; a bundle is never written over another (choose a new --out)")
            }
        }
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BundleError(path: directory, message: "cannot create: \(error.localizedDescription)")
        }
    }

    /// Writes exact copies of the suites under `suites/ID/` (`/` in an id becomes `_`).
    static func writeSuites(_ suites: [Suite], to directory: String) throws(BundleError) {
        for suite in suites {
            let folder = BundleLayout.suites + "/" + suite.id.replacingOccurrences(of: "/", with: "_")
            for file in suite.files {
                try BundleFiles.write(file.bytes, directory, "\(folder)/\((file.path as NSString).lastPathComponent)")
            }
        }
    }

    /// Writes the result files of a finished run: target.json, junit.xml and run.json.
    static func writeResults(_ run: RunRecord, to directory: String) throws(BundleError) {
        do {
            try BundleFiles.write(try JSONText.bytes(targetObject(run)), directory, BundleLayout.target)
            try BundleFiles.write(Array(JUnitReport.xml(for: run).utf8), directory, BundleLayout.junit)
            try BundleFiles.write(try run.jsonBytes(), directory, BundleLayout.runRecord)
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError(path: directory, message: "cannot encode results: \(error)")
        }
    }

    private static func targetObject(_ run: RunRecord) -> [String: Any] {
        (run.jsonObject()["target"] as? [String: Any] ?? [:]).merging(["testbed": testbedObject(run.target.testbed)]) { a, _ in a }
    }

    private static func testbedObject(_ testbed: Testbed) -> [String: Any] {
        switch testbed {
        case .simulator(let name, let fault):
            var object: [String: Any] = ["kind": "sim", "simulator": name]
            object["fault"] = fault
            return object
        case .netns(let spec):
            return ["kind": "netns", "links": spec.links.map { ["port": $0.port, "interface": $0.interface] },
                    "sysctls": Dictionary(spec.sysctls.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }),
                    "device": spec.device.map { $0.argv } ?? []]
        }
    }
}
