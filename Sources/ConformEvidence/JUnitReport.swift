import ConformRunner

/// `junit.xml`, the form CI systems read: one `testsuite` per suite, one `testcase` per case.
///
/// fail → `failure`; error and inconc → `error`; not-selected and skipped → `skipped`. The
/// verdict and the clause are kept as properties, so nothing of the TTCN-3 verdict is lost.
public enum JUnitReport {
    public static func xml(for run: RunRecord) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let summary = run.summary
        out += "<testsuites name=\"conform\" tests=\"\(run.cases.count)\" failures=\"\(summary.fail)\" errors=\"\(summary.error + summary.inconc)\" skipped=\"\(summary.notSelected + summary.skipped)\" time=\"\(seconds(run.cases.map(\.durationNs).reduce(0, +)))\">\n"
        for suite in run.suites {
            let cases = run.cases.filter { $0.suite == suite.id }
            let s = RunSummary(cases)
            out += "  <testsuite name=\"\(escape(suite.id))\" tests=\"\(cases.count)\" failures=\"\(s.fail)\" errors=\"\(s.error + s.inconc)\" skipped=\"\(s.notSelected + s.skipped)\" time=\"\(seconds(cases.map(\.durationNs).reduce(0, +)))\">\n"
            out += "    <properties>\n"
            out += property("version", suite.version, indent: 6)
            out += property("target", run.target.id, indent: 6)
            out += "    </properties>\n"
            for record in cases { out += testcase(record) }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private static func testcase(_ record: CaseRecord) -> String {
        let name = record.part.map { "\(record.id)[\($0)]" } ?? record.id
        var out = "    <testcase classname=\"\(escape(record.suite))\" name=\"\(escape(name)): \(escape(record.title))\" time=\"\(seconds(record.durationNs))\">\n"
        out += "      <properties>\n"
        out += property("verdict", record.outcomeName, indent: 8)
        out += property("clause", record.clause, indent: 8)
        out += "      </properties>\n"
        let detail = record.reason.map { reason in
            var text = "clause: \(reason.clause)\nexpected: \(reason.expected)\nobserved: \(reason.observed)"
            if let location = reason.location { text += "\nat: \(location)" }
            for frame in reason.frames { text += "\nframe: \(frame.capture) #\(frame.number)" }
            return text
        } ?? ""
        let message = record.reason?.observed ?? record.outcomeName
        switch record.outcome {
        case .verdict(.pass): break
        case .verdict(.fail):
            out += "      <failure message=\"\(escape(message))\" type=\"fail\">\(escape(detail))</failure>\n"
        case .verdict(let verdict):
            out += "      <error message=\"\(escape(message))\" type=\"\(verdict.rawValue)\">\(escape(detail))</error>\n"
        case .notSelected(let expression):
            out += "      <skipped message=\"\(escape("not selected: PICS \(expression) is false"))\"/>\n"
        case .skipped(let why):
            out += "      <skipped message=\"\(escape(why))\"/>\n"
        }
        return out + "    </testcase>\n"
    }

    private static func property(_ name: String, _ value: String, indent: Int) -> String {
        String(repeating: " ", count: indent) + "<property name=\"\(escape(name))\" value=\"\(escape(value))\"/>\n"
    }

    private static func seconds(_ ns: Int64) -> String {
        let micros = ns / 1_000
        let whole = micros / 1_000_000, fraction = micros % 1_000_000
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 6 - digits.count))\(digits)"
    }

    /// XML 1.0 text: the five entities, and characters XML cannot carry replaced by U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }
}
