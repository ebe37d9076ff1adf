import ConformCapture
import Foundation
import Testing

/// The seed captures in Fixtures/captures, written by Wireshark's editcap from
/// `SampleFrames` (see the README there).
@Suite struct CaptureFixtureTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/captures/\(name)").path
    }

    @Test func readsTheSmallPcapNG() throws {
        var reader = try CaptureFileReader(path: Self.fixture("small.pcapng"))
        let records = try readAll(&reader)
        #expect(reader.format == .pcapng)
        #expect(reader.interfaces.map(\.name) == ["tn1", "tn2"])
        let expected = SampleFrames.ordered()
        #expect(records.count == 5)
        for (record, (frame, interface)) in zip(records, expected) {
            #expect(record.interface == interface)
            #expect(record.timestampNs == frame.timestamp.ns)
            #expect(record.bytes == frame.bytes)
            #expect(record.originalLength == frame.originalLength)
            #expect(record.comment == frame.caseID.map { "case \($0)" })
            #expect(record.direction == frame.direction)
        }
    }

    @Test func readsTheSmallPcap() throws {
        var reader = try CaptureFileReader(path: Self.fixture("small.pcap"))
        let records = try readAll(&reader)
        #expect(reader.format == .pcap)
        #expect(reader.interfaces.count == 1)
        #expect(records.map(\.number) == [1, 2, 3, 4, 5])
        for (record, (frame, _)) in zip(records, SampleFrames.ordered()) {
            #expect(record.timestampNs == frame.timestamp.ns / 1_000 * 1_000)
            #expect(record.bytes == frame.bytes)
            #expect(record.originalLength == frame.originalLength)
            #expect(record.comment == nil)
            #expect(record.direction == nil)
        }
    }
}
