import ConformCapture
import ConformTime
import ConformWire
@testable import ConformSim

/// A gPTP simulator on virtual links, with a tester that answers its Pdelay requests
/// (optionally reporting a turnaround shortened by `delayBias` ns, which lengthens the delay
/// the device computes by the same amount) while time runs.
final class GPTPBench {
    static let testerClock: UInt64 = 0x0200_00ff_fe00_0101
    let clock = VirtualScheduler(eventBudget: 1_000_000)
    let links: [String: VirtualLink]
    let system: GPTPSystem
    var delayBias: Int64 = 0
    /// How fast the tester's clock runs, in ppb: t2 and t3 it reports are scaled by 1 + ppb · 10^-9.
    var ratePPB: Int64 = 0
    var answersPdelay = true
    private var answered: [String: Int] = [:]

    init(_ descriptor: SimulatorDescriptor, fault: String? = nil, threshold: String = "10us") throws {
        var links: [String: VirtualLink] = [:]
        for port in descriptor.ports { links[port] = VirtualLink(port: port, clock: clock) }
        self.links = links
        let made = try descriptor.make(SimulatorEnvironment(
            clock: clock, links: links.mapValues(\.device), addresses: ["mac": "02:00:00:00:00:01"],
            parameters: ["neighbor_prop_delay_thresh": threshold], fault: fault.flatMap(descriptor.fault(named:))))
        system = made as! GPTPSystem
    }

    /// Lets `amount` of virtual time pass, answering Pdelay_Req on every port as it arrives.
    func run(_ amount: TimeAmount) throws {
        let deadline = clock.now().ns + amount.ns
        _ = try clock.wait(until: deadline) { [self] in
            answerPdelay()
            return false
        }
        answerPdelay()
    }

    func send(_ layers: [LayerSpec], on port: String) throws {
        _ = try links[port]!.tester.send(try FrameBuilder.build(layers))
    }

    /// Frames the device sent on a port, dissected, with their arrival times.
    func received(on port: String, type: UInt64? = nil) -> [(time: Int64, d: Dissection)] {
        links[port]!.tester.frames(after: 0).filter { $0.direction == .inbound }
            .map { ($0.timestamp.ns, Dissector.dissect($0.bytes)) }
            .filter { type == nil || $0.d.first("ptp.v2.messagetype")?.unsignedValue == type }
    }

    private func answerPdelay() {
        guard answersPdelay else { return }
        for (name, link) in links.sorted(by: { $0.key < $1.key }) {
            let frames = link.tester.frames(after: answered[name] ?? 0)
            guard let last = frames.last else { continue }
            answered[name] = last.number
            for frame in frames where frame.direction == .inbound {
                let d = Dissector.dissect(frame.bytes)
                guard d.first("ptp.v2.messagetype") == .uint(2), let sequence = d.first("ptp.v2.sequenceid"),
                      let requester = d.first("ptp.v2.clockidentity"), let requesterPort = d.first("ptp.v2.sourceportid") else { continue }
                let t2 = scaled(frame.timestamp.ns)
                let response = try? link.tester.send(try FrameBuilder.build(Self.message(3, sequence: sequence, [
                    ("ptp.v2.pdrs.requestreceipttimestamp.seconds", .uint(UInt64(t2 / 1_000_000_000))),
                    ("ptp.v2.pdrs.requestreceipttimestamp.nanoseconds", .int(t2 % 1_000_000_000)),
                    ("ptp.v2.pdrs.requestingportidentity", requester), ("ptp.v2.pdrs.requestingsourceportid", requesterPort),
                ])))
                let t3 = scaled(response?.timestamp.ns ?? frame.timestamp.ns) - 2 * delayBias
                _ = try? link.tester.send(try FrameBuilder.build(Self.message(10, sequence: sequence, [
                    ("ptp.v2.pdfu.responseorigintimestamp.seconds", .uint(UInt64(max(0, t3) / 1_000_000_000))),
                    ("ptp.v2.pdfu.responseorigintimestamp.nanoseconds", .int(max(0, t3) % 1_000_000_000)),
                    ("ptp.v2.pdfu.requestingportidentity", requester), ("ptp.v2.pdfu.requestingsourceportid", requesterPort),
                ])))
            }
        }
    }

    private func scaled(_ ns: Int64) -> Int64 { ns + ns / 1_000_000_000 * ratePPB + ns % 1_000_000_000 * ratePPB / 1_000_000_000 }

    static func message(_ type: UInt64, sequence: FieldValue, _ fields: [(abbrev: String, value: FieldValue)]) -> [LayerSpec] {
        [LayerSpec("eth", [("eth.dst", .ether(GPTPMessages.destination)), ("eth.src", .ether(MACAddress(text: "02:00:00:00:01:01")!))]),
         LayerSpec("ptp.v2", [("ptp.v2.messagetype", .uint(type)), ("ptp.v2.clockidentity", .uint(testerClock)),
                              ("ptp.v2.sourceportid", .uint(1)), ("ptp.v2.sequenceid", sequence)] + fields)]
    }
}
