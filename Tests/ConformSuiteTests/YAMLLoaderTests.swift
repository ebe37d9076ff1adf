import Foundation
import Testing
@testable import ConformSuite

private func parse(_ text: String) -> YAMLLoader.Result {
    YAMLLoader.parse(Array(text.utf8), file: "t.yaml")
}

private func ids(_ r: YAMLLoader.Result) -> [String] { r.diagnostics.map(\.id) }

@Suite struct YAMLLoaderTests {
    @Test func buildsTreeWithLocations() throws {
        let r = parse("a: 1\nb:\n  - x\n  - 'y'\n")
        #expect(r.diagnostics.isEmpty)
        let root = try #require(r.root)
        let pairs = try #require(root.mapping)
        #expect(pairs.map(\.key.text) == ["a", "b"])
        #expect(pairs[1].keyLocation == SourceLocation(file: "t.yaml", line: 2, column: 1))
        let items = try #require(root["b"]?.sequence)
        #expect(items[1].scalar == YAMLScalar(text: "y", style: .singleQuoted))
        #expect(items[1].location == SourceLocation(file: "t.yaml", line: 4, column: 5))
    }

    @Test(arguments: [
        ("no", YAMLValue.string("no")), ("yes", .string("yes")), ("on", .string("on")),
        ("true", .bool(true)), ("false", .bool(false)), ("0255", .int(255)), ("0x1f", .int(31)),
        ("0o17", .int(15)), ("-12", .int(-12)), ("~", .null), ("null", .null), ("1.5", .float(1.5)),
        ("1.0.0", .string("1.0.0")), ("10ms", .string("10ms")), ("0x", .string("0x")),
    ])
    func coreSchemaScalars(text: String, expected: YAMLValue) throws {
        let root = try #require(parse("k: \(text)\n").root)
        #expect(root["k"]?.scalar?.value == expected)
    }

    @Test func quotedScalarsAreStrings() throws {
        let root = try #require(parse("a: 'true'\nb: \"12\"\n").root)
        #expect(root["a"]?.scalar?.value == .string("true"))
        #expect(root["b"]?.scalar?.value == .string("12"))
        #expect(root["b"]?.scalar?.isQuoted == true)
    }

    @Test func refusesAnchorsAndAliases() {
        let r = parse("a: &x 1\nb: *x\n")
        #expect(ids(r) == ["yaml.anchor", "yaml.alias"])
        #expect(r.diagnostics[1].location.line == 2)
    }

    @Test func refusesTags() {
        #expect(ids(parse("a: !custom 1\n")) == ["yaml.tag"])
    }

    @Test func duplicateKeyPointsAtFirst() {
        let r = parse("a: 1\nb: 2\na: 3\n")
        #expect(ids(r) == ["yaml.duplicate-key"])
        #expect(r.diagnostics[0].location.line == 3)
        #expect(r.diagnostics[0].notes == ["t.yaml:1:1: first defined here"])
    }

    @Test func syntaxErrorCarriesProblemAndPlace() {
        let r = parse("a: 1\n\tb: 2\n")
        #expect(ids(r) == ["yaml.syntax"])
        #expect(r.diagnostics[0].location.line == 2)
        #expect(r.diagnostics[0].message.contains("tab"))
        #expect(r.diagnostics[0].hint?.contains("spaces") == true)
        #expect(r.root == nil)
    }

    @Test func refusesMultipleDocuments() {
        #expect(ids(parse("a: 1\n---\nb: 2\n")) == ["yaml.multiple-documents"])
    }

    @Test func invalidUTF8GivesLineAndColumn() {
        var bytes = Array("a: 1\nb: x".utf8)
        bytes.append(0xFF)
        let r = YAMLLoader.parse(bytes, file: "t.yaml")
        #expect(ids(r) == ["yaml.invalid-utf8"])
        #expect(r.diagnostics[0].location == SourceLocation(file: "t.yaml", line: 2, column: 5))
    }

    @Test func refusesOverlongAndSurrogates() {
        #expect(firstInvalidUTF8Offset([0x61, 0xC0, 0xAF]) == 1)
        #expect(firstInvalidUTF8Offset([0xED, 0xA0, 0x80]) == 0)
        #expect(firstInvalidUTF8Offset(Array("héllo €".utf8)) == nil)
    }

    @Test func tooLargeIsRefusedBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: YAMLLoader.maximumBytes + 1)
        #expect(ids(YAMLLoader.parse(bytes, file: "t.yaml")) == ["yaml.too-large"])
    }

    @Test func deepNestingStopsAtOnceAndFast() {
        let text = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let start = ContinuousClock.now
        let r = parse(text)
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(ids(r) == ["yaml.too-deep"])
        #expect(r.diagnostics[0].location.column == 65)
        #expect(r.root == nil)
    }

    @Test func billionLaughsIsRefusedFast() {
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        let start = ContinuousClock.now
        let r = parse(text)
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(ids(r) == ["yaml.anchor", "yaml.alias"])
        #expect(r.diagnostics.first { $0.id == "yaml.alias" }?.notes == ["80 more aliases in this file"])
        #expect(r.diagnostics.first { $0.id == "yaml.anchor" }?.notes == ["9 more anchors in this file"])
    }

    @Test func emptyInputHasNoRoot() {
        let r = parse("")
        #expect(r.root == nil)
        #expect(r.diagnostics.isEmpty)
    }
}
