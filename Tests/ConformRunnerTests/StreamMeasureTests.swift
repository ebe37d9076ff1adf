import Foundation
import Testing
import ConformTime
import ConformWire
import ConformMeasure
@testable import ConformRunner

/// Sends the stream tag of each echo request back after 10 µs + (sequence mod 4) µs; drops
/// sequence 3 and answers sequence 5 twice.
private func reflector(_ frame: Dissection, _ device: ScriptedDevice) {
    guard case .bytes(let data)? = frame.values("data.data").last, let tag = StreamTag(endOf: data) else { return }
    guard tag.sequence != 3 else { return }
    let reply = [LayerSpec("eth", [("eth.dst", .ether(Frames.tn1MAC)), ("eth.src", .ether(Frames.nutMAC)), ("eth.type", .uint(0x88b5))]),
                 LayerSpec("data", [("data.data", .bytes(tag.bytes))])]
    let delay = TimeAmount.microseconds(10 + Int64(tag.sequence % 4))
    device.send(after: delay, reply)
    if tag.sequence == 5 { device.send(after: delay + .microseconds(50), reply) }
}

private func streamCase(_ assertions: String) -> String {
    """
      - id: STREAM
        title: a reflected stream
        clause: RFC 2544 §26.2
        steps:
          - stream: {name: probe, port: tn1, template: echo_request, rate: 1000pps, count: 20}
          - measure: {stream: probe, port: tn1, within: 1ms, assert: [\(assertions)]}

    """
}

@Suite struct StreamMeasureTests {
    @Test func aReflectedStreamIsMeasuredFrameByFrame() throws {
        let (records, testbed) = try Harness.run(streamCase(#""loss == 1", "duplicates == 1", "latency.max < 20us""#), script: reflector)
        let record = try #require(records["STREAM"])
        #expect(record.outcome == .verdict(.pass), "\(String(describing: record.reason))")
        let measurement = try #require(record.measurements.first)
        // 1 µs of link each way around the device's 10–13 µs.
        #expect(measurement.values["latency.min"] == 12_000 && measurement.values["latency.max"] == 15_000)
        #expect(measurement.values["transmitted"] == 20 && measurement.values["received"] == 19)
        #expect(measurement.transmitSource == "virtual" && measurement.uncertaintyNs == 0)
        #expect(measurement.assertions.map(\.verdict) == [.pass, .pass, .pass])
        // Frames go out every millisecond from the step on.
        let sent = testbed.link.tester.frames(after: 0).filter { $0.direction == .outbound }.map(\.timestamp.ns)
        #expect(zip(sent.dropFirst(), sent).allSatisfy { $0 - $1 == 1_000_000 })
    }

    @Test func aBrokenLimitFailsNamingTheQuantity() throws {
        let (records, _) = try Harness.run(streamCase(#""loss == 0""#), script: reflector)
        let record = try #require(records["STREAM"])
        #expect(record.outcome == .verdict(.fail))
        #expect(record.reason?.expected == "loss == 0 for stream probe on tn1")
        #expect(record.reason?.observed.hasPrefix("loss = 1") == true)
    }

    @Test func rawSamplesAreWrittenPerCase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samples-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (records, _) = try Harness.run(streamCase(#""loss == 1""#), options: RunOptions(measurementsDirectory: folder), script: reflector)
        #expect(records["STREAM"]?.measurements.first?.samples == "measurements/STREAM.csv")
        let lines = try String(contentsOfFile: folder + "/STREAM.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "stream,sequence,transmit_ns,receive_ns,delay_ns,duplicate,reordered")
        #expect(lines.count == 1 + 20)
        #expect(lines.filter { $0.hasSuffix(",1,0") }.count == 1)
    }
}
