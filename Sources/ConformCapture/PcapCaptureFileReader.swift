/// Reads capture files: pcapng (either byte order, several sections and interfaces,
/// `if_tsresol` of any power of 10 or 2, `if_tsoffset`, Enhanced, Simple and legacy Packet
/// Blocks, options and comments) and classic pcap (microsecond and nanosecond magics, either
/// byte order).
///
/// The reader never traps on hostile bytes: a malformed or truncated block is a
/// ``CaptureFileError`` with its byte offset and block number, and once ``next()`` has
/// thrown it throws the same error again. Every block read advances by at least 12 bytes,
/// so reading always ends.
///
/// ```swift
/// var reader = try CaptureFileReader(path: "tn1.pcapng")
/// while let record = try reader.next() { print(record.number, record.comment ?? "") }
/// ```
public struct CaptureFileReader {
    /// One packet with its capture metadata.
    public struct Record: Sendable, Hashable {
        /// 1-based number of the packet in the file, as Wireshark's `frame.number`.
        public let number: Int
        /// Index into ``CaptureFileReader/interfaces``.
        public let interface: Int
        /// Nanoseconds since the epoch (after `if_tsoffset`); 0 for a Simple Packet Block,
        /// which has no timestamp.
        public let timestampNs: Int64
        public let bytes: [UInt8]
        /// Length on the wire; larger than `bytes.count` when the capture cut the packet.
        public let originalLength: Int
        /// The packet's comments (`opt_comment`), joined by newlines.
        public let comment: String?
        /// From `epb_flags` (or the legacy `pack_flags`); nil when unknown or absent.
        public let direction: FrameDirection?

        public init(number: Int, interface: Int, timestampNs: Int64, bytes: [UInt8], originalLength: Int,
                    comment: String?, direction: FrameDirection?) {
            self.number = number
            self.interface = interface
            self.timestampNs = timestampNs
            self.bytes = bytes
            self.originalLength = originalLength
            self.comment = comment
            self.direction = direction
        }
    }

    /// The counters of an Interface Statistics Block.
    public struct Statistics: Sendable, Hashable {
        /// Index into ``CaptureFileReader/interfaces``.
        public let interface: Int
        public let timestampNs: Int64
        /// `isb_ifdrop`: packets the interface dropped, when given.
        public let dropped: UInt64?
        /// `isb_ifrecv`: packets the interface received, when given.
        public let received: UInt64?

        public init(interface: Int, timestampNs: Int64, dropped: UInt64?, received: UInt64?) {
            self.interface = interface
            self.timestampNs = timestampNs
            self.dropped = dropped
            self.received = received
        }
    }

    /// Which format the file is in.
    public enum Format: String, Sendable, Hashable {
        case pcapng
        case pcap
    }

    struct Interface {
        let name: String?
        let linkType: Int
        let snapLength: Int
        let resolution: PcapTimestampResolution
        let offsetSeconds: Int64
    }

    public let format: Format
    let bytes: [UInt8]
    let path: String?
    var offset = 0
    /// Blocks started so far (pcapng blocks, or the pcap header and records).
    var blockNumber = 0
    var recordNumber = 0
    var interfaceTable: [Interface] = []
    /// Classic pcap: the byte order of the file. pcapng: of the current section.
    var bigEndian = false
    /// pcapng: index in `interfaceTable` of the current section's interface 0.
    var sectionInterfaceBase = 0
    /// Classic pcap: timestamp fractions are nanoseconds rather than microseconds.
    var nanosecondFractions = false
    private var failure: CaptureFileError?

    /// The interfaces seen so far, over every section, in order. A classic pcap file has one
    /// unnamed interface.
    public var interfaces: [(name: String?, linkType: Int)] {
        interfaceTable.map { ($0.name, $0.linkType) }
    }

    /// Interface Statistics Blocks read so far.
    public internal(set) var statistics: [Statistics] = []

    /// Reads the file header (pcap) or first Section Header Block (pcapng).
    public init(bytes: [UInt8]) throws(CaptureFileError) {
        try self.init(bytes: bytes, path: nil)
    }

    /// Reads the whole file at `path`, then its header.
    public init(path: String) throws(CaptureFileError) {
        try self.init(bytes: PcapFileOutput.readAll(path: path), path: path)
    }

    private init(bytes: [UInt8], path: String?) throws(CaptureFileError) {
        self.bytes = bytes
        self.path = path
        guard bytes.count >= 4 else {
            throw CaptureFileError(code: .truncated, path: path, offset: 0, block: 1,
                                   message: "\(bytes.count) bytes cannot hold a capture file's magic number")
        }
        let magic = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
        if magic == PcapNGFormat.sectionHeader {
            format = .pcapng
            guard try readPcapNGBlock() == nil else {
                throw error(.malformed, at: 0, "the Section Header Block yielded a packet")
            }
        } else {
            format = .pcap
            try readPcapHeader(magic: magic)
        }
    }

    /// The next packet, or nil at the end of the file.
    /// - Throws: ``CaptureFileError`` for a truncated or malformed block; the same error on
    ///   every later call.
    public mutating func next() throws(CaptureFileError) -> Record? {
        if let failure { throw failure }
        do {
            switch format {
            case .pcapng:
                while offset < bytes.count {
                    if let record = try readPcapNGBlock() { return record }
                }
                return nil
            case .pcap:
                return try readPcapRecord()
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Builds an error at `offset` in the current block.
    func error(_ code: CaptureFileError.Code, at offset: Int, _ message: String) -> CaptureFileError {
        CaptureFileError(code: code, path: path, offset: offset, block: blockNumber, message: message)
    }

    /// A cursor over `start..<end` whose overruns are malformed-block errors.
    func cursor(from start: Int, to end: Int, in block: String) -> PcapByteCursor {
        let path = path, number = blockNumber
        return PcapByteCursor(bytes: bytes, from: start, to: end, bigEndian: bigEndian) { position, message in
            CaptureFileError(code: .malformed, path: path, offset: position, block: number, message: "\(block): \(message)")
        }
    }

    mutating func nextRecordNumber() -> Int {
        recordNumber += 1
        return recordNumber
    }
}
