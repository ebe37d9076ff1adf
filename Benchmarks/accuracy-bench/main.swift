// conform-accuracy: the Swift half of Benchmarks/accuracy.sh.
//
//   conform-accuracy --sender-namespace NS --sender-interface IF
//                    --receiver-namespace NS --receiver-interface IF
//                    --count N --rate PPS [--size BYTES] --events FILE.csv --user-events FILE.csv
//
// Sends N frames carrying the stream tag (ConformMeasure.StreamTag) through a LivePort in
// one namespace, with their kernel transmit timestamps (SO_TIMESTAMPING), and receives them
// on a LivePort in the other with kernel receive timestamps. Writes the event log that
// `conform stats` reads (tx,SEQ,NS / rx,SEQ,NS,LENGTH, in time order) and prints conform's
// statistics and the count of user-space transmit stamps as key=value lines.
//
// For contrast it also times each frame the way a user-space tool would: a clock reading just
// before the send call, and one when this process first sees the frame in the receiving port
// (polled between sends). Those go to the user events file as SEQ,USER_TX_NS,USER_RX_NS.
import ConformCapture
import ConformMeasure
import ConformTime
import Foundation

struct AccuracyFailure: Error, CustomStringConvertible {
    let description: String
}

func option(_ name: String) throws -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else {
        throw AccuracyFailure(description: "missing --\(name)")
    }
    return arguments[index + 1]
}

func count(_ name: String, default fallback: Int? = nil) throws -> Int {
    guard let text = try? option(name) else {
        if let fallback { return fallback }
        throw AccuracyFailure(description: "missing --\(name)")
    }
    guard let value = Int(text), value > 0 else { throw AccuracyFailure(description: "--\(name) \(text) is not a positive count") }
    return value
}

/// A broadcast frame of EtherType 0x88B5, `size` bytes, ending in the stream tag.
func taggedFrame(_ tag: StreamTag, size: Int) -> [UInt8] {
    let header: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0, 0, 0, 0, 3, 0x88, 0xB5]
    let padding = max(0, size - header.count - StreamTag.length)
    return header + [UInt8](repeating: 0, count: padding) + tag.bytes
}

func run() throws {
    let frames = try count("count")
    let rate = try count("rate")
    let size = try count("size", default: 128)
    let receiver = try LivePort(name: "rx", interface: try option("receiver-interface"), namespace: try option("receiver-namespace"),
                                configuration: LivePortConfiguration(filter: "ether proto 0x88b5"))
    // The sender's capture sees nothing (a filter no frame matches); only its transmit stamps count.
    let sender = try LivePort(name: "tx", interface: try option("sender-interface"), namespace: try option("sender-namespace"),
                              configuration: LivePortConfiguration(filter: "ether proto 0x88b6"))
    defer {
        sender.close()
        receiver.close()
    }
    let streamID = StreamTag.streamID(named: "accuracy")
    let interval = 1_000_000_000 / Int64(rate)
    let start = RealClock.realtimeNanoseconds() + 10_000_000
    var transmissions: [(UInt64, Int64)] = []
    var userSent: [Int64] = []
    var userSeen: [UInt64: Int64] = [:]
    var lastSeen = 0
    func pollReceiver() {
        let fresh = receiver.frames(after: lastSeen)
        guard let last = fresh.last else { return }
        let now = RealClock.realtimeNanoseconds()
        lastSeen = last.number
        for frame in fresh {
            if let tag = StreamTag(endOf: frame.bytes), tag.streamID == streamID, userSeen[tag.sequence] == nil {
                userSeen[tag.sequence] = now
            }
        }
    }
    for sequence in 0..<frames {
        let due = start + Int64(sequence) * interval
        while RealClock.realtimeNanoseconds() < due { pollReceiver() }
        userSent.append(RealClock.realtimeNanoseconds())
        let sent = try sender.send(taggedFrame(StreamTag(streamID: streamID, sequence: UInt64(sequence), transmitNs: due), size: size))
        transmissions.append((UInt64(sequence), sent.timestamp.ns))
    }
    let patience = RealClock.realtimeNanoseconds() + 2_000_000_000
    while userSeen.count < frames, RealClock.realtimeNanoseconds() < patience { pollReceiver() }
    let userLog = userSent.enumerated().compactMap { index, sentAt in
        userSeen[UInt64(index)].map { "\(index),\(sentAt),\($0)" }
    }.joined(separator: "\n") + "\n"
    try userLog.write(toFile: try option("user-events"), atomically: true, encoding: .utf8)
    var events: [(ns: Int64, order: Int, line: String, event: StreamEvent)] = transmissions.map {
        ($0.1, 0, "tx,\($0.0),\($0.1)", .transmit(sequence: $0.0, ns: $0.1))
    }
    for frame in receiver.frames(after: 0) where frame.direction == .inbound {
        guard let tag = StreamTag(endOf: frame.bytes), tag.streamID == streamID else { continue }
        events.append((frame.timestamp.ns, 1, "rx,\(tag.sequence),\(frame.timestamp.ns),\(frame.originalLength)",
                       .receive(sequence: tag.sequence, ns: frame.timestamp.ns, frameLength: frame.originalLength)))
    }
    events.sort { ($0.ns, $0.order) < ($1.ns, $1.order) }
    var analyzer = StreamAnalyzer()
    for event in events { analyzer.record(event.event) }
    let log = events.map(\.line).joined(separator: "\n") + "\n"
    try log.write(toFile: try option("events"), atomically: true, encoding: .utf8)
    let statistics = analyzer.statistics(transmitSource: .kernelSoftware, receiveSource: .kernelSoftware)
    let values = statistics.quantities
    for name in ["transmitted", "received", "loss", "latency.min", "latency.p50", "latency.p99", "latency.max", "jitter.rfc3550"] {
        print("\(name)=\(values[name]?.integer ?? -1)")
    }
    print("user_stamped=\(sender.userTimestampedSends) uncertainty_ns=\(statistics.uncertainty)")
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("conform-accuracy: \(error)\n".utf8))
    exit(1)
}
