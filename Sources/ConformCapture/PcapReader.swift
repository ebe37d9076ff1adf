/// Classic libpcap file parsing for ``CaptureFileReader``: a 24-byte file header, then
/// records of a 16-byte header and the packet bytes.
extension CaptureFileReader {
    mutating func readPcapHeader(magic: UInt32) throws(CaptureFileError) {
        blockNumber = 1
        switch magic {
        case PcapFormat.microsecondMagic: (bigEndian, nanosecondFractions) = (false, false)
        case PcapFormat.microsecondMagic.byteSwapped: (bigEndian, nanosecondFractions) = (true, false)
        case PcapFormat.nanosecondMagic: (bigEndian, nanosecondFractions) = (false, true)
        case PcapFormat.nanosecondMagic.byteSwapped: (bigEndian, nanosecondFractions) = (true, true)
        default:
            throw error(.unsupported, at: 0, "magic \(Self.hex(Array(bytes[0..<4]))) is neither pcap nor pcapng")
        }
        guard bytes.count >= PcapFormat.fileHeaderLength else {
            throw error(.truncated, at: 0, "the pcap file header needs 24 bytes, the file has \(bytes.count)")
        }
        var header = cursor(from: 4, to: PcapFormat.fileHeaderLength, in: "pcap file header")
        let major = try header.u16("major version")
        let minor = try header.u16("minor version")
        guard major == PcapFormat.majorVersion else {
            throw error(.unsupported, at: 4, "pcap version \(major).\(minor) is not 2.x")
        }
        try header.skip(8, "time zone and accuracy")
        let snapLength = Int(try header.u32("snap length"))
        // The upper 16 bits of the link-type field hold FCS information.
        let linkType = Int(try header.u32("link type") & 0xFFFF)
        interfaceTable.append(Interface(name: nil, linkType: linkType, snapLength: snapLength,
                                        resolution: nanosecondFractions ? .nanoseconds : .microseconds,
                                        offsetSeconds: 0))
        offset = PcapFormat.fileHeaderLength
    }

    mutating func readPcapRecord() throws(CaptureFileError) -> Record? {
        let start = offset
        guard start < bytes.count else { return nil }
        blockNumber += 1
        guard bytes.count - start >= PcapFormat.recordHeaderLength else {
            throw error(.truncated, at: start, "the file ends inside a record header (\(bytes.count - start) bytes left)")
        }
        var header = cursor(from: start, to: start + PcapFormat.recordHeaderLength, in: "record header")
        let seconds = Int64(try header.u32("timestamp seconds"))
        let fraction = Int64(try header.u32("timestamp fraction"))
        let captured = Int(try header.u32("captured length"))
        let original = Int(try header.u32("original length"))
        let dataStart = start + PcapFormat.recordHeaderLength
        guard captured <= bytes.count - dataStart else {
            throw error(.truncated, at: start + 8,
                        "record of \(captured) bytes, but the file has \(bytes.count - dataStart) left")
        }
        offset = dataStart + captured
        // Both terms fit: 2^32 s is about 4.3e18 ns, below Int64.max.
        let ns = seconds * 1_000_000_000 + fraction * (nanosecondFractions ? 1 : 1_000)
        return Record(number: nextRecordNumber(), interface: 0, timestampNs: ns,
                      bytes: Array(bytes[dataStart..<offset]), originalLength: original,
                      comment: nil, direction: nil)
    }
}
