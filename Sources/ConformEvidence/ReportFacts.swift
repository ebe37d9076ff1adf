import Foundation
import ConformSuite
import ConformRunner

/// The frames one case produced in one capture file: `captures/tn1.pcapng` #3–#7.
public struct FrameSpan: Sendable, Hashable {
    public let capture: String
    public let first: Int
    public let last: Int
    public init(capture: String, first: Int, last: Int) {
        self.capture = capture
        self.first = first
        self.last = last
    }
}

/// What the report and the registry record say beyond run.json: ISO/IEC 17025 §7.8 fields
/// that come from the session (report id, lab, authoriser, dates, deviations, decision rule)
/// and where each case's frames are.
public struct ReportFacts: Sendable {
    /// Unique report id (§7.8.2.1 c).
    public let reportID: String
    public let lab: String?
    /// Key id of the signer, nil for an unsigned bundle.
    public let authoriser: String?
    public let issuedAt: Date
    /// Frames per case, keyed `suite/id`.
    public let caseFrames: [String: [FrameSpan]]
    /// Departures from the method (§7.8.2.1 m): not-selected and skipped cases, PIXIT values
    /// that override a suite's default, an interrupted and resumed run.
    public let deviations: [String]

    /// The decision rule applied to every verdict (§7.8.6).
    public static let decisionRule = "Simple acceptance: a case passes only when every expectation of its steps is met, "
        + "and the item conforms only when every selected case passes. No measurement is judged here, so no guard band "
        + "is applied."

    /// Measurement uncertainty (§7.8.3 c): these suites make no measurement.
    public static let uncertainty = "No measurement results in this report; no measurement uncertainty applies. "
        + "Verdicts rest on frame contents and on time windows on the run's clock."

    public init(reportID: String, lab: String?, authoriser: String?, issuedAt: Date, caseFrames: [String: [FrameSpan]],
                deviations: [String]) {
        self.reportID = reportID
        self.lab = lab
        self.authoriser = authoriser
        self.issuedAt = issuedAt
        self.caseFrames = caseFrames
        self.deviations = deviations
    }

    /// The report id of a run.
    public static func reportID(runId: String) -> String { "CR-\(runId)" }

    /// The deviations of a run, in a stable order.
    public static func deviations(of run: RunRecord, resumedCases: Int) -> [String] {
        var lines: [String] = []
        for record in run.cases {
            switch record.outcome {
            case .notSelected(let expression):
                lines.append("\(record.id) not selected: PICS \(expression) is false for this item")
            case .skipped(let why):
                lines.append("\(record.id) skipped: \(why)")
            case .verdict:
                break
            }
        }
        let declared = Dictionary(run.suites.flatMap(\.pixit).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let redacted = run.binding.redactedPIXIT()
        for name in run.target.pixit.keys.sorted() {
            guard let declaration = declared[name], let value = run.binding.pixit[name] else { continue }
            let shown = redacted[name] ?? value.description
            if let defaultValue = declaration.defaultValue {
                if defaultValue != value {
                    let original = run.binding.sensitive.contains(name) ? "***" : defaultValue.description
                    lines.append("PIXIT \(name) = \(shown) (suite default \(original))")
                }
            }
        }
        if resumedCases > 0 {
            lines.append("The run was interrupted and resumed; \(resumedCases) case(s) before the interruption were kept from the journal.")
        }
        return lines
    }
}
