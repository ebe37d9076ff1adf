/// The 24 bytes a `stream` step appends to every frame it sends, after the template's payload:
///
/// ```
///  0        4          8                 16                24
/// +--------+----------+-----------------+-----------------+
/// | "CfSt" | streamID | sequence (u64)  | transmit ns (i64)|   all big-endian
/// +--------+----------+-----------------+-----------------+
/// ```
/// The tag sits at the very end so that headers a device inserts or strips (VLAN, R-TAG)
/// do not move it; streams pad their frames to at least 60 bytes so that no device pads.
public struct StreamTag: Sendable, Hashable {
    public static let length = 24
    static let magic: [UInt8] = Array("CfSt".utf8)

    public let streamID: UInt32
    public let sequence: UInt64
    /// The scheduled transmit instant (ns); measurements use the port's transmit timestamp.
    public let transmitNs: Int64

    public init(streamID: UInt32, sequence: UInt64, transmitNs: Int64) {
        self.streamID = streamID
        self.sequence = sequence
        self.transmitNs = transmitNs
    }

    /// The tag at the end of `frame`, or nil when the frame carries none.
    public init?(endOf frame: [UInt8]) {
        guard frame.count >= Self.length else { return nil }
        let start = frame.count - Self.length
        guard Array(frame[start..<start + 4]) == Self.magic else { return nil }
        func integer(_ offset: Int, _ width: Int) -> UInt64 {
            frame[(start + offset)..<(start + offset + width)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        streamID = UInt32(integer(4, 4))
        sequence = integer(8, 8)
        transmitNs = Int64(bitPattern: integer(16, 8))
    }

    /// The tag's bytes.
    public var bytes: [UInt8] {
        func bigEndian(_ value: UInt64, _ width: Int) -> [UInt8] {
            (0..<width).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * (width - 1 - $0))) }
        }
        return Self.magic + bigEndian(UInt64(streamID), 4) + bigEndian(sequence, 8) + bigEndian(UInt64(bitPattern: transmitNs), 8)
    }

    /// A stable 32-bit id for a stream name (FNV-1a), so captures of two runs agree.
    public static func streamID(named name: String) -> UInt32 {
        name.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
    }
}
