import Foundation

/// Loads suites from YAML files, with every problem as a ``Diagnostic``.
public enum SuiteLoader {
    /// The file that makes a folder one suite.
    public static let folderHeader = "suite.yaml"

    /// A suite file, or a folder holding suite.yaml (header, pics, pixit, ports, templates,
    /// cases) plus any other *.yaml files (sorted by name) holding more `templates:`/`cases:`.
    /// - Throws: every diagnostic, when at least one is an error.
    public static func load(_ path: String) throws(DiagnosticsError) -> Suite {
        let (suite, diagnostics) = analyse(path)
        guard let suite, !diagnostics.contains(where: { $0.severity == .error }) else { throw DiagnosticsError(diagnostics) }
        return suite
    }

    /// A suite from the bytes of one suite file, as ``load(_:)`` reads a file; `file` names
    /// it in diagnostics. Nothing is read from disk (for tools, tests and fuzzing).
    /// - Throws: every diagnostic, when at least one is an error.
    public static func load(bytes: [UInt8], file: String) throws(DiagnosticsError) -> Suite {
        var log = DiagnosticLog()
        let (suite, diagnostics) = analyse(files: [(file, YAMLLoader.parse(bytes, file: file), bytes)], log: &log)
        guard let suite, !diagnostics.contains(where: { $0.severity == .error }) else { throw DiagnosticsError(diagnostics) }
        return suite
    }

    /// The suite (nil on any error) and every diagnostic, without throwing.
    static func analyse(_ path: String) -> (Suite?, [Diagnostic]) {
        var log = DiagnosticLog()
        let paths = isDirectory(path) ? folderFiles(path, &log) : [path]
        guard !paths.isEmpty else { return (nil, log.all) }
        let parsed = paths.map { file in
            let (result, bytes) = YAMLLoader.load(path: file)
            return (file, result, bytes)
        }
        return analyse(files: parsed, log: &log)
    }

    /// Builds a suite from parsed files, the first being its header.
    private static func analyse(files parsed: [(path: String, result: YAMLLoader.Result, bytes: [UInt8])],
                                log: inout DiagnosticLog) -> (Suite?, [Diagnostic]) {
        var documents: [YAMLNode] = []
        var files: [SourceFile] = []
        for (file, result, bytes) in parsed {
            log.add(result.diagnostics)
            files.append(SourceFile(path: file, sha256: SHA256.hex(bytes), bytes: bytes))
            if let root = result.root, !result.hasErrors {
                documents.append(root)
            } else if result.root == nil, !result.hasErrors {
                log.error("suite.empty", at: SourceLocation(file: file, line: 1, column: 1), "the file holds no YAML document")
            }
        }
        guard !log.hasErrors, let header = documents.first else { return (nil, log.all) }
        return analyse(header: header, parts: Array(documents.dropFirst()), files: files, log: log)
    }

    /// Builds a suite from already-parsed documents.
    static func analyse(header: YAMLNode, parts: [YAMLNode], files: [SourceFile], log: DiagnosticLog = DiagnosticLog()) -> (Suite?, [Diagnostic]) {
        var parser = SuiteParser()
        let suite = parser.suite(header: header, parts: parts, files: files)
        return (suite, log.all + parser.reader.log.all)
    }

    /// suite.yaml first, then the folder's other *.yaml files sorted by name.
    private static func folderFiles(_ path: String, _ log: inout DiagnosticLog) -> [String] {
        let header = (path as NSString).appendingPathComponent(folderHeader)
        guard FileManager.default.fileExists(atPath: header) else {
            log.error("suite.no-header", at: SourceLocation(file: path, line: 1, column: 1), "the folder has no \(folderHeader)",
                      hint: "a suite folder holds suite.yaml plus optional further *.yaml files")
            return []
        }
        let others = yamlFiles(in: path).filter { ($0 as NSString).lastPathComponent != folderHeader }
        return [header] + others
    }

    /// The *.yaml and *.yml files directly in a folder, sorted by name.
    static func yamlFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
