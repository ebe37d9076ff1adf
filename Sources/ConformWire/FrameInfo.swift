/// What a capture file records about a frame besides its bytes.
public struct FrameInfo: Sendable, Hashable {
    /// 1-based number of the frame in its capture.
    public var number: Int
    /// Capture time in nanoseconds since the Unix epoch.
    public var timestampNs: Int64
    /// Length of the frame on the wire; more than the captured bytes when cut by a snap length.
    public var originalLength: Int

    public init(number: Int, timestampNs: Int64, originalLength: Int) {
        self.number = number
        self.timestampNs = timestampNs
        self.originalLength = originalLength
    }

    /// `frame.time_epoch` as tshark prints it: seconds, a point, nine digits of nanoseconds.
    public var epochText: String {
        var buffer: [UInt8] = []
        appendEpoch(to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    func appendEpoch(to out: inout [UInt8]) {
        let magnitude = timestampNs.magnitude
        let fraction = magnitude % 1_000_000_000
        if timestampNs < 0 { out.append(UInt8(ascii: "-")) }
        TsharkText.appendDecimal(magnitude / 1_000_000_000, to: &out)
        out.append(UInt8(ascii: "."))
        var divisor: UInt64 = 100_000_000
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: (fraction / divisor) % 10) &+ 48)
            divisor /= 10
        }
    }
}
