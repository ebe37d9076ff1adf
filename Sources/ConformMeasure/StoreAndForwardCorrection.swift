/// The correction that turns first-bit-in → first-bit-out timestamps into a store-and-forward
/// latency (last bit in → first bit out, RFC 1242 §3.8 / RFC 2544 §26.2).
///
/// A frame of L bytes occupies 8·(L + 20) bit times on the wire, 20 being preamble, SFD and
/// minimum inter-frame gap; at `bitsPerSecond` that is subtracted from each delay.
public struct StoreAndForwardCorrection: Sendable, Hashable {
    public let bitsPerSecond: Int64

    public init(bitsPerSecond: Int64) {
        self.bitsPerSecond = bitsPerSecond
    }

    /// The correction for one frame in nanoseconds, rounded half up.
    public func nanoseconds(frameLength: Int) -> Int64 {
        guard bitsPerSecond > 0 else { return 0 }
        let bits = Int128(8 * (frameLength + 20)) * 1_000_000_000
        return Int64((2 * bits + Int128(bitsPerSecond)) / (2 * Int128(bitsPerSecond)))
    }
}
