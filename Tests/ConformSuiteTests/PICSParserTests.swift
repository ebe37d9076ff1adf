import Testing
@testable import ConformSuite

@Suite struct PICSParserTests {
    @Test func precedenceNotAndOr() throws {
        let e = try PICSExpression.parse("a or b and not c")
        #expect(e == .or(.item("a"), .and(.item("b"), .not(.item("c")))))
        #expect(e.items == ["a", "b", "c"])
    }

    @Test func parenthesesAndComparisons() throws {
        let e = try PICSExpression.parse("nd.host and not (nd.router or mtu.max < 1500)")
        #expect(e == .and(.item("nd.host"), .not(.or(.item("nd.router"), .compare("mtu.max", .lt, .int(1500))))))
        #expect(try PICSExpression.parse("role == 'router'") == .compare("role", .eq, .string("router")))
        #expect(try PICSExpression.parse("x >= -3") == .compare("x", .ge, .int(-3)))
        #expect(try PICSExpression.parse("true") == .constant(true))
    }

    @Test func evaluates() throws {
        let pics: [String: PICSValue] = ["host": .bool(true), "router": .bool(false), "mtu": .int(1280), "role": .string("host")]
        #expect(try PICSExpression.parse("host and not router").evaluate(pics))
        #expect(try PICSExpression.parse("mtu < 1500 and role == \"host\"").evaluate(pics))
        #expect(try !PICSExpression.parse("router or mtu > 1500").evaluate(pics))
        #expect(try !PICSExpression.parse("missing").evaluate(pics))
    }

    @Test(arguments: [
        ("a and", 6, "expected a PICS item"),
        ("a and (b or c", 14, "expected ')'"),
        ("a b", 3, "unexpected 'b'"),
        ("a & b", 3, "unexpected character '&'"),
        ("x < y", 5, "expected an integer"),
        ("x =< 1", 3, "unknown operator"),
        ("or a", 1, "expected a PICS item before 'or'"),
    ])
    func syntaxErrorsAtColumn(text: String, column: Int, message: String) {
        #expect {
            try PICSExpression.parse(text)
        } throws: { error in
            guard let e = error as? ExpressionSyntaxError else { return false }
            return e.id == "suite.pics-syntax" && e.column == column && e.message.contains(message)
        }
    }

    @Test func deepNestingIsBounded() {
        let text = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        #expect(throws: ExpressionSyntaxError.self) { try PICSExpression.parse(text) }
    }
}
