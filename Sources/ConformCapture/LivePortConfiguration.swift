import ConformTime

/// How a ``LivePort`` opens its capture and injection handles.
public struct LivePortConfiguration: Sendable, Hashable {
    /// Most bytes kept of each captured frame.
    public var snapLength: Int
    /// Size of the kernel capture ring, in bytes. In immediate mode libpcap uses TPACKET_V2,
    /// one slot of about the MTU per frame, so 32 MiB holds about 20,000 full-size frames; a
    /// burst larger than the ring is dropped (and counted in ``LivePort/dropCount``) if the
    /// capture thread falls behind.
    public var bufferSize: Int
    /// A BPF filter in pcap-filter(7) syntax; nil captures every inbound frame.
    public var filter: String?
    /// Whether to put the interface in promiscuous mode, so frames to other MAC addresses
    /// reach the capture on real NICs too.
    public var promiscuous: Bool
    /// Longest wait for the kernel's transmit timestamp of one frame. When it passes, the
    /// frame carries a user-space timestamp with source `.user` instead.
    public var transmitTimestampTimeout: TimeAmount
    /// Longest time the capture thread blocks without a frame; bounds how late it sees
    /// a stop request if the wake-up by `pcap_breakloop` were lost.
    public var captureTimeout: TimeAmount

    public init(snapLength: Int = 262_144, bufferSize: Int = 32 << 20, filter: String? = nil,
                promiscuous: Bool = true, transmitTimestampTimeout: TimeAmount = .milliseconds(20),
                captureTimeout: TimeAmount = .milliseconds(100)) {
        self.snapLength = snapLength
        self.bufferSize = bufferSize
        self.filter = filter
        self.promiscuous = promiscuous
        self.transmitTimestampTimeout = transmitTimestampTimeout
        self.captureTimeout = captureTimeout
    }
}
