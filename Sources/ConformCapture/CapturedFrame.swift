import ConformTime

/// Which way a frame crossed a tester port.
public enum FrameDirection: String, Sendable, Hashable {
    /// Sent by the tester towards the device.
    case outbound
    /// Received by the tester from the device side.
    case inbound
}

/// A frame seen on a tester port, with its capture metadata kept apart from its bytes
/// (gopacket's `CaptureInfo`).
public struct CapturedFrame: Sendable, Hashable {
    /// 1-based number of the frame in its port's capture file.
    public let number: Int
    public let port: String
    public let direction: FrameDirection
    /// Kernel transmit or receive timestamp (or virtual time), with its source.
    public let timestamp: Timestamp
    public let bytes: [UInt8]
    /// Length on the wire; larger than `bytes.count` when the capture was cut by snaplen.
    public let originalLength: Int
    /// The case running when the frame was seen, written as the pcapng packet comment.
    public let caseID: String?

    public init(number: Int, port: String, direction: FrameDirection, timestamp: Timestamp, bytes: [UInt8],
                originalLength: Int? = nil, caseID: String?) {
        self.number = number
        self.port = port
        self.direction = direction
        self.timestamp = timestamp
        self.bytes = bytes
        self.originalLength = originalLength ?? bytes.count
        self.caseID = caseID
    }
}
