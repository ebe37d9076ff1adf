import ConformTime

/// A tester attachment at layer 2. Virtual links, live interfaces and capture replay all
/// implement it, so the runner cannot tell them apart (packetdrill's `netdev_ops`).
///
/// A port records every frame it sends and receives, in order, numbered as in its capture
/// file. Only inbound frames are candidates for `expect`.
public protocol Port: AnyObject {
    var name: String { get }
    /// Where this port's timestamps come from.
    var timestampSource: TimestampSource { get }
    /// The case now running; new frames carry it as their capture comment.
    var caseID: String? { get set }

    /// Sends one frame; returns it as captured, with its transmit timestamp.
    func send(_ bytes: [UInt8]) throws(PortError) -> CapturedFrame

    /// Frames seen so far (both directions) whose number is greater than `number`, in order.
    func frames(after number: Int) -> [CapturedFrame]

    /// Frames the capture lost (kernel or ring drops) since the port opened.
    var dropCount: UInt64 { get }
}

/// Why a port could not send or receive.
public struct PortError: Error, Sendable, CustomStringConvertible {
    public let port: String
    public let message: String
    public init(port: String, message: String) {
        self.port = port
        self.message = message
    }
    public var description: String { "port \(port): \(message)" }
}
