import Foundation
import Testing
@testable import ConformSuite

/// The committed schemas must equal the generator's output. Run with
/// `CONFORM_REGENERATE_SCHEMA=1 swift test --filter SchemaGeneratorTests` to rewrite them.
@Suite struct SchemaGeneratorTests {
    static let files: [(name: String, text: String)] = [
        ("suite.schema.json", SchemaGenerator.suiteSchema()),
        ("target.schema.json", SchemaGenerator.targetSchema()),
    ]

    @Test(arguments: files.map(\.name))
    func committedSchemaMatchesGenerator(name: String) throws {
        let generated = try #require(Self.files.first { $0.name == name }).text
        let url = TestFiles.repository.appendingPathComponent("schema").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CONFORM_REGENERATE_SCHEMA"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == generated, "schema/\(name) is stale; regenerate it")
    }

    /// By name, so the test log names the schema instead of printing all of it.
    @Test(arguments: files.map(\.name))
    func schemaIsJSONWithDraftAndClosedObjects(name: String) throws {
        let text = try #require(Self.files.first { $0.name == name }).text
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(text.contains("\"additionalProperties\": false"))
        #expect(!text.contains("\t"))
    }

    @Test func suiteSchemaNamesStepsFieldsAndUnits() {
        let text = SchemaGenerator.suiteSchema()
        for kind in StepSyntax.all.map(\.kind) { #expect(text.contains("\"\(kind)\"")) }
        #expect(text.contains("ipv6\\\\.hlim"))
        #expect(text.contains("(ns|us|µs|ms|s|min)"))
    }

    @Test func jsonKeysAreSortedAndEscaped() {
        let value = JSONValue.object(["b": .int(1), "a": .array([.string("x\"\n"), .bool(true)]), "c": .object([:])])
        #expect(value.text == "{\n  \"a\": [\n    \"x\\\"\\n\",\n    true\n  ],\n  \"b\": 1,\n  \"c\": {}\n}\n")
    }
}
