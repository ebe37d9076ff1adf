/// Why a capture file could not be written or read.
///
/// Carries where the problem is: the file's path (when there is one), the byte offset and the
/// 1-based block number (for pcapng: counting every block, the Section Header Block first;
/// for classic pcap: the file header is block 1 and each record is one block).
public struct CaptureFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is. An open set: new codes do not break callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case io, truncated, malformed, unsupported, invalidArgument = "invalid-argument", closed
        }
        private let base: Base

        /// A system call failed (open, read, write, close).
        public static let io = Code(base: .io)
        /// The bytes end inside a header, block or record.
        public static let truncated = Code(base: .truncated)
        /// A length, identifier or value contradicts the format.
        public static let malformed = Code(base: .malformed)
        /// Well-formed, but a feature this reader does not handle (an unknown magic or major version).
        public static let unsupported = Code(base: .unsupported)
        /// The caller asked a writer for something the format cannot hold.
        public static let invalidArgument = Code(base: .invalidArgument)
        /// The writer was already closed.
        public static let closed = Code(base: .closed)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The file, or nil when reading bytes held in memory.
    public let path: String?
    /// Byte offset of the problem from the start of the file.
    public let offset: Int?
    /// 1-based number of the block (or pcap record) that holds the problem.
    public let block: Int?
    public let message: String

    public init(code: Code, path: String? = nil, offset: Int? = nil, block: Int? = nil, message: String) {
        self.code = code
        self.path = path
        self.offset = offset
        self.block = block
        self.message = message
    }

    public var description: String {
        var place = path ?? "<bytes>"
        if let block { place += " block \(block)" }
        if let offset { place += " offset \(offset)" }
        return "\(place): \(code): \(message)"
    }

    func at(path: String?) -> CaptureFileError {
        CaptureFileError(code: code, path: path, offset: offset, block: block, message: message)
    }
}
