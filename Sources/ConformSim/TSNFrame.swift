/// What the bridge reads of a frame: addresses, the VLAN tag and an R-TAG, read from the
/// bytes with every offset checked, so a frame of any length or content is safe.
struct TSNFrame {
    var bytes: [UInt8]
    let destination: [UInt8]
    let source: [UInt8]
    /// VID and PCP of the 802.1Q tag; untagged frames get the port VID 1 and priority 0.
    let vid: Int
    let pcp: Int
    let tagged: Bool
    /// The R-TAG sequence number and the R-TAG's offset, when the frame carries one after its VLAN tag.
    let sequence: UInt16?
    let rtagOffset: Int?

    static let vlanType: UInt16 = 0x8100
    static let rtagType: UInt16 = 0xf1c1
    static let rtagLength = 6

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 14 else { return nil }
        self.bytes = bytes
        destination = Array(bytes[0..<6])
        source = Array(bytes[6..<12])
        var typeOffset = 12
        if Self.word(bytes, 12) == Self.vlanType, bytes.count >= 18 {
            let tci = Int(Self.word(bytes, 14))
            pcp = tci >> 13
            vid = tci & 0x0fff
            tagged = true
            typeOffset = 16
        } else {
            pcp = 0
            vid = 1
            tagged = false
        }
        if Self.word(bytes, typeOffset) == Self.rtagType, bytes.count >= typeOffset + 2 + Self.rtagLength {
            rtagOffset = typeOffset
            sequence = Self.word(bytes, typeOffset + 4)
        } else {
            rtagOffset = nil
            sequence = nil
        }
    }

    var isMulticast: Bool { destination[0] & 1 == 1 }

    /// The frame without its R-TAG (802.1CB §7.8: the EtherType field takes the R-TAG's next type).
    func removingRTag() -> [UInt8] {
        guard let offset = rtagOffset else { return bytes }
        return Array(bytes[..<offset]) + Array(bytes[(offset + Self.rtagLength)...])
    }

    /// The frame with an R-TAG carrying `sequence` inserted after its VLAN tag.
    func addingRTag(sequence: UInt16) -> [UInt8] {
        let offset = tagged ? 16 : 12
        let tag: [UInt8] = [0xf1, 0xc1, 0, 0, UInt8(sequence >> 8), UInt8(sequence & 0xff)]
        return Array(bytes[..<offset]) + tag + Array(bytes[offset...])
    }

    private static func word(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }
}
