import Foundation
import ConformSuite
import ConformRunner

/// `report.html`: the test report a person reads, self-contained (inline CSS, no script, no
/// network), readable on a phone and printable, with the fields of ISO/IEC 17025 §7.8.2.1.
public enum HTMLReport {
    public static func html(for run: RunRecord, facts: ReportFacts) -> String {
        let summary = run.summary
        let conforms = summary.fail + summary.inconc + summary.error == 0
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Test report \(e(facts.reportID))</title>
        <style>\(style(facts.reportID))</style>
        </head>
        <body>
        <header>
        <h1>Conformance test report</h1>
        <p class="id">Report <strong>\(e(facts.reportID))</strong> · run \(e(run.runId))</p>
        <p class="overall \(conforms ? "ok" : "bad")">\(conforms ? "Every selected case passed" : "Not every selected case passed"):
        \(summary.pass) pass, \(summary.fail) fail, \(summary.inconc) inconc, \(summary.error) error,
        \(summary.notSelected) not selected, \(summary.skipped) skipped</p>
        </header>
        <main>
        <section id="fields">
        <h2>Report fields (ISO/IEC 17025 §7.8)</h2>
        <dl>

        """
        out += field("Report id", e(facts.reportID) + " — each printed page names it and its page number")
        out += field("Laboratory", facts.lab.map(e) ?? "not stated (give <code>--lab</code>)")
        out += field("Method", methodList(run))
        out += field("Item tested", item(run))
        out += field("Dates", "performed \(e(RunRecord.timestamp(run.startedAt))) to \(e(RunRecord.timestamp(run.finishedAt))); "
                     + "issued \(e(RunRecord.timestamp(facts.issuedAt)))")
        out += field("Operator", run.operatorName.map(e) ?? "not stated (give <code>--operator</code>)")
        out += field("Authoriser", facts.authoriser.map { "signing key <code class=\"key\">\(e($0))</code>" }
                     ?? "none: this bundle is unsigned and is not an authorised report")
        out += field("Test conditions", "clock: \(e(run.clock.rawValue)); seed \(run.seed); tool conform \(e(run.toolVersion))")
        out += field("Deviations", facts.deviations.isEmpty ? "none"
                     : "<ul>" + facts.deviations.map { "<li>\(e($0))</li>" }.joined() + "</ul>")
        out += field("Measurement uncertainty", e(ReportFacts.uncertainty))
        out += field("Decision rule", e(ReportFacts.decisionRule))
        out += field("Scope", "The results relate only to the item tested, as identified above.")
        out += "</dl>\n</section>\n"
        out += verdictTable(run, facts: facts)
        out += """
        <section id="measurements">
        <h2>Measurements</h2>
        <p>None: the suites of this run make no measurement.</p>
        </section>
        </main>
        <footer>Report \(e(facts.reportID)) · produced by conform \(e(run.toolVersion)) · the evidence is the signed bundle this file belongs to (manifest.json, attestation.dsse.json)</footer>
        </body>
        </html>

        """
        return out
    }

    private static func verdictTable(_ run: RunRecord, facts: ReportFacts) -> String {
        var out = """
        <section id="verdicts">
        <h2>Verdicts</h2>
        <div class="scroll">
        <table id="verdict-table">
        <thead><tr><th>Case</th><th>Clause</th><th>Verdict</th><th>Reason</th><th>Frames</th></tr></thead>
        <tbody>

        """
        for record in run.cases {
            let name = record.part.map { "\(record.id)[\($0)]" } ?? record.id
            out += "<tr class=\"v-\(record.outcomeName)\" id=\"case-\(e(name))\">"
            out += "<td><strong>\(e(name))</strong><br><span class=\"title\">\(e(record.title))</span></td>"
            out += "<td>\(e(record.clause))</td>"
            out += "<td><span class=\"verdict\">\(e(record.outcomeName))</span></td>"
            out += "<td>\(reason(record))</td>"
            out += "<td>\(frames(record, facts: facts))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n</section>\n"
    }

    private static func reason(_ record: CaseRecord) -> String {
        switch record.outcome {
        case .notSelected(let expression): return "not selected: PICS <code>\(e(expression))</code> is false"
        case .skipped(let why): return e(why)
        case .verdict: break
        }
        guard let reason = record.reason else { return "" }
        var parts: [String] = []
        if !reason.expected.isEmpty { parts.append("<b>expected</b> \(e(reason.expected))") }
        parts.append("<b>observed</b> \(e(reason.observed))")
        if let location = reason.location { parts.append("<b>at</b> <code>\(e(location))</code>") }
        return parts.joined(separator: "<br>")
    }

    private static func frames(_ record: CaseRecord, facts: ReportFacts) -> String {
        var parts = (facts.caseFrames["\(record.suite)/\(record.id)"] ?? []).map { span in
            let range = span.first == span.last ? "#\(span.first)" : "#\(span.first)–\(span.last)"
            return "<a href=\"\(e(span.capture))\">\(e((span.capture as NSString).lastPathComponent))</a> \(range)"
        }
        if let cited = record.reason?.frames, !cited.isEmpty {
            parts.append("cited: " + cited.map { "<a href=\"\(e($0.capture))\">\(e(($0.capture as NSString).lastPathComponent))</a> #\($0.number)" }
                .joined(separator: ", "))
        }
        return parts.isEmpty ? "—" : parts.joined(separator: "<br>")
    }

    private static func methodList(_ run: RunRecord) -> String {
        "<ul>" + run.suites.map { suite in
            var text = "<li><strong>\(e(suite.id))</strong> \(e(suite.version)) — \(e(suite.title)); \(e(suite.method.spec))"
            if let basis = suite.method.basis { text += " (\(e(basis)))" }
            return text + "; sha256 <code class=\"key\">\(RunRecord.digest(of: suite))</code></li>"
        }.joined() + "</ul>"
    }

    private static func item(_ run: RunRecord) -> String {
        let identity = run.target.identity
        var parts = ["\(e(identity.vendor)) \(e(identity.model))"]
        if let hardware = identity.hardwareVersion { parts.append("hardware \(e(hardware))") }
        if let firmware = identity.firmwareVersion { parts.append("firmware \(e(firmware))") }
        if let serial = identity.serial { parts.append("serial \(e(serial))") }
        if let digest = identity.firmwareDigest { parts.append("firmware digest <code class=\"key\">\(e(digest))</code>") }
        parts.append("target \(e(run.target.id)) (\(e(run.target.kind)))")
        return parts.joined(separator: "; ")
    }

    private static func field(_ name: String, _ html: String) -> String { "<dt>\(e(name))</dt><dd>\(html)</dd>\n" }

    private static func e(_ text: String) -> String { JUnitReport.escape(text) }

    private static func style(_ reportID: String) -> String {
        """

        body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1b1b1b; background: #fff; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
        .id { margin: 0; color: #444; } .overall { font-weight: 600; padding: .5rem .75rem; border-radius: 4px; }
        .ok { background: #e3f4e6; color: #0f5b1f; } .bad { background: #fbe4e4; color: #8a1212; }
        dl { display: grid; grid-template-columns: minmax(9rem, 14rem) 1fr; gap: .35rem 1rem; margin: 0; }
        dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; } dd ul { margin: 0; padding-left: 1.2rem; }
        code { font-size: .9em; } .key { overflow-wrap: anywhere; word-break: break-all; }
        .scroll { overflow-x: auto; } table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid #ddd; }
        th { background: #f2f2f2; } .title { color: #555; font-size: .9em; }
        .verdict { font-weight: 700; padding: .05rem .4rem; border-radius: 3px; white-space: nowrap; }
        .v-pass .verdict { background: #e3f4e6; color: #0f5b1f; } .v-fail .verdict, .v-error .verdict { background: #fbe4e4; color: #8a1212; }
        .v-inconc .verdict { background: #fff3d6; color: #7a5200; } .v-not-selected, .v-skipped { color: #666; }
        footer { margin-top: 2rem; font-size: .85em; color: #555; }
        @media (max-width: 40rem) {
          dl { grid-template-columns: 1fr; } dd { margin-bottom: .5rem; }
          table, thead, tbody, tr, th, td { display: block; } thead { display: none; }
          tr { border: 1px solid #ddd; border-radius: 4px; margin-bottom: .6rem; } td { border: 0; padding: .2rem .5rem; }
        }
        @page { margin: 18mm 14mm; @bottom-right { content: "Report \(reportID) · page " counter(page) " of " counter(pages); font-size: 9pt; } }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; } .scroll { overflow: visible; }
          tr { break-inside: avoid; } h2 { break-after: avoid; } a { color: inherit; text-decoration: none; }
          .overall, .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
    }
}
