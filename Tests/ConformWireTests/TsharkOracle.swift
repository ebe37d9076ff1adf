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
        // Wireshark leaves UDP, TCP and IPv4 checksums unverified by default, and shows TCP
        // sequence numbers relative to the conversation; Conform verifies checksums and
        // decodes frame by frame.
        process.arguments = ["-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                             "-o", "tcp.relative_sequence_numbers:FALSE", "-r", url.path, "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"]
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

    /// Every occurrence of a field in our dissection, as tshark prints it.
    static func text(of abbrev: String, in dissection: Dissection) -> String {
        guard let descriptor = FieldRegistry.descriptor(for: abbrev) else { return "?" }
        return dissection.values(abbrev).map { $0.tsharkText(for: descriptor) }.joined(separator: ",")
    }
}
