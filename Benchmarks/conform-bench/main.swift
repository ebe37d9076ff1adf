// conform-bench: the Swift half of Benchmarks/capture.sh.
//
//   conform-bench send    --interface IF [--namespace NS] --count N --rate PPS [--size BYTES]
//   conform-bench capture --interface IF [--namespace NS] --expect N --out FILE.pcapng
//                         [--idle-ms MS] [--timeout-s S] [--buffer-mib MIB] [--immediate 1|0] [--snap-length BYTES]
//
// `send` injects N frames of a local experimental EtherType (0x88B5) through a LivePort,
// paced to PPS. `capture` receives them on a LivePort, streams them to a pcapng file and
// trims the port's log as it goes, so memory stays bounded; it prints "ready" once the port
// is open, then one line of key=value results.
import ConformCapture
import ConformTime
import Foundation

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}

struct Options {
    private var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let key = rest.popFirst() {
            guard key.hasPrefix("--"), let value = rest.popFirst() else {
                throw BenchFailure(description: "expected --option value, got '\(key)'")
            }
            values[String(key.dropFirst(2))] = value
        }
    }

    func text(_ key: String) throws -> String {
        guard let value = values[key] else { throw BenchFailure(description: "missing --\(key)") }
        return value
    }

    func optionalText(_ key: String) -> String? { values[key] }

    func number(_ key: String, default fallback: Int? = nil) throws -> Int {
        guard let raw = values[key] else {
            if let fallback { return fallback }
            throw BenchFailure(description: "missing --\(key)")
        }
        guard let value = Int(raw), value >= 0 else { throw BenchFailure(description: "--\(key) \(raw) is not a count") }
        return value
    }
}

/// The frame with sequence number `sequence`: broadcast, EtherType 0x88B5, `size` bytes.
func benchFrame(_ sequence: UInt32, size: Int) -> [UInt8] {
    var bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0, 0, 0, 0, 2, 0x88, 0xB5]
    bytes += withUnsafeBytes(of: sequence.bigEndian, Array.init)
    bytes += [UInt8](repeating: 0x5A, count: max(0, size - bytes.count))
    return bytes
}

/// Writes one line to standard output at once (unbuffered, so the script sees "ready" in time).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Peak resident memory of this process (VmHWM), in KiB.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? -1
}

func send(_ options: Options) throws {
    let count = try options.number("count")
    let rate = try options.number("rate")
    let size = try options.number("size", default: 64)
    guard rate > 0 else { throw BenchFailure(description: "--rate must be positive") }
    let port = try LivePort(name: "gen", interface: try options.text("interface"),
                            namespace: options.optionalText("namespace"),
                            configuration: LivePortConfiguration(filter: "ether proto 0x88b6"))
    defer { port.close() }
    let frames = (0..<64).map { benchFrame(UInt32($0), size: size) }
    let interval = 1_000_000_000.0 / Double(rate)
    let start = RealClock.realtimeNanoseconds()
    for sequence in 0..<count {
        let due = start + Int64(Double(sequence) * interval)
        while RealClock.realtimeNanoseconds() < due {}
        var frame = frames[sequence % frames.count]
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: sequence).bigEndian) { frame.replaceSubrange(14..<18, with: $0) }
        _ = try port.send(frame)
        if sequence % 4096 == 4095 { port.discardFrames(through: Int.max) }
    }
    let seconds = Double(RealClock.realtimeNanoseconds() - start) / 1e9
    say("sent=\(count) seconds=\(String(format: "%.3f", seconds)) rate=\(Int(Double(count) / seconds)) user_stamped=\(port.userTimestampedSends)")
}

func capture(_ options: Options) throws {
    let expected = try options.number("expect")
    let idle = Int64(try options.number("idle-ms", default: 500)) * 1_000_000
    let timeout = Int64(try options.number("timeout-s", default: 120)) * 1_000_000_000
    let bufferMiB = try options.number("buffer-mib", default: 32)
    let immediate = try options.number("immediate", default: 1) != 0
    let snapLength = try options.number("snap-length", default: LivePortConfiguration().snapLength)
    let clock = RealClock()
    let port = try LivePort(name: "cap", interface: try options.text("interface"),
                            namespace: options.optionalText("namespace"),
                            configuration: LivePortConfiguration(snapLength: snapLength, bufferSize: bufferMiB << 20, filter: "ether proto 0x88b5",
                                                                 captureTimeout: .milliseconds(immediate ? 100 : 1),
                                                                 immediateMode: immediate),
                            onFrameArrival: { clock.notify() })
    let writer = try PcapNGWriter(path: try options.text("out"), application: "conform-bench")
    let interface = try writer.addInterface(name: port.interface, description: "conform-bench capture", snapLength: port.configuration.snapLength)
    say("ready")
    let started = clock.now().ns
    var written = 0
    var lastNumber = 0
    var firstArrival: Int64?
    while written < expected {
        let now = clock.now().ns
        let deadline = firstArrival == nil ? started + timeout : min(started + timeout, now + idle)
        let fresh = try clock.wait(until: deadline) { port.retainedFrameCount > 0 }
        guard fresh else { break }
        let frames = port.frames(after: lastNumber)
        guard let last = frames.last else { continue }
        firstArrival = firstArrival ?? last.timestamp.ns
        try writer.write(contentsOf: frames, interface: interface)
        written += frames.count
        lastNumber = last.number
        port.discardFrames(through: lastNumber)
    }
    port.close()
    try writer.writeStatistics(interface: interface, dropped: port.dropCount, timestampNs: RealClock.realtimeNanoseconds())
    try writer.close()
    say("captured=\(written) dropped=\(port.dropCount) peak_rss_kib=\(peakResidentKiB())")
}

let arguments = CommandLine.arguments
do {
    let options = try Options(arguments.dropFirst(2))
    switch arguments.count > 1 ? arguments[1] : "" {
    case "send": try send(options)
    case "capture": try capture(options)
    default: throw BenchFailure(description: "usage: conform-bench send|capture --interface IF [--namespace NS] ...")
    }
} catch {
    FileHandle.standardError.write(Data("conform-bench: \(error)\n".utf8))
    exit(2)
}
