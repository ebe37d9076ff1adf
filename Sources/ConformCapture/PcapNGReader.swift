/// pcapng block parsing for ``CaptureFileReader`` (draft-ietf-opsawg-pcapng §3-§4).
extension CaptureFileReader {
    /// Reads the block at `offset` and moves past it; returns a record for a packet block and
    /// nil for any other block.
    mutating func readPcapNGBlock() throws(CaptureFileError) -> Record? {
        let start = offset
        blockNumber += 1
        guard bytes.count - start >= 12 else {
            throw error(.truncated, at: start, "the file ends inside a block header (\(bytes.count - start) bytes left)")
        }
        // The Section Header Block's type reads the same in both byte orders. The reader
        // only starts on one, so every later block has a section.
        if Array(bytes[start..<start + 4]) == [0x0A, 0x0D, 0x0D, 0x0A] {
            try startSection(at: start)
        }

        var header = cursor(from: start, to: start + 8, in: "block header")
        let type = try header.u32("block type")
        let total = Int(try header.u32("block total length"))
        guard total >= 12, total % 4 == 0 else {
            throw error(.malformed, at: start + 4, "block total length \(total) is not a multiple of 4 of at least 12")
        }
        guard total <= bytes.count - start else {
            throw error(.truncated, at: start + 4, "block of \(total) bytes, but the file has \(bytes.count - start) left")
        }
        var trailer = cursor(from: start + total - 4, to: start + total, in: "block trailer")
        let trailing = Int(try trailer.u32("trailing block total length"))
        guard trailing == total else {
            throw error(.malformed, at: start + total - 4, "trailing block length \(trailing) differs from \(total)")
        }
        offset = start + total

        var body = cursor(from: start + 8, to: start + total - 4, in: Self.blockName(type))
        switch type {
        case PcapNGFormat.sectionHeader:
            try readSectionHeader(&body)
        case PcapNGFormat.interfaceDescription:
            try readInterfaceDescription(&body)
        case PcapNGFormat.enhancedPacket:
            return try readEnhancedPacket(&body)
        case PcapNGFormat.simplePacket:
            return try readSimplePacket(&body)
        case PcapNGFormat.legacyPacket:
            return try readLegacyPacket(&body)
        case PcapNGFormat.interfaceStatistics:
            try readInterfaceStatistics(&body)
        default:
            // Name resolution, decryption secrets, custom and unknown blocks carry no packets.
            break
        }
        return nil
    }

    /// Picks the section's byte order from its byte-order magic, before any length is read.
    private mutating func startSection(at start: Int) throws(CaptureFileError) {
        let magic = Array(bytes[start + 8..<start + 12])
        switch magic {
        case [0x4D, 0x3C, 0x2B, 0x1A]: bigEndian = false
        case [0x1A, 0x2B, 0x3C, 0x4D]: bigEndian = true
        default:
            throw error(.malformed, at: start + 8, "byte-order magic \(Self.hex(magic)) is neither 1A2B3C4D nor 4D3C2B1A")
        }
    }

    private mutating func readSectionHeader(_ body: inout PcapByteCursor) throws(CaptureFileError) {
        _ = try body.u32("byte-order magic")
        let major = try body.u16("major version")
        let minor = try body.u16("minor version")
        guard major == PcapNGFormat.majorVersion else {
            throw error(.unsupported, at: body.position - 4, "pcapng version \(major).\(minor) is not 1.x")
        }
        try body.skip(8, "section length")
        _ = try readOptions(&body)
        sectionInterfaceBase = interfaceTable.count
    }

    private mutating func readInterfaceDescription(_ body: inout PcapByteCursor) throws(CaptureFileError) {
        let linkType = Int(try body.u16("link type"))
        try body.skip(2, "reserved")
        let snapLength = Int(try body.u32("snap length"))
        var name: String?
        var resolution = PcapTimestampResolution.microseconds
        var offsetSeconds: Int64 = 0
        for option in try readOptions(&body) {
            switch option.code {
            case PcapNGFormat.Option.ifName:
                name = try text(option)
            case PcapNGFormat.Option.ifTimestampResolution:
                resolution = PcapTimestampResolution(option: try fixed(option, 1, "if_tsresol")[0])
            case PcapNGFormat.Option.ifTimestampOffset:
                _ = try fixed(option, 8, "if_tsoffset")
                var value = cursor(from: option.offset, to: option.offset + 8, in: "if_tsoffset")
                offsetSeconds = Int64(bitPattern: try value.u64("if_tsoffset"))
            default:
                break
            }
        }
        interfaceTable.append(Interface(name: name, linkType: linkType, snapLength: snapLength,
                                        resolution: resolution, offsetSeconds: offsetSeconds))
    }

    private mutating func readEnhancedPacket(_ body: inout PcapByteCursor) throws(CaptureFileError) -> Record {
        let interface = try interfaceIndex(Int(try body.u32("interface id")), at: body.position - 4)
        return try readTimestampedPacket(&body, interface: interface)
    }

    /// What follows the interface id in an Enhanced and an obsolete Packet Block alike:
    /// timestamp, captured and original lengths, the padded data, and options.
    private mutating func readTimestampedPacket(_ body: inout PcapByteCursor, interface: Int) throws(CaptureFileError) -> Record {
        let timestampAt = body.position
        let units = try body.timestamp("timestamp")
        let captured = Int(try body.u32("captured length"))
        let original = Int(try body.u32("original length"))
        let data = try body.bytes(captured, "packet data", padded: true)
        let options = try readOptions(&body)
        return Record(number: nextRecordNumber(), interface: interface,
                      timestampNs: try nanoseconds(units, interface: interface, at: timestampAt),
                      bytes: data, originalLength: original,
                      comment: try comments(options), direction: try direction(options))
    }

    /// A Simple Packet Block belongs to the section's interface 0 and holds
    /// min(original length, snap length) bytes (§4.4).
    private mutating func readSimplePacket(_ body: inout PcapByteCursor) throws(CaptureFileError) -> Record {
        let interface = try interfaceIndex(0, at: body.position)
        let original = Int(try body.u32("original length"))
        let snapLength = interfaceTable[interface].snapLength
        let captured = snapLength == 0 ? original : min(original, snapLength)
        guard captured <= body.remaining else {
            throw error(.malformed, at: body.position,
                        "Simple Packet Block needs \(captured) bytes of packet data, \(body.remaining) left")
        }
        let data = try body.bytes(captured, "packet data")
        return Record(number: nextRecordNumber(), interface: interface, timestampNs: 0, bytes: data,
                      originalLength: original, comment: nil, direction: nil)
    }

    /// The obsolete Packet Block (Appendix A): a 16-bit interface id and a drops count.
    private mutating func readLegacyPacket(_ body: inout PcapByteCursor) throws(CaptureFileError) -> Record {
        let interface = try interfaceIndex(Int(try body.u16("interface id")), at: body.position - 2)
        try body.skip(2, "drops count")
        return try readTimestampedPacket(&body, interface: interface)
    }

    private mutating func readInterfaceStatistics(_ body: inout PcapByteCursor) throws(CaptureFileError) {
        let interface = try interfaceIndex(Int(try body.u32("interface id")), at: body.position - 4)
        let timestampAt = body.position
        let units = try body.timestamp("timestamp")
        var dropped: UInt64?
        var received: UInt64?
        for option in try readOptions(&body) {
            switch option.code {
            case PcapNGFormat.Option.isbInterfaceDropped:
                dropped = try counter(option, "isb_ifdrop")
            case PcapNGFormat.Option.isbInterfaceReceived:
                received = try counter(option, "isb_ifrecv")
            default:
                break
            }
        }
        statistics.append(Statistics(interface: interface,
                                     timestampNs: try nanoseconds(units, interface: interface, at: timestampAt),
                                     dropped: dropped, received: received))
    }

    // MARK: Options

    struct Option {
        let code: UInt16
        /// Offset of the value in the file.
        let offset: Int
        let value: [UInt8]
    }

    /// Reads options up to `opt_endofopt` or the end of the body (§3.5).
    private func readOptions(_ body: inout PcapByteCursor) throws(CaptureFileError) -> [Option] {
        var options: [Option] = []
        while body.remaining > 0 {
            let code = try body.u16("option code")
            let length = Int(try body.u16("option length"))
            if code == PcapNGFormat.Option.endOfOptions { break }
            let valueAt = body.position
            options.append(Option(code: code, offset: valueAt, value: try body.bytes(length, "option \(code) value", padded: true)))
        }
        return options
    }

    private func fixed(_ option: Option, _ length: Int, _ name: String) throws(CaptureFileError) -> [UInt8] {
        guard option.value.count == length else {
            throw error(.malformed, at: option.offset, "\(name) is \(option.value.count) bytes, not \(length)")
        }
        return option.value
    }

    private func counter(_ option: Option, _ name: String) throws(CaptureFileError) -> UInt64 {
        _ = try fixed(option, 8, name)
        var value = cursor(from: option.offset, to: option.offset + 8, in: name)
        return try value.u64(name)
    }

    /// UTF-8 text without the trailing NULs some writers add.
    private func text(_ option: Option) throws(CaptureFileError) -> String {
        var value = option.value[...]
        while value.last == 0 { value = value.dropLast() }
        guard let text = String(validating: value, as: UTF8.self) else {
            throw error(.malformed, at: option.offset, "option \(option.code) is not valid UTF-8")
        }
        return text
    }

    private func comments(_ options: [Option]) throws(CaptureFileError) -> String? {
        var texts: [String] = []
        for option in options where option.code == PcapNGFormat.Option.comment {
            texts.append(try text(option))
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    private func direction(_ options: [Option]) throws(CaptureFileError) -> FrameDirection? {
        guard let option = options.first(where: { $0.code == PcapNGFormat.Option.packetFlags }) else { return nil }
        _ = try fixed(option, 4, "epb_flags")
        var value = cursor(from: option.offset, to: option.offset + 4, in: "epb_flags")
        return PcapNGFormat.direction(fromFlags: try value.u32("epb_flags"))
    }

    // MARK: Interfaces and time

    /// Maps a section-local interface id to an index in `interfaceTable`.
    private func interfaceIndex(_ local: Int, at position: Int) throws(CaptureFileError) -> Int {
        let sectionCount = interfaceTable.count - sectionInterfaceBase
        guard local < sectionCount else {
            throw error(.malformed, at: position, "interface id \(local), but the section describes \(sectionCount) interfaces")
        }
        return sectionInterfaceBase + local
    }

    private func nanoseconds(_ units: UInt64, interface: Int, at position: Int) throws(CaptureFileError) -> Int64 {
        let description = interfaceTable[interface]
        guard let ns = description.resolution.nanoseconds(units) else {
            throw error(.malformed, at: position, "timestamp \(units) in \(description.resolution) units overflows 64-bit nanoseconds")
        }
        let (offsetNs, overflow1) = description.offsetSeconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = ns.addingReportingOverflow(offsetNs)
        guard !overflow1, !overflow2 else {
            throw error(.malformed, at: position, "timestamp with if_tsoffset \(description.offsetSeconds) s overflows 64-bit nanoseconds")
        }
        return total
    }

    private static func blockName(_ type: UInt32) -> String {
        switch type {
        case PcapNGFormat.sectionHeader: "Section Header Block"
        case PcapNGFormat.interfaceDescription: "Interface Description Block"
        case PcapNGFormat.enhancedPacket: "Enhanced Packet Block"
        case PcapNGFormat.simplePacket: "Simple Packet Block"
        case PcapNGFormat.legacyPacket: "Packet Block"
        case PcapNGFormat.interfaceStatistics: "Interface Statistics Block"
        default: "block type 0x\(String(type, radix: 16))"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }
}
