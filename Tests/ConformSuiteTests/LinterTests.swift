import Foundation
import Testing
@testable import ConformSuite

@Suite struct LinterTests {
    @Test func validSuiteAndTargetLintClean() throws {
        let folder = try TestFiles.folder(["s.yaml": TestFiles.validSuite, "t.yaml": TestFiles.validTarget])
        let paths = ["s.yaml", "t.yaml"].map { (folder as NSString).appendingPathComponent($0) }
        #expect(Linter.lint(paths).isEmpty)
    }

    @Test func suitesAreBoundAgainstEachTargetGiven() throws {
        let target = TestFiles.validTarget.replacingOccurrences(of: "pics: {ipv6.host: true}", with: "pics: {ipv6.hots: true}")
        let folder = try TestFiles.folder(["s.yaml": TestFiles.validSuite, "t.yaml": target])
        let diagnostics = Linter.lint(["s.yaml", "t.yaml"].map { (folder as NSString).appendingPathComponent($0) })
        #expect(diagnostics.map(\.id) == ["target.missing-pics", "target.unknown-pics"])
        let unknown = diagnostics[1]
        #expect(unknown.description == """
            \(folder)/t.yaml:8:8: error: PICS item 'ipv6.hots' is declared by no suite of this run [target.unknown-pics]
                hint: did you mean 'ipv6.host'?
            """)
    }

    @Test func folderOfIndependentFilesLintsEachAndSortsOutput() throws {
        let bad = TestFiles.validSuite.replacingOccurrences(of: "version: 1.0.0", with: "version: one")
        let folder = try TestFiles.folder(["b.yaml": bad, "a.yaml": TestFiles.validSuite + "\nextra: 1\n", "notes.txt": "x"])
        let diagnostics = Linter.lint([folder])
        #expect(diagnostics.map(\.id) == ["suite.unknown-key", "suite.bad-version"])
        #expect(diagnostics.map { ($0.location.file as NSString).lastPathComponent } == ["a.yaml", "b.yaml"])
    }

    @Test func suiteFolderIsOneSuite() throws {
        let folder = try TestFiles.folder([
            "suite.yaml": "suite: f\nversion: 1.0.0\ntitle: F\nmethod: {spec: x}\nports: [tn1]\n",
            "cases.yaml": "cases:\n  - {id: A, title: a, clause: c, steps: [{send: {port: tn2, template: nope}}]}\n",
        ])
        let diagnostics = Linter.lint([folder])
        #expect(diagnostics.map(\.id) == ["suite.unknown-port", "suite.unknown-template"])
        #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("cases.yaml") && $0.location.line == 2 })
    }

    @Test func missingPathIsReported() {
        let diagnostics = Linter.lint(["/nonexistent/conform/suite.yaml"])
        #expect(diagnostics.map(\.id) == ["file.unreadable"])
    }

    @Test func templatesMayUseNamesCasesDefine() throws {
        let used = TestFiles.validSuite.replacingOccurrences(of: "- raw: \"deadbeef\"", with: "- raw: \"{{seq}}\"")
        #expect(SuiteLoader.analyse(try TestFiles.file("s.yaml", used)).1.isEmpty)
        let unknown = TestFiles.validSuite.replacingOccurrences(of: "- raw: \"deadbeef\"", with: "- raw: \"{{sqe}}\"")
        let diagnostics = SuiteLoader.analyse(try TestFiles.file("s.yaml", unknown)).1
        #expect(diagnostics.map(\.id) == ["suite.unknown-interpolation"])
        #expect(diagnostics.first?.hint == "did you mean 'seq'?")
    }

    @Test func localsMustBeDefinedBeforeUse() throws {
        let early = TestFiles.validSuite.replacingOccurrences(
            of: "- send: {port: tn1, template: echo_request, count: 2,",
            with: "- send: {port: tn1, template: echo_request, count: 2, set: {icmpv6.code: \"{{seq}}\"}}\n      - send: {port: tn1, template: echo_request,")
        let diagnostics = SuiteLoader.analyse(try TestFiles.file("s.yaml", early)).1
        #expect(diagnostics.map(\.id) == ["suite.unknown-interpolation"])
    }
}
