import Testing
@testable import ConformCLI

@Suite struct ArgumentParserTests {
    private let options: [OptionSpec] = [
        .value("--target", "TARGET", "target"),
        .value("--filter", "GLOB", repeatable: true, "filter"),
        .flag("--integrity-only", "flag"),
    ]

    @Test func parsesValuesFlagsAndPositionals() throws {
        let parsed = try ArgumentParser.parse(["a.yaml", "--target", "sim:x", "--filter=ND-*", "b", "--filter", "E*", "--integrity-only"],
                                              options: options)
        #expect(parsed.positionals == ["a.yaml", "b"])
        #expect(parsed.value("--target") == "sim:x")
        #expect(parsed.all("--filter") == ["ND-*", "E*"])
        #expect(parsed.flag("--integrity-only"))
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try ArgumentParser.parse(["--", "--target"], options: options)
        #expect(parsed.positionals == ["--target"])
    }

    @Test func unknownOptionsAreNamedWithASuggestion() {
        #expect {
            try ArgumentParser.parse(["--taget", "x"], options: options)
        } throws: { error in
            "\(error)" == "unknown option --taget (did you mean --target?)"
        }
    }

    @Test(arguments: [["--target"], ["--target", "a", "--target", "b"], ["--integrity-only=yes"]])
    func refusesMalformedUse(arguments: [String]) {
        #expect(throws: UsageError.self) { try ArgumentParser.parse(arguments, options: options) }
    }
}
