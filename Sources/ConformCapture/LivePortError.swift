/// Why a live port could not open, capture or send.
///
/// The code says which stage failed; the message carries the C library's own words
/// (`pcap_geterr`, `strerror`) and the interface and namespace involved.
public struct LivePortError: Error, Sendable, CustomStringConvertible {
    /// The stage that failed. New stages may be added, so switch with a default.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Stage: String {
            case namespace, capture, filter, socket, timestamping, send
        }

        private let stage: Stage
        private init(_ stage: Stage) { self.stage = stage }

        /// The network namespace could not be entered (missing, or not permitted).
        public static let namespace = Code(.namespace)
        /// libpcap could not create or activate the capture handle.
        public static let capture = Code(.capture)
        /// The BPF filter did not compile or could not be installed.
        public static let filter = Code(.filter)
        /// The AF_PACKET injection socket could not be opened or bound.
        public static let socket = Code(.socket)
        /// `SO_TIMESTAMPING` could not be enabled on the injection socket.
        public static let timestamping = Code(.timestamping)
        /// A frame could not be sent.
        public static let send = Code(.send)

        public var description: String { stage.rawValue }
    }

    public let code: Code
    /// The interface the port was opened on.
    public let interface: String
    /// The namespace the interface lives in; nil for the harness's own.
    public let namespace: String?
    public let message: String

    public init(_ code: Code, interface: String, namespace: String?, _ message: String) {
        self.code = code
        self.interface = interface
        self.namespace = namespace
        self.message = message
    }

    public var description: String {
        let place = namespace.map { "\(interface) in namespace \($0)" } ?? interface
        return "live port on \(place): \(code): \(message)"
    }
}
