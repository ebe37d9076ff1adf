import ConformCapture
import ConformTime
import Foundation

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("conform-pcap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Frames of both directions on two ports, with and without a case, of lengths that
/// exercise every amount of block padding.
enum SampleFrames {
    static let base: Int64 = 1_764_000_000_123_456_789

    static func ethernet(_ length: Int, seed: UInt8) -> [UInt8] {
        let header: [UInt8] = [0x33, 0x33, 0xFF, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, seed, 0x86, 0xDD]
        return header + (0..<(length - header.count)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(seed)) }
    }

    static let tn1: [CapturedFrame] = [
        CapturedFrame(number: 1, port: "tn1", direction: .outbound,
                      timestamp: Timestamp(ns: base, source: .kernelSoftware),
                      bytes: ethernet(86, seed: 1), caseID: "ND-NS-001"),
        CapturedFrame(number: 2, port: "tn1", direction: .inbound,
                      timestamp: Timestamp(ns: base + 1_001, source: .kernelSoftware),
                      bytes: ethernet(87, seed: 2), caseID: "ND-NS-001"),
        CapturedFrame(number: 3, port: "tn1", direction: .inbound,
                      timestamp: Timestamp(ns: base + 2_000_000_003, source: .kernelSoftware),
                      bytes: ethernet(61, seed: 3), caseID: nil),
    ]

    static let tn2: [CapturedFrame] = [
        CapturedFrame(number: 1, port: "tn2", direction: .outbound,
                      timestamp: Timestamp(ns: base + 500, source: .kernelSoftware),
                      bytes: ethernet(200, seed: 4), originalLength: 1514, caseID: "ND-NS-002"),
        CapturedFrame(number: 2, port: "tn2", direction: .inbound,
                      timestamp: Timestamp(ns: base + 999_999_999, source: .kernelSoftware),
                      bytes: ethernet(63, seed: 5), caseID: "ND-NS-002"),
    ]

    /// Writes tn1 and tn2 frames interleaved by time, with statistics, into one pcapng.
    static func writePcapNG(to path: String) throws {
        let writer = try PcapNGWriter(path: path, application: "Conform 0.1.0")
        let tn1Interface = try writer.addInterface(name: "tn1", description: "timestamps: kernel-software", snapLength: 262_144)
        let tn2Interface = try writer.addInterface(name: "tn2", description: "timestamps: kernel-software", snapLength: 262_144)
        for (frame, interface) in ordered(tn1Interface, tn2Interface) {
            try writer.write(frame, interface: interface)
        }
        try writer.writeStatistics(interface: tn1Interface, dropped: 0, timestampNs: base + 3_000_000_000)
        try writer.writeStatistics(interface: tn2Interface, dropped: 7, timestampNs: base + 3_000_000_001)
        try writer.close()
    }

    /// All frames with their interface ids, in timestamp order (the order in the file).
    static func ordered(_ tn1Interface: Int = 0, _ tn2Interface: Int = 1) -> [(CapturedFrame, Int)] {
        (tn1.map { ($0, tn1Interface) } + tn2.map { ($0, tn2Interface) })
            .sorted { $0.0.timestamp.ns < $1.0.timestamp.ns }
    }
}

/// Runs a tool and returns its exit status, standard output and standard error.
func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Reads every record, failing on any error.
func readAll(_ reader: inout CaptureFileReader) throws -> [CaptureFileReader.Record] {
    var records: [CaptureFileReader.Record] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

/// Hand-built pcapng blocks in either byte order, for the layouts no writer at hand makes.
struct PcapNGBuilder {
    let bigEndian: Bool
    private(set) var bytes: [UInt8] = []

    init(bigEndian: Bool) { self.bigEndian = bigEndian }

    func encode(_ value: some FixedWidthInteger) -> [UInt8] {
        let width = value.bitWidth / 8
        return (0..<width).map { index in
            UInt8(truncatingIfNeeded: value >> ((bigEndian ? width - 1 - index : index) * 8))
        }
    }

    func options(_ list: [(UInt16, [UInt8])]) -> [UInt8] {
        guard !list.isEmpty else { return [] }
        var out: [UInt8] = []
        for (code, value) in list {
            out += encode(code) + encode(UInt16(value.count)) + value
            out += [UInt8](repeating: 0, count: (4 - value.count % 4) % 4)
        }
        return out + encode(UInt16(0)) + encode(UInt16(0))
    }

    mutating func block(_ type: UInt32, _ body: [UInt8]) {
        let padded = body + [UInt8](repeating: 0, count: (4 - body.count % 4) % 4)
        let total = UInt32(padded.count + 12)
        bytes += encode(type) + encode(total) + padded + encode(total)
    }

    mutating func section(_ options: [(UInt16, [UInt8])] = []) {
        block(0x0A0D_0D0A, encode(UInt32(0x1A2B_3C4D)) + encode(UInt16(1)) + encode(UInt16(0))
              + encode(UInt64.max) + self.options(options))
    }

    mutating func interface(linkType: UInt16 = 1, snapLength: UInt32 = 0, _ options: [(UInt16, [UInt8])] = []) {
        block(1, encode(linkType) + encode(UInt16(0)) + encode(snapLength) + self.options(options))
    }

    mutating func enhancedPacket(interface: UInt32, units: UInt64, data: [UInt8], originalLength: UInt32? = nil,
                                 _ options: [(UInt16, [UInt8])] = []) {
        let padded = data + [UInt8](repeating: 0, count: (4 - data.count % 4) % 4)
        block(6, encode(interface) + encode(UInt32(truncatingIfNeeded: units >> 32)) + encode(UInt32(truncatingIfNeeded: units))
              + encode(UInt32(data.count)) + encode(originalLength ?? UInt32(data.count)) + padded + self.options(options))
    }

    mutating func simplePacket(originalLength: UInt32, data: [UInt8]) {
        block(3, encode(originalLength) + data)
    }

    mutating func legacyPacket(interface: UInt16, units: UInt64, data: [UInt8], _ options: [(UInt16, [UInt8])] = []) {
        let padded = data + [UInt8](repeating: 0, count: (4 - data.count % 4) % 4)
        block(2, encode(interface) + encode(UInt16(0)) + encode(UInt32(truncatingIfNeeded: units >> 32))
              + encode(UInt32(truncatingIfNeeded: units)) + encode(UInt32(data.count)) + encode(UInt32(data.count))
              + padded + self.options(options))
    }
}
