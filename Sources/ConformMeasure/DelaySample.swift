/// One received frame of a stream, matched to its transmission by sequence number.
public struct DelaySample: Sendable, Hashable {
    public let sequence: UInt64
    /// Transmit and receive instants, integer nanoseconds.
    public let transmit: Int64
    public let receive: Int64
    /// receive − transmit − the store-and-forward correction.
    public let delay: Int64
    /// A later copy of a sequence number already received; excluded from the statistics.
    public let duplicate: Bool
    /// Arrived after a higher sequence number (RFC 4737 §3.3: s < NextExp).
    public let reordered: Bool

    public init(sequence: UInt64, transmit: Int64, receive: Int64, delay: Int64, duplicate: Bool, reordered: Bool) {
        self.sequence = sequence
        self.transmit = transmit
        self.receive = receive
        self.delay = delay
        self.duplicate = duplicate
        self.reordered = reordered
    }

    /// The CSV header of ``csvLine``.
    public static let csvHeader = "sequence,transmit_ns,receive_ns,delay_ns,duplicate,reordered"

    /// One CSV line (no newline).
    public var csvLine: String {
        "\(sequence),\(transmit),\(receive),\(delay),\(duplicate ? 1 : 0),\(reordered ? 1 : 0)"
    }
}
