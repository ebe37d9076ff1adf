/// Writes a classic libpcap file with nanosecond timestamps (magic A1B23C4D), in
/// little-endian byte order: for test corpora and differential tests against tools that
/// read only pcap.
public final class PcapWriter {
    private let output: PcapFileOutput
    private let snapLength: Int

    /// Creates (or truncates) the file at `path` and writes the file header.
    /// - Parameters:
    ///   - linkType: the LINKTYPE_ value of every record; 1 is Ethernet.
    ///   - snapLength: the most bytes kept per packet, in 1...2^31-1.
    public init(path: String, linkType: Int = 1, snapLength: Int = 262_144) throws(CaptureFileError) {
        guard (1...Int(Int32.max)).contains(snapLength), (0...0xFFFF).contains(linkType) else {
            throw CaptureFileError(code: .invalidArgument, path: path, offset: 0,
                                   message: "snap length \(snapLength) or link type \(linkType) is out of range")
        }
        output = try PcapFileOutput(path: path)
        self.snapLength = snapLength
        var header: [UInt8] = []
        header.appendLittleEndian(PcapFormat.nanosecondMagic)
        header.appendLittleEndian(PcapFormat.majorVersion)
        header.appendLittleEndian(PcapFormat.minorVersion)
        header.appendLittleEndian(UInt32(0))
        header.appendLittleEndian(UInt32(0))
        header.appendLittleEndian(UInt32(snapLength))
        header.appendLittleEndian(UInt32(linkType))
        try output.append(header)
        try output.flush()
    }

    /// Appends one frame; direction and case are not representable in pcap and are dropped.
    public func write(_ frame: CapturedFrame) throws(CaptureFileError) {
        try write(frame.bytes, timestampNs: frame.timestamp.ns, originalLength: frame.originalLength)
    }

    /// Appends one packet, cut to the snap length.
    /// - Throws: ``CaptureFileError`` with code `.invalidArgument` for a timestamp before the
    ///   epoch or after 2106 (pcap seconds are unsigned 32-bit).
    public func write(_ bytes: [UInt8], timestampNs: Int64, originalLength: Int? = nil) throws(CaptureFileError) {
        guard output.isOpen else { throw output.closedError() }
        let seconds = timestampNs / 1_000_000_000
        guard timestampNs >= 0, seconds <= Int64(UInt32.max) else {
            throw CaptureFileError(code: .invalidArgument, path: output.path, offset: output.position,
                                   message: "timestamp \(timestampNs) ns does not fit a pcap record")
        }
        let captured = min(bytes.count, snapLength)
        let original = min(max(originalLength ?? bytes.count, bytes.count), Int(UInt32.max))
        var record: [UInt8] = []
        record.appendLittleEndian(UInt32(seconds))
        record.appendLittleEndian(UInt32(timestampNs % 1_000_000_000))
        record.appendLittleEndian(UInt32(captured))
        record.appendLittleEndian(UInt32(original))
        record.append(contentsOf: bytes.prefix(captured))
        try output.append(record)
    }

    /// Writes the buffered records to the file.
    public func flush() throws(CaptureFileError) {
        try output.flush()
    }

    /// Flushes and closes the file. Closing twice does nothing; writing after close throws.
    public func close() throws(CaptureFileError) {
        try output.close()
    }
}
