import Testing
@testable import ConformSuite

private let here = SourceLocation(file: "s.yaml", line: 3, column: 7)

@Suite struct InterpolationParserTests {
    @Test func plainTextHasNoExpression() throws {
        let i = try Interpolated.parse("fe80::1", at: here)
        #expect(i.literalText == "fe80::1")
        #expect(i.location == here)
    }

    @Test func soleExpressionKeepsItsShape() throws {
        let i = try Interpolated.parse("{{ pixit.retrans_timer }}", at: here)
        #expect(i.soleExpression == .reference(["pixit", "retrans_timer"]))
    }

    @Test func callsAndMixedText() throws {
        let i = try Interpolated.parse("x{{multicast_mac(solicited_node(nut.ll))}}-{{'a'}}{{64}}", at: here)
        #expect(i.parts == [
            .text("x"),
            .expression(.call("multicast_mac", [.call("solicited_node", [.reference(["nut", "ll"])])])),
            .text("-"), .expression(.literal("a")), .expression(.literal("64")),
        ])
    }

    @Test func closingBracesAloneAreText() throws {
        let i = try Interpolated.parse("a}}b{x}", at: here)
        #expect(i.literalText == "a}}b{x}")
    }

    @Test func unterminated() {
        #expect {
            try Interpolated.parse("ab{{nut.ll", at: here)
        } throws: { ($0 as? ExpressionSyntaxError) == ExpressionSyntaxError(
            id: "suite.unterminated-interpolation", message: "'{{' without a closing '}}'", column: 3) }
    }

    @Test(arguments: ["{{}}", "{{ a..b }}", "{{f(a,}}", "{{f(a b)}}", "{{a b}}"])
    func malformed(text: String) {
        #expect {
            try Interpolated.parse(text, at: here)
        } throws: { ($0 as? ExpressionSyntaxError)?.id == "suite.bad-interpolation" }
    }
}
