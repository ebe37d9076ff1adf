import ConformTime
import Testing
@testable import ConformSuite

private func bindDiagnostics(target: String) throws -> [Diagnostic] {
    let suite = try SuiteLoader.load(try TestFiles.file("s.yaml", TestFiles.validSuite))
    let t = try TargetLoader.load(text: target, name: "t.yaml")
    return SuiteBinding.analyse([suite], to: t).1
}

@Suite struct TargetAndBindingTests {
    @Test func targetLoads() throws {
        let t = try TargetLoader.load(text: TestFiles.validTarget, name: "sim:ipv6-host")
        #expect(t.id == "sim-ipv6-host" && t.kind == "ipv6-host")
        #expect(t.identity == DeviceIdentity(vendor: "Conform", model: "ipv6-host simulator", hardwareVersion: "1",
                                             firmwareVersion: "1.0.0", serial: "SIM-0001", firmwareDigest: nil))
        #expect(t.testbed == .simulator(name: "ipv6-host", fault: nil))
        #expect(t.addresses["tn1"]?["ll"] == "fe80::ff:fe00:101")
        #expect(t.pics == ["ipv6.host": .bool(true)])
        #expect(t.picsLocations["ipv6.host"]?.line == 8)
        #expect(t.pixit["retrans_timer"]?.text == "250ms")
        #expect(t.actions["reset"]?.argv == ["ip", "neigh", "flush", "dev", "eth0"])
        #expect(t.actions["flush-neighbors"]?.shell == true)
        #expect(t.file?.path == "sim:ipv6-host")
    }

    @Test func targetProblemsAreAllReported() {
        let text = TestFiles.validTarget
            .replacingOccurrences(of: "kind: sim,", with: "kind: interfaces,")
            .replacingOccurrences(of: "nut: {mac:", with: "nut: {macc:")
            .replacingOccurrences(of: "identity: {vendor: Conform,", with: "identity: {")
        #expect {
            try TargetLoader.load(text: text, name: "t.yaml")
        } throws: { error in
            let ids = Set((error as? DiagnosticsError)?.diagnostics.map(\.id) ?? [])
            return ids == ["target.unsupported-testbed", "target.unknown-key", "target.missing-key"]
        }
    }

    @Test func bindTypesAndFillsDefaults() throws {
        let suite = try SuiteLoader.load(try TestFiles.file("s.yaml", TestFiles.validSuite))
        let t = try TargetLoader.load(text: TestFiles.validTarget, name: "t.yaml")
        let binding = try SuiteBinding.bind([suite], to: t)
        #expect(binding.pics == ["ipv6.host": .bool(true), "ipv6.router": .bool(false)])
        #expect(binding.pixit == ["retrans_timer": .duration(.milliseconds(250)), "secret_key": .string("hunter2")])
        #expect(binding.sensitive == ["secret_key"])
        #expect(binding.redactedPIXIT() == ["retrans_timer": "250ms", "secret_key": "***"])
    }

    @Test func missingRequiredIsAnError() throws {
        let ds = try bindDiagnostics(target: TestFiles.validTarget
            .replacingOccurrences(of: "pics: {ipv6.host: true}", with: "pics: {}")
            .replacingOccurrences(of: ", secret_key: hunter2", with: ""))
        #expect(Set(ds.map(\.id)) == ["target.missing-pics", "target.missing-pixit"])
        #expect(ds.allSatisfy { $0.location.file == "t.yaml" && $0.location.line == 1 })
    }

    @Test func misspeltKeyIsAnErrorWithDidYouMean() throws {
        let ds = try bindDiagnostics(target: TestFiles.validTarget
            .replacingOccurrences(of: "pics: {ipv6.host: true}", with: "pics: {ipv6.host: true, ipv6.routr: true}")
            .replacingOccurrences(of: "retrans_timer: 250ms", with: "retrans_timer: 250ms, retrans_tmer: 1s"))
        let pics = try #require(ds.first { $0.id == "target.unknown-pics" })
        #expect(pics.hint == "did you mean 'ipv6.router'?")
        #expect(pics.location == SourceLocation(file: "t.yaml", line: 8, column: 25))
        #expect(ds.first { $0.id == "target.unknown-pixit" }?.hint == "did you mean 'retrans_timer'?")
    }

    @Test func valuesAreTypedAgainstDeclarations() throws {
        let ds = try bindDiagnostics(target: TestFiles.validTarget
            .replacingOccurrences(of: "pics: {ipv6.host: true}", with: "pics: {ipv6.host: 3}")
            .replacingOccurrences(of: "retrans_timer: 250ms", with: "retrans_timer: 250"))
        #expect(Set(ds.map(\.id)) == ["target.wrong-type", "target.bad-duration"])
        let duration = try #require(ds.first { $0.id == "target.bad-duration" })
        #expect(duration.location.line == 9 && duration.message.contains("unit"))
    }

    @Test func portsAndActionsMustExist() throws {
        let ds = try bindDiagnostics(target: TestFiles.validTarget
            .replacingOccurrences(of: "  tn1: {mac", with: "  tn2: {mac")
            .replacingOccurrences(of: "  reset: {argv", with: "  reboot: {argv"))
        #expect(Set(ds.map(\.id)) == ["target.missing-port", "target.unknown-action"])
        #expect(ds.first { $0.id == "target.missing-port" }?.hint == "did you mean 'tn2'?")
    }
}

@Suite struct AddressBindingTests {
    @Test func usedAddressAttributesMustBeGiven() throws {
        let ds = try bindDiagnostics(target: TestFiles.validTarget
            .replacingOccurrences(of: "tn1: {mac: \"02:00:00:00:01:01\", ll: \"fe80::ff:fe00:101\"}", with: "tn1: {mac: \"02:00:00:00:01:01\"}"))
        #expect(!ds.isEmpty && ds.allSatisfy { $0.id == "target.missing-address" && $0.location.file.hasSuffix("s.yaml") })
        #expect(ds.first?.message.contains("tn1.ll") == true)
    }

    @Test func deviceRoleMustHaveAddresses() throws {
        let ds = try bindDiagnostics(target: TestFiles.validTarget
            .replacingOccurrences(of: "  nut: {mac: \"02:00:00:00:00:01\", ll: \"fe80::ff:fe00:1\"}\n", with: ""))
        #expect(ds.map(\.id) == ["target.missing-port"])
    }
}
