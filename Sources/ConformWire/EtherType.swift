/// An EtherType (IEEE 802 numbers). Open: any 16-bit value is a valid `EtherType`.
public struct EtherType: RawRepresentable, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let ipv4 = EtherType(rawValue: 0x0800)
    public static let arp = EtherType(rawValue: 0x0806)
    public static let vlan = EtherType(rawValue: 0x8100)
    public static let ipv6 = EtherType(rawValue: 0x86dd)
    /// IEEE 1588 / 802.1AS PTP over Ethernet.
    public static let ptp = EtherType(rawValue: 0x88f7)
    /// IEEE 802.1CB R-TAG.
    public static let rtag = EtherType(rawValue: 0xf1c1)

    /// The EtherType announcing a template layer, for defaulting `eth.type` and `vlan.etype`.
    static func announcing(_ layer: String?) -> EtherType? {
        switch layer {
        case "vlan": .vlan
        case "ieee8021cb": .rtag
        case "ipv6": .ipv6
        case "ip": .ipv4
        case "arp": .arp
        case PTP.layerName: .ptp
        default: nil
        }
    }

    /// Decodes the payload an EtherType announces, as Wireshark's `ethertype` table does.
    /// Stacked VLAN tags and R-TAGs are walked in a loop, so any number of them is safe.
    /// - Returns: the offset where the announced protocol's data ends.
    static func dissectPayload(_ first: EtherType, _ recorder: inout DissectionRecorder, at start: Int, end: Int) -> Int {
        var type = first, offset = start
        while true {
            recorder.layer("ethertype")
            switch type {
            case .vlan:
                guard let inner = VLAN.dissect(&recorder, at: offset, end: end) else { return end }
                type = inner
                offset += VLAN.headerLength
            case .rtag:
                guard let inner = RTag.dissect(&recorder, at: offset, end: end) else { return end }
                type = inner
                offset += RTag.headerLength
            case .ipv6: return IPv6.dissect(&recorder, at: offset, end: end)
            case .ipv4: return IPv4.dissect(&recorder, at: offset, end: end)
            case .arp: return ARP.dissect(&recorder, at: offset, end: end)
            case .ptp: return PTP.dissect(&recorder, at: offset, end: end)
            default:
                recorder.addData(from: offset, to: end)
                return end
            }
        }
    }
}
