import Foundation

/// Checks suites and targets without running anything, as `conform lint` does.
public enum Linter {
    /// Diagnostics for files and folders: a suite file, a suite folder (with suite.yaml),
    /// a folder of independent suite files, or target files (top-level key `target:`).
    /// Suites given with targets are also checked against each target (bind).
    ///
    /// The result is sorted by file, line and column.
    public static func lint(_ paths: [String]) -> [Diagnostic] {
        var log = DiagnosticLog()
        var suites: [Suite] = []
        var targets: [Target] = []
        for path in paths {
            if SuiteLoader.isDirectory(path) {
                if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(SuiteLoader.folderHeader)) {
                    let (suite, diagnostics) = SuiteLoader.analyse(path)
                    log.add(diagnostics)
                    if let suite { suites.append(suite) }
                } else {
                    for file in SuiteLoader.yamlFiles(in: path) { lintFile(file, &log, &suites, &targets) }
                }
            } else {
                lintFile(path, &log, &suites, &targets)
            }
        }
        if !suites.isEmpty {
            for target in targets { log.add(SuiteBinding.analyse(suites, to: target).1) }
        }
        var seen = Set<Diagnostic>()
        return log.all.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.byLocation)
    }

    /// One file: a target when its top-level mapping has `target:`, else a suite.
    private static func lintFile(_ path: String, _ log: inout DiagnosticLog, _ suites: inout [Suite], _ targets: inout [Target]) {
        let (result, bytes) = YAMLLoader.load(path: path)
        guard let root = result.root, !result.hasErrors else {
            log.add(result.diagnostics)
            if result.diagnostics.isEmpty {
                log.error("suite.empty", at: SourceLocation(file: path, line: 1, column: 1), "the file holds no YAML document")
            }
            return
        }
        if root["target"] != nil {
            let (target, diagnostics) = TargetLoader.analyse(result, bytes: bytes, file: path)
            log.add(diagnostics)
            if let target { targets.append(target) }
        } else {
            let file = SourceFile(path: path, sha256: SHA256.hex(bytes), bytes: bytes)
            let (suite, diagnostics) = SuiteLoader.analyse(header: root, parts: [], files: [file])
            log.add(result.diagnostics + diagnostics)
            if let suite { suites.append(suite) }
        }
    }
}
