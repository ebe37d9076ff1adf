import Foundation
@testable import ConformWire

/// Runs tshark over frames written to a temporary classic pcap file, to check the
/// dissector field by field against Wireshark. Test-only.
enum TsharkOracle {
    static let executable = "/usr/bin/tshark"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// A classic pcap file (LINKTYPE_ETHERNET, microsecond timestamps, little-endian).
    static func pcap(_ frames: [[UInt8]]) -> [UInt8] {
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
        var file = le32(0xa1b2_c3d4) + le16(2) + le16(4) + le32(0) + le32(0) + le32(65535) + le32(1)
        for (index, frame) in frames.enumerated() {
            file += le32(UInt32(index)) + le32(0) + le32(UInt32(frame.count)) + le32(UInt32(frame.count)) + frame
        }
        return file
    }

    /// tshark's `-T fields` output, one row per frame, one column per field, every
    /// occurrence of a field joined by ",".
    static func fields(_ abbrevs: [String], of frames: [[UInt8]]) throws -> [[String]] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("conform-wire-\(UUID().uuidString).pcap")
        try Data(pcap(frames)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // Wireshark leaves UDP and IPv4 checksums unverified by default; Conform verifies them.
        process.arguments = ["-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-r", url.path, "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"]
            + abbrevs.flatMap { ["-e", $0] }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.isEmpty }
            .map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// How tshark 4.0 prints every occurrence of a field in our dissection: booleans as 1/0,
    /// and bytes compared without separators (tshark prints some with colons).
    static func text(of abbrev: String, in dissection: Dissection) -> String {
        guard let descriptor = FieldRegistry.descriptor(for: abbrev) else { return "?" }
        return dissection.values(abbrev).map { value in
            switch value {
            case .bool(let b): return b ? "1" : "0"
            default: return value.tsharkText(for: descriptor)
            }
        }.joined(separator: ",")
    }

    /// Bytes without separators, and tshark's `<none>` for empty bytes as the empty text.
    static func normalized(_ text: String, for abbrev: String) -> String {
        guard FieldRegistry.descriptor(for: abbrev)?.type == .bytes else { return text }
        return text.replacingOccurrences(of: "<none>", with: "").replacingOccurrences(of: ":", with: "")
    }
}
