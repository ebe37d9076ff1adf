import Foundation
import ConformTime
import ConformSuite
import ConformRunner

/// Renders a run as it happens: one line per case (a live line on a terminal), and for each
/// case that did not pass its clause, expectation, observation, frames and rerun command.
final class ProgressDisplay: RunObserver {
    private let console: Console
    private let rerun: (String) -> String
    private var idWidth = 0

    init(console: Console, rerun: @escaping (String) -> String) {
        self.console = console
        self.rerun = rerun
    }

    func header(suites: [Suite], target: Target, targetArgument: String, selected: Int, total: Int) {
        idWidth = suites.flatMap(\.cases).map(\.id.count).max() ?? 0
        let names = suites.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
        console.out("conform \(Conform.version): \(names) against \(target.id) (\(targetArgument)): \(selected) of \(total) cases selected")
    }

    func caseStarted(suite: Suite, testCase: TestCase, index: Int, of total: Int) {
        guard console.isTerminal else { return }
        console.writeOut("  \(console.paint("run", "2"))         \(pad(testCase.id))  \(testCase.title)  [\(index)/\(total)]")
    }

    func caseFinished(_ record: CaseRecord, testCase: TestCase) {
        if console.isTerminal { console.writeOut("\r\u{1B}[2K") }
        let seconds = String(format: "%.3fs", Double(record.durationNs) / 1e9)
        console.out("  \(label(record))  \(pad(record.id))  \(record.title)  \(console.paint(seconds, "2"))")
        guard record.isProblem, let reason = record.reason else { return }
        let indent = String(repeating: " ", count: 16)
        console.out("\(indent)clause:   \(reason.clause)")
        if !reason.expected.isEmpty { console.out("\(indent)expected: \(reason.expected)") }
        console.out("\(indent)observed: \(reason.observed)")
        if !reason.frames.isEmpty {
            console.out("\(indent)frames:   " + reason.frames.map { "\($0.capture) #\($0.number)" }.joined(separator: ", "))
        }
        if let location = reason.location { console.out("\(indent)at:       \(location)") }
        console.out("\(indent)rerun:    \(rerun(record.id))")
    }

    func summary(_ summary: RunSummary, wallNs: Int64, runNs: Int64, clock: TimestampSource) {
        let parts = ["\(summary.pass) pass", "\(summary.fail) fail", "\(summary.inconc) inconc", "\(summary.error) error",
                     "\(summary.notSelected) not-selected", "\(summary.skipped) skipped"]
        let wall = String(format: "%.2fs", Double(wallNs) / 1e9)
        let onClock = clock == .virtual ? ", \(String(format: "%.3fs", Double(runNs) / 1e9)) on the virtual clock" : ""
        console.out("summary: \(parts.joined(separator: ", ")) (\(wall) wall\(onClock))")
    }

    private func label(_ record: CaseRecord) -> String {
        let name = record.outcomeName
        let text = (record.isProblem ? name.uppercased() : name).padding(toLength: 12, withPad: " ", startingAt: 0)
        switch record.outcome {
        case .verdict(.pass): return console.paint(text, "32")
        case .verdict(.fail), .verdict(.error): return console.paint(text, "31;1")
        case .verdict: return console.paint(text, "33")
        case .notSelected, .skipped: return console.paint(text, "2")
        }
    }

    private func pad(_ id: String) -> String { id + String(repeating: " ", count: max(0, idWidth - id.count)) }
}
