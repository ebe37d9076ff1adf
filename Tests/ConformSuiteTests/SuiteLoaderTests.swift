import ConformSuite
import Foundation
import ConformTime
import Testing
@testable import ConformSuite

private func diagnostics(_ text: String) throws -> [Diagnostic] {
    SuiteLoader.analyse(try TestFiles.file("s.yaml", text)).1
}

@Suite struct SuiteLoaderTests {
    @Test func validSuiteLoadsTheModel() throws {
        let suite = try SuiteLoader.load(try TestFiles.file("s.yaml", TestFiles.validSuite))
        #expect(suite.id == "ipv6-core")
        #expect(suite.version == "1.0.0")
        #expect(suite.method == Suite.Method(spec: "RFC 4443", basis: "IPv6 Ready Phase-2 Core"))
        #expect(suite.ports == ["tn1"])
        #expect(suite.pics.map(\.name) == ["ipv6.host", "ipv6.router"])
        #expect(suite.pics[1].defaultValue == .bool(false))
        #expect(suite.pixit[0].defaultValue == .duration(.seconds(1)))
        #expect(suite.pixit[1].sensitive && suite.pixit[1].required)
        #expect(suite.files.count == 1 && suite.files[0].sha256.count == 64)

        let echo = try #require(suite.templates["echo_request"])
        #expect(echo.layers.map(\.layer) == ["eth", "ipv6", "icmpv6", "data"])
        #expect(echo.layers[2].fields.map(\.abbrev) == ["icmpv6.type", "icmpv6.code", "icmpv6.echo.identifier", "icmpv6.echo.sequence_number"])
        #expect(echo.layers[2].fields[2].value.literalText == "4660")
        #expect(echo.layers[3].fields[0].value.literalText == "00112233")
        let na = try #require(suite.templates["na_from_tn1"])
        #expect(na.layers.map(\.layer) == ["eth", "icmpv6.opt", "icmpv6.opt", "raw"])
        #expect(na.layers[3].fields == [TemplateField(abbrev: "raw.data", value: na.layers[3].fields[0].value)])

        let c = try #require(suite.cases.first)
        #expect(c.id == "ICMP-ECHO-001" && c.clause == "RFC 4443 §4.2" && c.references == ["v6LC.5.1.1"] && c.tags == ["echo"])
        #expect(c.pics == .and(.item("ipv6.host"), .not(.item("ipv6.router"))))
        #expect(c.timeout?.literalText == "30s")
        #expect(c.handlers.count == 1 && c.handlers[0].send == "na_from_tn1" && c.handlers[0].port == "tn1")
        #expect(c.steps.map(\.kind) == ["send", "expect", "wait", "set", "expect", "action"])
        #expect(c.finally.map(\.kind) == ["action"])

        let send = try #require(c.steps[0].body as? SendStep)
        #expect(send.port == "tn1" && send.template == "echo_request" && send.count == 2)
        #expect(send.overrides.map(\.abbrev) == ["icmpv6.echo.sequence_number"])

        let expect = try #require(c.steps[1].body as? ExpectStep)
        #expect(expect.within.soleExpression == .reference(["pixit", "retrans_timer"]))
        #expect(expect.template == "echo_request" && expect.count == 1 && !expect.absent && !expect.only)
        let tests = Dictionary(uniqueKeysWithValues: expect.match.map { ("\($0.field)#\($0.occurrence ?? 0)", $0.test) })
        #expect(tests["icmpv6.code#0"] == .any)
        #expect(tests["icmpv6.nd.na.flag.r#0"] == .absent)
        #expect(tests["icmpv6.opt.type#2"] != nil)
        if case .range(let a, let b)? = tests["icmpv6.echo.sequence_number#0"] {
            #expect(a.literalText == "1" && b.literalText == "4")
        } else {
            Issue.record("range predicate missing")
        }
        #expect(expect.save.map(\.name) == ["t0", "seq"])

        let absent = try #require(c.steps[4].body as? ExpectStep)
        #expect(absent.absent && absent.only && absent.after == "t0")
        let action = try #require(c.steps[5].body as? ActionStep)
        #expect(action.name == "reset" && action.arguments.count == 2)
    }

    @Test func folderSuiteReadsFurtherFilesInOrder() throws {
        let header = """
        suite: split
        version: 1.0.0
        title: Split
        method: {spec: RFC 4861}
        ports: [tn1]
        """
        let more = """
        templates:
          t: [{eth: {}}]
        cases:
          - {id: B-1, title: b, clause: x, steps: [{send: {port: tn1, template: t}}]}
        """
        let first = "cases:\n  - {id: A-1, title: a, clause: x, steps: [{wait: 1ms}]}\n"
        let folder = try TestFiles.folder(["suite.yaml": header, "b.yaml": more, "a.yaml": first])
        let suite = try SuiteLoader.load(folder)
        #expect(suite.cases.map(\.id) == ["A-1", "B-1"])
        #expect(suite.files.map { ($0.path as NSString).lastPathComponent } == ["suite.yaml", "a.yaml", "b.yaml"])
    }

    @Test func reportsEveryProblemNotJustTheFirst() throws {
        let text = TestFiles.validSuite
            .replacingOccurrences(of: "within: \"{{pixit.retrans_timer}}\"", with: "within: 10")
            .replacingOccurrences(of: "template: echo_request, count: 2", with: "template: echo_requst, count: 2")
            .replacingOccurrences(of: "ipv6.hlim: 255", with: "ipv6.hlmi: 255")
            .replacingOccurrences(of: "purpose: The host answers", with: "purpsoe: The host answers")
        let ds = try diagnostics(text)
        #expect(Set(ds.map(\.id)) == ["suite.bad-duration", "suite.unknown-template", "suite.unknown-field", "suite.unknown-key"])
        #expect(ds.first { $0.id == "suite.unknown-template" }?.hint == "did you mean 'echo_request'?")
        #expect(ds.first { $0.id == "suite.unknown-field" }?.hint == "did you mean 'ipv6.hlim'?")
        #expect(ds.first { $0.id == "suite.unknown-key" }?.hint == "did you mean 'purpose'?")
    }

    @Test func loadThrowsDiagnosticsPrintedWithPlace() throws {
        let path = try TestFiles.file("s.yaml", TestFiles.validSuite.replacingOccurrences(of: "version: 1.0.0", with: "version: 1.0"))
        #expect {
            try SuiteLoader.load(path)
        } throws: { error in
            guard let e = error as? DiagnosticsError, let d = e.diagnostics.first else { return false }
            return d.id == "suite.bad-version" && d.description.hasPrefix("\(path):3:10: error: version '1.0' is not a semantic version [suite.bad-version]")
        }
    }

    @Test func picsSyntaxErrorPointsAtColumn() throws {
        let ds = try diagnostics(TestFiles.validSuite.replacingOccurrences(of: "pics: ipv6.host and not ipv6.router", with: "pics: ipv6.host and and"))
        let d = try #require(ds.first)
        #expect(d.id == "suite.pics-syntax")
        #expect(d.location.column == 11 + 14)
    }

    @Test func semanticVersions() {
        for ok in ["1.0.0", "0.1.2-rc.1", "1.2.3+build.5", "10.20.30-alpha.beta+x"] { #expect(ValueSyntax.isSemanticVersion(ok)) }
        for bad in ["1.0", "01.0.0", "1.0.0-", "1.0.0+", "v1.0.0", "1.0.0-01"] { #expect(!ValueSyntax.isSemanticVersion(bad)) }
    }

    @Test func ratesTakeUnits() {
        #expect(ValueSyntax.rate("100Mbit/s") == .rate(1e8, unit: "bit/s"))
        #expect(ValueSyntax.rate("1000pps") == .rate(1000, unit: "pps"))
        #expect(ValueSyntax.rate("100") == nil)
        #expect(ValueSyntax.rate("100Mbps") == nil)
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)).hasPrefix("41edece42d63e8d9bf515a9ba6932e1c"))
    }
}
