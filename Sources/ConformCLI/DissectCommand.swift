import ConformCapture
import ConformWire

/// `conform dissect FILE [-e FIELD]... [--json]`: decodes a pcap or pcapng file, printing
/// the fields as `tshark -T fields` does, or the full decode as JSON.
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

    /// Output is written in chunks of about this many bytes.
    static let chunkSize = 1 << 16
    /// Link type 1: Ethernet (the tcpdump.org LINKTYPE_ list).
    static let linkTypeEthernet = 1

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            console.error("conform dissect: expected one capture file\nusage: \(command.synopsis)")
            return ExitStatus.usage
        }
        let json = arguments.flag("--json")
        let names = arguments.all("-e")
        if json == !names.isEmpty {
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
        var reader: CaptureFileReader
        do {
            reader = try CaptureFileReader(path: path)
        } catch {
            console.error("conform dissect: \(error)")
            return ExitStatus.usage
        }
        var formatter = TsharkFieldsFormatter(fields: descriptors)
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 4096)
        if json { out.append(UInt8(ascii: "[")) }
        var first = true
        do {
            while let record = try reader.next() {
                let ethernet = reader.interfaces.indices.contains(record.interface)
                    && reader.interfaces[record.interface].linkType == linkTypeEthernet
                let frame = FrameInfo(number: record.number, timestampNs: record.timestampNs, originalLength: record.originalLength)
                let dissection = Dissector.dissect(record.bytes, frame: frame, linkTypeEthernet: ethernet)
                if json {
                    out.append(contentsOf: first ? "\n".utf8 : ",\n".utf8)
                    dissection.appendJSON(to: &out)
                } else {
                    formatter.appendLine(for: dissection, to: &out)
                }
                first = false
                if out.count >= chunkSize {
                    console.writeOut(String(decoding: out, as: UTF8.self))
                    out.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            console.writeOut(String(decoding: out, as: UTF8.self))
            console.error("conform dissect: \(error)")
            return ExitStatus.usage
        }
        if json { out.append(contentsOf: "\n]\n".utf8) }
        console.writeOut(String(decoding: out, as: UTF8.self))
        return ExitStatus.success
    }
}
