import ConformCapture
import ConformWire
import Dispatch
import Foundation
import Synchronization

/// `conform dissect FILE [-e FIELD]... [--json]`: decodes a pcap or pcapng file, printing
/// the fields as `tshark -T fields` does, or the full decode as JSON.
///
/// Frames are read in batches; each batch is split into chunks decoded on every core, and
/// the chunks' text is written in frame order, so the output is the same as a sequential
/// decode's.
enum DissectCommand {
    static let command = Conform.Command(
        name: "dissect",
        synopsis: "conform dissect FILE [-e FIELD]... [--json]",
        abstract: "Decode a pcap or pcapng file: the fields asked for, one line per frame, as tshark -T fields prints them.",
        options: [
            .value("-e", "FIELD", repeatable: true, "a Wireshark field name (frame.number, ipv6.src, ...), one column each"),
            .flag("--json", "print the full decode of every frame: fields with offset and length, expert items"),
        ],
        run: run)

    /// Frames decoded by one worker at a time.
    static let chunkFrames = 2048
    /// Link type 1: Ethernet (the tcpdump.org LINKTYPE_ list).
    static let linkTypeEthernet = 1

    /// What is printed for each frame.
    enum Output {
        case fields([FieldDescriptor])
        case json
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            console.error("conform dissect: expected one capture file\nusage: \(command.synopsis)")
            return ExitStatus.usage
        }
        let names = arguments.all("-e")
        if arguments.flag("--json") == !names.isEmpty {
            console.error("conform dissect: give either -e FIELD... or --json\nusage: \(command.synopsis)")
            return ExitStatus.usage
        }
        var descriptors: [FieldDescriptor] = []
        for name in names {
            guard let descriptor = FieldRegistry.descriptor(for: name) else {
                let hint = FieldRegistry.suggestion(for: name).map { " (did you mean '\($0)'?)" } ?? ""
                console.error("conform dissect: unknown field '\(name)'\(hint)")
                return ExitStatus.usage
            }
            descriptors.append(descriptor)
        }
        let output: Output = names.isEmpty ? .json : .fields(descriptors)
        var reader: CaptureFileReader
        do {
            reader = try CaptureFileReader(path: path)
        } catch {
            console.error("conform dissect: \(error)")
            return ExitStatus.usage
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var batch: [CaptureFileReader.Record] = []
        batch.reserveCapacity(workers * chunkFrames)
        var written = 0
        if case .json = output { console.writeOut("[") }
        do {
            while let record = try reader.next() {
                batch.append(record)
                if batch.count == workers * chunkFrames {
                    written = write(batch, from: reader, as: output, after: written, workers: workers, to: console)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            _ = write(batch, from: reader, as: output, after: written, workers: workers, to: console)
            console.error("conform dissect: \(error)")
            return ExitStatus.usage
        }
        written = write(batch, from: reader, as: output, after: written, workers: workers, to: console)
        if case .json = output { console.writeOut("\n]\n") }
        return ExitStatus.success
    }

    /// Decodes `batch` in chunks on `workers` threads and writes their text in order.
    /// - Returns: frames written so far, `previous` included.
    private static func write(_ batch: [CaptureFileReader.Record], from reader: CaptureFileReader, as output: Output,
                              after previous: Int, workers: Int, to console: Console) -> Int {
        let ethernet = reader.interfaces.map { $0.linkType == linkTypeEthernet }
        let chunks = (batch.count + chunkFrames - 1) / chunkFrames
        let texts = Mutex([[UInt8]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let frames = batch[(chunk * chunkFrames)..<min(batch.count, (chunk + 1) * chunkFrames)]
            let text = render(frames, ethernet: ethernet, as: output, first: previous + chunk * chunkFrames == 0)
            texts.withLock { $0[chunk] = text }
        }
        texts.withLock { texts in
            for text in texts { console.writeOut(String(decoding: text, as: UTF8.self)) }
        }
        return previous + batch.count
    }

    /// The text for consecutive frames; `first` says whether they start the output.
    private static func render(_ frames: ArraySlice<CaptureFileReader.Record>, ethernet: [Bool], as output: Output,
                               first: Bool) -> [UInt8] {
        var dissection = Dissection()
        func dissect(_ record: CaptureFileReader.Record) -> Dissection {
            let isEthernet = ethernet.indices.contains(record.interface) && ethernet[record.interface]
            let frame = FrameInfo(number: record.number, timestampNs: record.timestampNs, originalLength: record.originalLength)
            Dissector.dissect(record.bytes, frame: frame, linkTypeEthernet: isEthernet, into: &dissection)
            return dissection
        }
        var text: [UInt8] = []
        text.reserveCapacity(frames.count * 256)
        switch output {
        case .fields(let descriptors):
            var formatter = TsharkFieldsFormatter(fields: descriptors)
            for record in frames { formatter.appendLine(for: dissect(record), to: &text) }
        case .json:
            for index in frames.indices {
                text.append(contentsOf: (first && index == frames.startIndex ? "\n" : ",\n").utf8)
                dissect(frames[index]).appendJSON(to: &text)
            }
        }
        return text
    }
}
