#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where a command writes, and how: plain lines, or colour and a live line on a terminal.
public final class Console {
    let writeOut: (String) -> Void
    let writeError: (String) -> Void
    /// Standard output is a terminal: show a live line per case.
    let isTerminal: Bool
    /// Colour is wanted: a terminal, and `NO_COLOR` unset (no-color.org).
    let color: Bool

    public init(writeOut: @escaping (String) -> Void, writeError: @escaping (String) -> Void, isTerminal: Bool, color: Bool) {
        self.writeOut = writeOut
        self.writeError = writeError
        self.isTerminal = isTerminal
        self.color = color
    }

    /// The process's standard output and error.
    public static func standard() -> Console {
        let terminal = isatty(STDOUT_FILENO) == 1
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Console(writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
                       writeError: { FileHandle.standardError.write(Data($0.utf8)) },
                       isTerminal: terminal, color: terminal && !noColor)
    }

    func out(_ line: String) { writeOut(line + "\n") }
    func error(_ line: String) { writeError(line + "\n") }

    /// Text in an SGR colour when colour is on.
    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Exit statuses every command keeps to (the contract other tools rely on).
enum ExitStatus {
    /// Success; for `run`, every selected case passed.
    static let success: Int32 = 0
    /// A case failed, was inconclusive or errored, or `verify` found a problem.
    static let problem: Int32 = 1
    /// Usage, suite or target error, or no case selected: nothing was run.
    static let usage: Int32 = 2
    /// An internal error of the harness.
    static let `internal`: Int32 = 3
}
