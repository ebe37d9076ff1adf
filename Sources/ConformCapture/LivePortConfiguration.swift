import ConformTime

/// How a ``LivePort`` opens its capture and injection handles.
public struct LivePortConfiguration: Sendable, Hashable {
    /// Most bytes kept of each captured frame; the default, 9216, keeps every jumbo frame
    /// whole. In immediate mode it also sizes the ring slots: an interface that offloads
    /// segmentation gets slots of `min(snapLength, 64 KiB)`, so a snap length of 9216 makes a
    /// 32 MiB ring hold about 3,600 frames where 64 KiB slots hold 500. Longer frames
    /// (segmentation-offloaded super-frames) are cut; their ``CapturedFrame/originalLength``
    /// still says how long they were, and the pcapng records both lengths.
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
    /// a stop request if the wake-up by `pcap_breakloop` were lost. Without immediate mode it
    /// is also the longest a frame waits in the kernel before the port sees it.
    public var captureTimeout: TimeAmount
    /// Whether libpcap hands each frame over as soon as it arrives (the default, for the
    /// runner's reaction time). Immediate mode uses TPACKET_V2, one ring slot per frame sized
    /// for the largest frame the interface may deliver (about 64 KiB when the interface
    /// offloads segmentation, as veth does), so the ring holds few frames. Without it
    /// libpcap uses TPACKET_V3, packing frames into blocks handed over when full or after
    /// ``captureTimeout``: many more frames per byte of ring, for long or fast captures.
    /// Timestamps are the kernel's either way.
    public var immediateMode: Bool

    public init(snapLength: Int = 9_216, bufferSize: Int = 32 << 20, filter: String? = nil,
                promiscuous: Bool = true, transmitTimestampTimeout: TimeAmount = .milliseconds(20),
                captureTimeout: TimeAmount = .milliseconds(100), immediateMode: Bool = true) {
        self.snapLength = snapLength
        self.bufferSize = bufferSize
        self.filter = filter
        self.promiscuous = promiscuous
        self.transmitTimestampTimeout = transmitTimestampTimeout
        self.captureTimeout = captureTimeout
        self.immediateMode = immediateMode
    }
}
