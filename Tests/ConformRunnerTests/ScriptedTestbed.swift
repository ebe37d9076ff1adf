import Foundation
import ConformTime
import ConformWire
import ConformCapture
import ConformSuite
@testable import ConformRunner

/// A test bed whose device is a script: a closure that sees each frame the tester sends and
/// may answer through the link, on virtual time.
final class ScriptedTestbed: TestbedSession {
    typealias Script = (_ frame: Dissection, _ device: ScriptedDevice) -> Void

    let scheduler = VirtualScheduler(eventBudget: 100_000)
    let link: VirtualLink
    var clock: any HarnessClock { scheduler }
    var ports: [String: any ConformCapture.Port] { ["tn1": link.tester] }
    private let script: Script
    private(set) var resets = 0
    private(set) var actions: [(String, [String])] = []

    init(script: @escaping Script) {
        self.link = VirtualLink(port: "tn1", clock: scheduler)
        self.script = script
    }

    func resetDevice() throws(TestbedError) {
        scheduler.cancelAll()
        resets += 1
        let device = ScriptedDevice(end: link.device, clock: scheduler)
        link.device.onReceive = { [script] bytes in script(Dissector.dissect(bytes), device) }
    }

    func perform(action: String, arguments: [String]) throws(TestbedError) {
        guard action == "flush" else { throw TestbedError("no action '\(action)'") }
        actions.append((action, arguments))
    }

    func close() { scheduler.cancelAll() }
}

/// What a script can do: send frames after a delay, on the test bed's clock.
final class ScriptedDevice {
    let end: VirtualLink.DeviceEnd
    let clock: VirtualScheduler

    init(end: VirtualLink.DeviceEnd, clock: VirtualScheduler) {
        self.end = end
        self.clock = clock
    }

    func send(after delay: TimeAmount = .microseconds(10), _ layers: [LayerSpec]) {
        let bytes = try! FrameBuilder.build(layers)
        clock.schedule(after: delay) { [end] in end.send(bytes) }
    }
}

/// Frames the scripts answer with.
enum Frames {
    static let nutMAC = MACAddress(text: "02:00:00:00:00:01")!
    static let tn1MAC = MACAddress(text: "02:00:00:00:01:01")!
    static let nutLL = IPv6Address(text: "fe80::1")!
    static let tn1LL = IPv6Address(text: "fe80::101")!

    static func echoReply(hlim: UInt64 = 64, identifier: UInt64 = 0x1234) -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(tn1MAC)), ("eth.src", .ether(nutMAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(nutLL)), ("ipv6.dst", .ipv6(tn1LL)), ("ipv6.hlim", .uint(hlim))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(129)), ("icmpv6.code", .uint(0)),
                                 ("icmpv6.echo.identifier", .uint(identifier)), ("icmpv6.echo.sequence_number", .uint(1))]),
        ]
    }

    static func solicitation(for target: IPv6Address) -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(MACAddress(text: "33:33:ff:00:01:01")!)), ("eth.src", .ether(nutMAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(nutLL)), ("ipv6.dst", .ipv6(IPv6Address(text: "ff02::1:ff00:101")!)),
                               ("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(135)), ("icmpv6.code", .uint(0)),
                                 ("icmpv6.nd.ns.target_address", .ipv6(target))]),
        ]
    }
}

/// Loads a suite and target from YAML text and runs them against a scripted test bed.
struct Harness {
    static let target = """
    target: scripted
    identity: {vendor: Test, model: scripted device}
    kind: ipv6-host
    testbed: {kind: sim, simulator: ipv6-host}
    addresses:
      nut: {mac: "02:00:00:00:00:01", ll: "fe80::1"}
      tn1: {mac: "02:00:00:00:01:01", ll: "fe80::101"}
    pics: {host: true, router: false}
    pixit: {window: 1s}
    actions:
      flush: {argv: ["true"]}
    """

    static let header = """
    suite: runner-tests
    version: 1.0.0
    title: Runner behaviour
    method: {spec: RFC 4443}
    ports: [tn1]
    pics:
      host: {type: bool, required: true}
      router: {type: bool, default: false}
    pixit:
      window: {type: duration, default: 1s}
    templates:
      echo_request:
        - eth: {dst: "{{nut.mac}}", src: "{{tn1.mac}}"}
        - ipv6: {src: "{{tn1.ll}}", dst: "{{nut.ll}}", hlim: 64}
        - icmpv6: {type: 128, code: 0, echo.identifier: 0x1234, echo.sequence_number: 1}
      na_from_tn1:
        - eth: {dst: "{{nut.mac}}", src: "{{tn1.mac}}"}
        - ipv6: {src: "{{tn1.ll}}", dst: "{{nut.ll}}", hlim: 255}
        - icmpv6: {type: 136, code: 0, nd.na.flag.s: 1, nd.na.target_address: "{{tn1.ll}}"}
    cases:

    """

    /// Runs `cases` (YAML list items, indented by two spaces) and returns the records by id;
    /// `templates` (indented by four spaces) adds to the header's.
    static func run(_ cases: String, templates: String = "", selection: Selection = Selection(), options: RunOptions = RunOptions(),
                    script: @escaping ScriptedTestbed.Script)
        throws -> (records: [String: CaseRecord], testbed: ScriptedTestbed) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let suitePath = folder.appendingPathComponent("suite.yaml").path
        let text = header.replacingOccurrences(of: "cases:\n", with: templates + "cases:\n") + cases
        try text.write(toFile: suitePath, atomically: true, encoding: .utf8)
        let suite = try SuiteLoader.load(suitePath)
        let target = try TargetLoader.load(text: Self.target, name: "scripted.yaml")
        let binding = try SuiteBinding.bind([suite], to: target)
        let testbed = ScriptedTestbed(script: script)
        let runner = Runner(suites: [suite], target: target, binding: binding, testbed: testbed, selection: selection,
                            options: options)
        let records = runner.run()
        return (Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) }), testbed)
    }
}
