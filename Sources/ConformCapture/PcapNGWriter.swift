/// Streams a pcapng file, one per tester port, shaped like gopacket's `pcapgo.NgWriter`
/// (`AddInterface`, `WritePacket`, `WriteInterfaceStats`).
///
/// The file holds one section: a Section Header Block naming the application
/// (`shb_userappl`), then an Interface Description Block per ``addInterface(name:description:snapLength:)``
/// (Ethernet, `if_name`, `if_description`, `if_tsresol` = 9, so timestamps are nanoseconds),
/// Enhanced Packet Blocks carrying the frame's direction (`epb_flags`) and its case as the
/// packet comment (`case ND-NS-001`), and Interface Statistics Blocks (`isb_ifdrop`).
///
/// Blocks are encoded straight into a small buffer that goes to the file descriptor when it
/// passes 64 KiB, after each batch (``write(contentsOf:interface:)``), on ``flush()`` and on
/// ``close()``; frames are never kept.
public final class PcapNGWriter {
    private let output: PcapFileOutput
    private var snapLengths: [Int] = []

    /// Creates (or truncates) the file at `path` and writes the Section Header Block.
    /// - Parameters:
    ///   - application: written as `shb_userappl`, e.g. `Conform 0.1.0`.
    /// - Throws: ``CaptureFileError`` with code `.io` when the file cannot be created.
    public init(path: String, application: String) throws(CaptureFileError) {
        output = try PcapFileOutput(path: path)
        var block = PcapNGBlockEncoder(type: PcapNGFormat.sectionHeader)
        block.append(PcapNGFormat.byteOrderMagic)
        block.append(PcapNGFormat.majorVersion)
        block.append(PcapNGFormat.minorVersion)
        // Section length -1: not given, so the section can be streamed (§4.1).
        block.append(UInt64.max)
        try appendText(PcapNGFormat.Option.shbUserApplication, application, to: &block, field: "application")
        try output.append(block.finish())
        try output.flush()
    }

    /// Opens a pcapng file this writer made before, to append blocks to its section: used to
    /// continue the captures of a resumed run. The caller has cut the file back to whole
    /// blocks; `snapLengths` are those of the interfaces already in it, in order.
    public init(appendingTo path: String, snapLengths: [Int]) throws(CaptureFileError) {
        output = try PcapFileOutput(appendingTo: path)
        self.snapLengths = snapLengths
    }

    /// Bytes in the file once the buffered blocks are written: the size at which a resumed
    /// run may cut it back.
    public var position: Int { output.position }

    /// Adds an Ethernet interface (an Interface Description Block) and returns its id, the
    /// `interface` argument of ``write(_:interface:)``. Ids count from 0 in call order.
    /// - Parameters:
    ///   - name: `if_name`, the tester port (`tn1`).
    ///   - description: `if_description`; name the timestamp source here (`kernel-software`).
    ///   - snapLength: the most bytes kept per frame; 0 for no limit.
    public func addInterface(name: String, description: String, snapLength: Int) throws(CaptureFileError) -> Int {
        guard output.isOpen else { throw output.closedError() }
        guard (0...Int(UInt32.max)).contains(snapLength) else {
            throw invalid("snap length \(snapLength) is outside 0...\(UInt32.max)")
        }
        var block = PcapNGBlockEncoder(type: PcapNGFormat.interfaceDescription)
        block.append(PcapNGFormat.linkTypeEthernet)
        block.append(UInt16(0))
        block.append(UInt32(snapLength))
        try appendText(PcapNGFormat.Option.ifName, name, to: &block, field: "interface name")
        try appendText(PcapNGFormat.Option.ifDescription, description, to: &block, field: "interface description")
        block.appendOption(PcapNGFormat.Option.ifTimestampResolution, [9])
        try output.append(block.finish())
        snapLengths.append(snapLength)
        return snapLengths.count - 1
    }

    /// Appends one frame as an Enhanced Packet Block. The bytes beyond the interface's snap
    /// length are cut off; the original length is kept.
    /// - Throws: ``CaptureFileError`` with code `.invalidArgument` for an unknown interface,
    ///   a negative timestamp or a comment longer than 65535 bytes.
    public func write(_ frame: CapturedFrame, interface: Int) throws(CaptureFileError) {
        guard output.isOpen else { throw output.closedError() }
        let snapLength = try self.snapLength(of: interface)
        let captured = snapLength == 0 ? frame.bytes.count : min(frame.bytes.count, snapLength)
        let originalLength = max(frame.originalLength, frame.bytes.count)
        guard captured <= Self.maximumPacketLength, originalLength <= Int(UInt32.max) else {
            throw invalid("frame \(frame.number) of \(frame.bytes.count) bytes is too large for a pcapng block")
        }
        let units = try timestampUnits(frame.timestamp.ns, what: "frame \(frame.number)")

        var block = PcapNGBlockEncoder(type: PcapNGFormat.enhancedPacket)
        block.append(UInt32(interface))
        block.append(UInt32(truncatingIfNeeded: units >> 32))
        block.append(UInt32(truncatingIfNeeded: units))
        block.append(UInt32(captured))
        block.append(UInt32(originalLength))
        block.appendPadded(frame.bytes.prefix(captured))
        if let caseID = frame.caseID {
            try appendText(PcapNGFormat.Option.comment, "case \(caseID)", to: &block, field: "comment")
        }
        block.appendOption(PcapNGFormat.Option.packetFlags, integer: PcapNGFormat.flags(for: frame.direction))
        try output.append(block.finish())
    }

    /// Appends a batch of frames, then flushes it to the file.
    public func write(contentsOf frames: some Sequence<CapturedFrame>, interface: Int) throws(CaptureFileError) {
        for frame in frames { try write(frame, interface: interface) }
        try output.flush()
    }

    /// Appends an Interface Statistics Block with `isb_ifdrop` (frames the capture lost)
    /// and `isb_endtime`, both as of `timestampNs`.
    public func writeStatistics(interface: Int, dropped: UInt64, timestampNs: Int64) throws(CaptureFileError) {
        guard output.isOpen else { throw output.closedError() }
        _ = try snapLength(of: interface)
        let units = try timestampUnits(timestampNs, what: "statistics")
        var block = PcapNGBlockEncoder(type: PcapNGFormat.interfaceStatistics)
        block.append(UInt32(interface))
        block.append(UInt32(truncatingIfNeeded: units >> 32))
        block.append(UInt32(truncatingIfNeeded: units))
        block.appendTimestampOption(PcapNGFormat.Option.isbEndTime, units)
        block.appendOption(PcapNGFormat.Option.isbInterfaceDropped, integer: dropped)
        try output.append(block.finish())
    }

    /// Writes the buffered blocks to the file.
    public func flush() throws(CaptureFileError) {
        try output.flush()
    }

    /// Writes the buffered blocks and makes them durable (`fsync(2)`), so that a harness killed
    /// afterwards still has them.
    public func synchronize() throws(CaptureFileError) {
        try output.synchronize()
    }

    /// Flushes and closes the file. Closing twice does nothing; writing after close throws.
    public func close() throws(CaptureFileError) {
        try output.close()
    }

    /// The largest captured length written: what Wireshark accepts for one packet (256 MiB).
    static let maximumPacketLength = 256 * 1024 * 1024

    private func snapLength(of interface: Int) throws(CaptureFileError) -> Int {
        guard snapLengths.indices.contains(interface) else {
            throw invalid("interface \(interface) was not added (\(snapLengths.count) interfaces)")
        }
        return snapLengths[interface]
    }

    /// With `if_tsresol` = 9 a timestamp is nanoseconds since the epoch, unsigned (§4.3).
    private func timestampUnits(_ ns: Int64, what: String) throws(CaptureFileError) -> UInt64 {
        guard ns >= 0 else { throw invalid("\(what) has a negative timestamp (\(ns) ns)") }
        return UInt64(ns)
    }

    private func appendText(_ code: UInt16, _ text: String, to block: inout PcapNGBlockEncoder,
                            field: String) throws(CaptureFileError) {
        let utf8 = Array(text.utf8)
        guard utf8.count <= PcapNGBlockEncoder.maximumOptionLength else {
            throw invalid("\(field) is \(utf8.count) bytes; a pcapng option holds at most 65535")
        }
        block.appendOption(code, utf8)
    }

    private func invalid(_ message: String) -> CaptureFileError {
        CaptureFileError(code: .invalidArgument, path: output.path, offset: output.position, message: message)
    }
}
