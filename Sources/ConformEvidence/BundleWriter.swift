import Foundation
import ConformCapture
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

/// Writes the evidence bundle of a run: one folder holding run.json, junit.xml, target.json,
/// exact copies of the suites, and one pcapng per tester port.
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

    /// Writes every file of the bundle for a finished run.
    public static func write(_ run: RunRecord, ports: [any ConformCapture.Port], to directory: String) throws(BundleError) {
        try writeCaptures(ports, run: run, to: directory)
        for suite in run.suites {
            let folder = "suites/" + suite.id.replacingOccurrences(of: "/", with: "_")
            for file in suite.files {
                try write(file.bytes, to: directory, "\(folder)/\((file.path as NSString).lastPathComponent)")
            }
        }
        do {
            try write(try JSONText.bytes(targetObject(run)), to: directory, "target.json")
            try write(Array(JUnitReport.xml(for: run).utf8), to: directory, "junit.xml")
            try write(try run.jsonBytes(), to: directory, "run.json")
        } catch let error as BundleError {
            throw error
        } catch {
            throw BundleError(path: directory, message: "cannot encode results: \(error)")
        }
    }

    private static func writeCaptures(_ ports: [any ConformCapture.Port], run: RunRecord, to directory: String) throws(BundleError) {
        let folder = directory + "/captures"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for port in ports.sorted(by: { $0.name < $1.name }) {
                let writer = try PcapNGWriter(path: "\(folder)/\(port.name).pcapng", application: "conform \(run.toolVersion)")
                let interface = try writer.addInterface(name: port.name, description: "timestamps: \(port.timestampSource.rawValue)",
                                                        snapLength: 65_535)
                var last: Int64 = 0
                for frame in port.frames(after: 0) {
                    try writer.write(frame, interface: interface)
                    last = frame.timestamp.ns
                }
                try writer.writeStatistics(interface: interface, dropped: port.dropCount, timestampNs: last)
                try writer.close()
            }
        } catch {
            throw BundleError(path: folder, message: "cannot write captures: \(error)")
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
        }
    }

    private static func write(_ bytes: [UInt8], to directory: String, _ relative: String) throws(BundleError) {
        let path = "\(directory)/\(relative)"
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw BundleError(path: path, message: "cannot write: \(error.localizedDescription)")
        }
    }
}
