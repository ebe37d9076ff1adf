/// Block types, option codes and magic numbers of pcapng
/// (draft-ietf-opsawg-pcapng, "PCAP Now Generic", sections 4 and 5).
enum PcapNGFormat {
    /// Section Header Block type; its bytes read the same in both byte orders (§4.1).
    static let sectionHeader: UInt32 = 0x0A0D_0D0A
    static let interfaceDescription: UInt32 = 0x0000_0001
    /// Obsolete Packet Block (Appendix A), still written by old tools.
    static let legacyPacket: UInt32 = 0x0000_0002
    static let simplePacket: UInt32 = 0x0000_0003
    static let interfaceStatistics: UInt32 = 0x0000_0005
    static let enhancedPacket: UInt32 = 0x0000_0006

    /// Written in the writer's byte order; read back as 0x4D3C2B1A when the order differs (§4.1).
    static let byteOrderMagic: UInt32 = 0x1A2B_3C4D
    static let majorVersion: UInt16 = 1
    static let minorVersion: UInt16 = 0

    /// Link type 1, LINKTYPE_ETHERNET.
    static let linkTypeEthernet: UInt16 = 1

    /// Option codes (§3.5 and the block sections).
    enum Option {
        static let endOfOptions: UInt16 = 0
        static let comment: UInt16 = 1
        static let shbUserApplication: UInt16 = 4
        static let ifName: UInt16 = 2
        static let ifDescription: UInt16 = 3
        static let ifTimestampResolution: UInt16 = 9
        static let ifTimestampOffset: UInt16 = 14
        /// `epb_flags` (and `pack_flags` in the legacy Packet Block): bits 0-1 are the direction.
        static let packetFlags: UInt16 = 2
        static let isbStartTime: UInt16 = 2
        static let isbEndTime: UInt16 = 3
        static let isbInterfaceReceived: UInt16 = 4
        static let isbInterfaceDropped: UInt16 = 5
    }

    /// `epb_flags` direction values (§4.3.1): 0 unknown, 1 inbound, 2 outbound.
    static func flags(for direction: FrameDirection) -> UInt32 {
        switch direction {
        case .inbound: 1
        case .outbound: 2
        }
    }

    static func direction(fromFlags flags: UInt32) -> FrameDirection? {
        switch flags & 0x3 {
        case 1: .inbound
        case 2: .outbound
        default: nil
        }
    }
}

/// Magic numbers of classic libpcap files.
enum PcapFormat {
    /// Microsecond timestamps.
    static let microsecondMagic: UInt32 = 0xA1B2_C3D4
    /// Nanosecond timestamps.
    static let nanosecondMagic: UInt32 = 0xA1B2_3C4D
    static let majorVersion: UInt16 = 2
    static let minorVersion: UInt16 = 4
    static let fileHeaderLength = 24
    static let recordHeaderLength = 16
}
