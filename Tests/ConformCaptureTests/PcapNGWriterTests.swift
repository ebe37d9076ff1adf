import ConformCapture
import ConformTime
import Foundation
import Testing

@Suite struct PcapNGWriterTests {
    @Test func roundTripKeepsEveryField() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("ports.pcapng")
        try SampleFrames.writePcapNG(to: path)

        var reader = try CaptureFileReader(path: path)
        #expect(reader.format == .pcapng)
        let records = try readAll(&reader)
        #expect(reader.interfaces.map(\.name) == ["tn1", "tn2"])
        #expect(reader.interfaces.map(\.linkType) == [1, 1])

        let expected = SampleFrames.ordered()
        #expect(records.count == expected.count)
        for (index, (record, (frame, interface))) in zip(records, expected).enumerated() {
            #expect(record.number == index + 1)
            #expect(record.interface == interface)
            #expect(record.timestampNs == frame.timestamp.ns)
            #expect(record.bytes == frame.bytes)
            #expect(record.originalLength == frame.originalLength)
            #expect(record.direction == frame.direction)
            #expect(record.comment == frame.caseID.map { "case \($0)" })
        }
        #expect(reader.statistics == [
            .init(interface: 0, timestampNs: SampleFrames.base + 3_000_000_000, dropped: 0, received: nil),
            .init(interface: 1, timestampNs: SampleFrames.base + 3_000_000_001, dropped: 7, received: nil),
        ])
    }

    @Test func sectionHeaderNamesTheApplication() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("empty.pcapng")
        let writer = try PcapNGWriter(path: path, application: "Conform 0.1.0")
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // SHB: type, length 52, byte-order magic, version 1.0, section length -1, shb_userappl
        // (13 bytes padded to 16), opt_endofopt, trailing length.
        #expect(bytes.count == 52)
        #expect(Array(bytes[0..<12]) == [0x0A, 0x0D, 0x0D, 0x0A, 52, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A])
        #expect(Array(bytes[24..<28]) == [4, 0, 13, 0])
        #expect(String(decoding: bytes[28..<41], as: UTF8.self) == "Conform 0.1.0")
        var reader = try CaptureFileReader(bytes: bytes)
        #expect(try reader.next() == nil)
    }

    @Test func snapLengthCutsBytesButKeepsOriginalLength() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("snap.pcapng")
        let writer = try PcapNGWriter(path: path, application: "Conform")
        let port = try writer.addInterface(name: "p1", description: "virtual", snapLength: 20)
        let frame = CapturedFrame(number: 1, port: "p1", direction: .inbound, timestamp: Timestamp(ns: 5, source: .virtual),
                                  bytes: SampleFrames.ethernet(100, seed: 9), caseID: nil)
        try writer.write(contentsOf: [frame], interface: port)
        try writer.close()

        var reader = try CaptureFileReader(path: path)
        let record = try #require(try reader.next())
        #expect(record.bytes == Array(frame.bytes.prefix(20)))
        #expect(record.originalLength == 100)
        #expect(record.timestampNs == 5)
        #expect(record.comment == nil)
    }

    @Test func rejectsWhatTheFormatCannotHold() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let writer = try PcapNGWriter(path: folder.path("bad.pcapng"), application: "Conform")
        let frame = CapturedFrame(number: 1, port: "p1", direction: .inbound, timestamp: Timestamp(ns: -1, source: .virtual),
                                  bytes: [1, 2, 3], caseID: nil)
        #expect(throws: CaptureFileError.self) { try writer.write(frame, interface: 0) }
        let port = try writer.addInterface(name: "p1", description: "virtual", snapLength: 0)
        let error = try #require(throws: CaptureFileError.self) { try writer.write(frame, interface: port) }
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("negative timestamp"))
        let longCase = CapturedFrame(number: 2, port: "p1", direction: .inbound, timestamp: Timestamp(ns: 1, source: .virtual),
                                     bytes: [1], caseID: String(repeating: "x", count: 70_000))
        #expect(throws: CaptureFileError.self) { try writer.write(longCase, interface: port) }
        #expect(throws: CaptureFileError.self) { try writer.writeStatistics(interface: 3, dropped: 0, timestampNs: 0) }
        try writer.close()
        try writer.close()
        let closed = try #require(throws: CaptureFileError.self) {
            try writer.write(CapturedFrame(number: 3, port: "p1", direction: .inbound,
                                           timestamp: Timestamp(ns: 1, source: .virtual), bytes: [1], caseID: nil),
                             interface: port)
        }
        #expect(closed.code == .closed)
    }

    @Test func unwritablePathIsAnIOError() {
        let error = #expect(throws: CaptureFileError.self) {
            _ = try PcapNGWriter(path: "/nonexistent-conform-folder/x.pcapng", application: "Conform")
        }
        #expect(error?.code == .io)
        #expect(error?.path == "/nonexistent-conform-folder/x.pcapng")
    }

    @Test func largeCapturesStreamInBatches() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path("large.pcapng")
        let writer = try PcapNGWriter(path: path, application: "Conform")
        let port = try writer.addInterface(name: "tn1", description: "virtual", snapLength: 0)
        let payload = SampleFrames.ethernet(1514, seed: 1)
        for number in 1...200 {
            try writer.write(CapturedFrame(number: number, port: "tn1", direction: .outbound,
                                           timestamp: Timestamp(ns: Int64(number), source: .virtual),
                                           bytes: payload, caseID: "T-\(number)"), interface: port)
        }
        // More than one 64 KiB batch has already reached the file before close.
        let flushedSize = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(flushedSize >= 64 * 1024)
        try writer.close()

        var reader = try CaptureFileReader(path: path)
        let records = try readAll(&reader)
        #expect(records.count == 200)
        #expect(records.last?.comment == "case T-200")
        #expect(records.allSatisfy { $0.bytes == payload })
    }
}
