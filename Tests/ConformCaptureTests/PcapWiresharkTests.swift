import ConformCapture
import Foundation
import Testing

/// Differential tests against Wireshark's own reader (tshark) and writer (editcap).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tshark")
                    && FileManager.default.isExecutableFile(atPath: "/usr/bin/editcap")
                    && FileManager.default.isExecutableFile(atPath: "/usr/bin/capinfos"),
                "tshark, editcap and capinfos (Wireshark) are not installed: differential tests skipped"))
struct PcapWiresharkTests {
    static let tshark = "/usr/bin/tshark"
    static let editcap = "/usr/bin/editcap"
    static let capinfos = "/usr/bin/capinfos"

    /// stderr lines other than tshark's notice about running as root.
    static func warnings(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { !$0.hasPrefix("Running as user") }
    }

    static func epoch(_ ns: Int64) -> String {
        let fraction = String(ns % 1_000_000_000)
        return "\(ns / 1_000_000_000).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
    }

    @Test func tsharkReadsOurPcapNG() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("ports.pcapng")
        try SampleFrames.writePcapNG(to: path)

        let result = try runTool(Self.tshark, ["-r", path, "-T", "fields", "-E", "separator=|",
                                               "-e", "frame.number", "-e", "frame.comment", "-e", "frame.time_epoch",
                                               "-e", "frame.interface_name", "-e", "frame.packet_flags_direction",
                                               "-e", "frame.len", "-e", "frame.cap_len"])
        #expect(result.status == 0)
        #expect(Self.warnings(result.stderr).isEmpty, "tshark stderr: \(result.stderr)")
        let expected = SampleFrames.ordered().enumerated().map { index, entry in
            let (frame, _) = entry
            let direction = frame.direction == .inbound ? "0x00000001" : "0x00000002"
            return ["\(index + 1)", frame.caseID.map { "case \($0)" } ?? "", Self.epoch(frame.timestamp.ns), frame.port,
                    direction, "\(frame.originalLength)", "\(frame.bytes.count)"].joined(separator: "|")
        }
        #expect(result.stdout.split(separator: "\n").map(String.init) == expected)
    }

    /// capinfos shows the section and interface blocks as Wireshark parsed them.
    @Test func capinfosSeesSectionInterfacesAndStatistics() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("ports.pcapng")
        try SampleFrames.writePcapNG(to: path)
        let result = try runTool(Self.capinfos, [path])
        #expect(result.status == 0)
        #expect(Self.warnings(result.stderr).isEmpty, "capinfos stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("Capture application: Conform 0.1.0"))
        #expect(lines.contains("Number of packets:   5"))
        #expect(lines.contains("Number of interfaces in file: 2"))
        for name in ["tn1", "tn2"] { #expect(lines.contains("Name = \(name)")) }
        #expect(lines.filter { $0 == "Description = timestamps: kernel-software" }.count == 2)
        #expect(lines.filter { $0 == "Time resolution = 0x09" }.count == 2)
        #expect(lines.filter { $0 == "Number of stat entries = 1" }.count == 2)
    }

    /// Our pcapng → editcap (Wireshark's pcapng, pcap and nanosecond-pcap writers) → our reader.
    @Test(arguments: ["pcapng", "pcap", "nsecpcap"])
    func readsWhatEditcapWrites(format: String) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let source = folder.path("ports.pcapng")
        try SampleFrames.writePcapNG(to: source)
        let converted = folder.path("converted.\(format)")
        let result = try runTool(Self.editcap, ["-F", format, source, converted])
        #expect(result.status == 0, "editcap: \(result.stderr)")

        var reader = try CaptureFileReader(path: converted)
        let records = try readAll(&reader)
        let expected = SampleFrames.ordered()
        #expect(records.count == expected.count)
        for (index, (record, (frame, interface))) in zip(records, expected).enumerated() {
            #expect(record.number == index + 1)
            #expect(record.bytes == frame.bytes)
            #expect(record.originalLength == frame.originalLength)
            switch format {
            case "pcapng":
                #expect(reader.format == .pcapng)
                #expect(record.timestampNs == frame.timestamp.ns)
                #expect(record.interface == interface)
                #expect(record.comment == frame.caseID.map { "case \($0)" })
                #expect(record.direction == frame.direction)
            case "nsecpcap":
                #expect(reader.format == .pcap)
                #expect(record.timestampNs == frame.timestamp.ns)
            default:
                #expect(reader.format == .pcap)
                #expect(record.timestampNs == frame.timestamp.ns / 1_000 * 1_000)
            }
        }
        if format == "pcapng" {
            #expect(reader.interfaces.map(\.name) == ["tn1", "tn2"])
        } else {
            #expect(reader.interfaces.count == 1)
            #expect(reader.interfaces.first?.linkType == 1)
        }
    }

    /// Our nanosecond pcap → tshark: timestamps keep every nanosecond.
    @Test func tsharkReadsOurPcap() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("tn1.pcap")
        let writer = try PcapWriter(path: path)
        for frame in SampleFrames.tn1 { try writer.write(frame) }
        try writer.close()

        let result = try runTool(Self.tshark, ["-r", path, "-T", "fields", "-E", "separator=|",
                                               "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len"])
        #expect(result.status == 0)
        #expect(Self.warnings(result.stderr).isEmpty, "tshark stderr: \(result.stderr)")
        let expected = SampleFrames.tn1.map { "\($0.number)|\(Self.epoch($0.timestamp.ns))|\($0.bytes.count)" }
        #expect(result.stdout.split(separator: "\n").map(String.init) == expected)
    }
}
