import ConformCapture
import ConformTime
import ConformWire
import Testing
@testable import ConformSim

private typealias T = TesterFrames

/// The fields of a frame the host sent that any fault could touch, with its time.
private typealias Summary = [String: String]

private let summarised = [
    "eth.dst", "eth.src", "ipv6.src", "ipv6.dst", "ipv6.hlim", "icmpv6.type", "icmpv6.code", "icmpv6.checksum.status",
    "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address", "icmpv6.nd.na.flag.r", "icmpv6.nd.na.flag.s",
    "icmpv6.nd.na.flag.o", "icmpv6.opt.type", "icmpv6.opt.linkaddr", "icmpv6.echo.identifier",
    "icmpv6.echo.sequence_number", "data.data",
]

/// One script against the host: a valid multicast NS from TN1 at 0; an echo request from
/// TN2, which the host must resolve, at 100 ms; TN2's advertisement at 500 ms; and an NS
/// with hop limit 254 from TN1 at 1 s. Returns what the host sent within 4 s.
private func runScript(fault: IPv6HostFault?) throws -> [Summary] {
    let bench = try HostBench(fault: fault)
    try bench.send(T.solicitation())
    try bench.run(.milliseconds(100))
    try bench.send(T.echoRequest(from: HostBench.tn2LL, mac: HostBench.tn2MAC))
    try bench.run(.milliseconds(400))
    try bench.send(T.advertisement(for: HostBench.tn2LL, mac: HostBench.tn2MAC))
    try bench.run(.milliseconds(500))
    try bench.send(T.solicitation(hopLimit: 254))
    try bench.run(.seconds(3))
    #expect(bench.host.transmitFailures.isEmpty)
    return bench.replies.map { reply in
        var summary = ["time": String(reply.time)]
        for abbrev in summarised {
            let values = reply.dissection.values(abbrev)
            if !values.isEmpty { summary[abbrev] = values.map(\.description).joined(separator: ",") }
        }
        return summary
    }
}

@Test func referenceRunsTheScriptAsAConformingHost() throws {
    let frames = try runScript(fault: nil)
    #expect(frames.map { $0["icmpv6.type"] } == ["136", "135", "129"])
    #expect(frames.map { $0["time"] } == ["0", "100000000", "500000000"])
}

@Test func noNAReplyOnlySilencesAdvertisements() throws {
    let reference = try runScript(fault: nil)
    #expect(try runScript(fault: .noNAReply) == reference.filter { $0["icmpv6.type"] != "136" })
}

@Test func naWithoutSolicitedFlagOnlyClearsS() throws {
    var expected = try runScript(fault: nil)
    expected[0]["icmpv6.nd.na.flag.s"] = "0"
    #expect(try runScript(fault: .naWithoutSolicitedFlag) == expected)
}

@Test func naHopLimit64OnlyChangesTheAdvertisementHopLimit() throws {
    var expected = try runScript(fault: nil)
    expected[0]["ipv6.hlim"] = "64"
    #expect(try runScript(fault: .naHopLimit64) == expected)
}

@Test func acceptsInvalidNSOnlyAnswersTheHopLimit254Solicitation() throws {
    var expected = try runScript(fault: nil)
    var extra = expected[0]
    extra["time"] = "1000000000"
    expected.append(extra)
    #expect(try runScript(fault: .acceptsInvalidNS) == expected)
}

@Test func echoWrongIdentifierOnlyIncrementsTheIdentifier() throws {
    var expected = try runScript(fault: nil)
    expected[2]["icmpv6.echo.identifier"] = String(0x1235)
    #expect(try runScript(fault: .echoWrongIdentifier) == expected)
}

@Test func echoNoResolutionRepliesAtOnceToTheRequestMAC() throws {
    let reference = try runScript(fault: nil)
    var reply = reference[2]
    reply["time"] = "100000000"
    #expect(reply["eth.dst"] == HostBench.tn2MAC.description)
    #expect(try runScript(fault: .echoNoResolution) == [reference[0], reply])
}

@Test func echoNoResolutionUsesTheRequestMACEvenWhenItIsNotTheNeighbors() throws {
    let bench = try HostBench(fault: .echoNoResolution)
    let spoofed = MACAddress(text: "02:00:00:00:0e:0e")!
    try bench.send(T.echoRequest(mac: spoofed))
    try bench.run(.seconds(1))
    #expect(bench.replies.map { $0.value("eth.dst") } == [.ether(spoofed)])
}

@Test func unknownFaultIsAnError() {
    let clock = VirtualScheduler()
    let link = VirtualLink(port: "tn1", clock: clock)
    #expect(throws: SimulatorError.self) {
        try IPv6Host(environment: SimulatorEnvironment(
            clock: clock, links: ["tn1": link.device], addresses: ["mac": "02:00:00:00:00:01", "ll": "fe80::1"],
            parameters: [:], fault: FaultDescriptor(name: "gate-late-2us", clause: "IEEE 802.1Qbv", summary: "")))
    }
}
