import Foundation
import Testing
@testable import ConformSuite

/// Every file in Fixtures/bad-suites starts with `# expect: ID`; linting it must report ID,
/// on the line marked `# <- here` when the file marks one, and fast.
@Suite struct BadSuiteFixtureTests {
    static let folder = TestFiles.repository.appendingPathComponent("Fixtures/bad-suites")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The expected id and marked line of a fixture.
    static func expectation(_ name: String) throws -> (id: String, line: Int?) {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let first = try #require(lines.first)
        #expect(first.hasPrefix("# expect: "))
        let id = String(first.dropFirst("# expect: ".count)).trimmingCharacters(in: .whitespaces)
        let marked = lines.firstIndex { $0.hasSuffix("# <- here") }.map { $0 + 1 }
        return (id, marked)
    }

    @Test func thereAreEnoughDistinctFixtures() throws {
        let ids = try Self.names.map { try Self.expectation($0).id }
        #expect(ids.count >= 22)
        #expect(Set(ids).count == ids.count)
    }

    @Test(arguments: names)
    func fixtureReportsItsDiagnostic(name: String) throws {
        let (id, line) = try Self.expectation(name)
        let path = Self.folder.appendingPathComponent(name).path
        let start = ContinuousClock.now
        let diagnostics = Linter.lint([path])
        #expect(ContinuousClock.now - start < .seconds(1))
        let matching = diagnostics.filter { $0.id == id }
        #expect(!matching.isEmpty, "\(name): expected \(id), got \(diagnostics.map(\.description))")
        #expect(matching.allSatisfy { $0.location.file == path && $0.location.line > 1 })
        if let line {
            #expect(matching.contains { $0.location.line == line }, "\(name): \(id) not on line \(line): \(matching.map(\.description))")
        }
    }
}
