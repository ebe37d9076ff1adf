import Testing
@testable import ConformTestbed

@Suite struct RunTokenTests {
    @Test func everyNameFitsIFNAMSIZAndCarriesTheToken() throws {
        let token = RunToken()
        #expect(token.text.count == 8 && token.text.hasPrefix("cf"))
        #expect(RunToken(token.text) == token)
        #expect(token.deviceNamespace == token.text + "d")
        #expect(token.testerNamespace == token.text + "t")
        let interface = try token.testerInterface(port: "tn1")
        #expect(interface == token.text + "tn1")
        #expect(interface.utf8.count <= 15)
        #expect(try token.testerInterface(port: "p123456").utf8.count == 15)
    }

    @Test func aPortNameThatWouldOverflowIFNAMSIZIsRefused() {
        let token = RunToken()
        #expect(throws: NetnsTestbedError.self) { try token.testerInterface(port: "p12345678") }
        #expect(throws: NetnsTestbedError.self) { try RunToken.checkInterfaceName("eth/0", what: "x") }
        #expect(throws: NetnsTestbedError.self) { try RunToken.checkInterfaceName("", what: "x") }
    }

    @Test func onlyTheHarnessesOwnNamespacesAreRecognised() {
        #expect(RunToken.owning(namespace: "cfab12cdd")?.text == "cfab12cd")
        #expect(RunToken.owning(namespace: "cfab12cdt")?.text == "cfab12cd")
        // Other names, including the live-capture tests' cfXXXXXXl / r pairs, are never claimed.
        for other in ["cfab12cdl", "cfab12cdr", "cfab12cd", "cfAB12cdd", "xyab12cdd", "cfab12cd-d", "blue"] {
            #expect(RunToken.owning(namespace: other) == nil, "\(other)")
        }
        #expect(RunToken("cfab12c") == nil)
        #expect(RunToken("cfab12c!") == nil)
    }
}
