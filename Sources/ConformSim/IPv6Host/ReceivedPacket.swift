import ConformWire

/// The parts of a received Ethernet + IPv6 frame the host acts on, read from its dissection.
struct ReceivedPacket {
    /// One ICMPv6 option as it appeared on the wire.
    struct Option {
        let type: UInt64
        /// In units of 8 octets, as written (0 is invalid, RFC 4861 §4.6).
        let length: UInt64?
        let linkAddress: MACAddress?
    }

    /// Destination, source and EtherType; frames with an 802.1Q tag are not read.
    static let ethernetHeaderLength = 14

    let dissection: Dissection
    let ethernetSource: MACAddress
    let ethernetDestination: MACAddress
    let source: IPv6Address
    let destination: IPv6Address
    let hopLimit: UInt64
    /// The IP version field: 6 unless the frame is malformed (RFC 8200 §3).
    let version: UInt64
    let trafficClass: UInt64
    let flowLabel: UInt64
    let icmpType: UInt64?
    let icmpCode: UInt64?
    let checksumIsGood: Bool
    /// Octets of the ICMPv6 message: from its type to the end of the IPv6 payload.
    let icmpLength: Int
    let options: [Option]

    /// Reads a frame; nil unless it is an untagged Ethernet frame with the IPv6 EtherType.
    init?(_ dissection: Dissection, frameLength: Int) {
        guard case .ether(let ethernetDestination)? = dissection.first("eth.dst"),
              case .ether(let ethernetSource)? = dissection.first("eth.src"),
              !dissection.contains(layer: "vlan"), dissection.contains(layer: "ipv6"),
              let version = dissection.first("ipv6.version")?.unsignedValue,
              case .ipv6(let source)? = dissection.first("ipv6.src"),
              case .ipv6(let destination)? = dissection.first("ipv6.dst"),
              let hopLimit = dissection.first("ipv6.hlim")?.unsignedValue else { return nil }
        self.dissection = dissection
        self.ethernetSource = ethernetSource
        self.ethernetDestination = ethernetDestination
        self.source = source
        self.destination = destination
        self.hopLimit = hopLimit
        self.version = version
        trafficClass = dissection.first("ipv6.tclass")?.unsignedValue ?? 0
        flowLabel = dissection.first("ipv6.flow")?.unsignedValue ?? 0
        icmpType = dissection.first("icmpv6.type")?.unsignedValue
        icmpCode = dissection.first("icmpv6.code")?.unsignedValue
        checksumIsGood = dissection.first("icmpv6.checksum.status")?.unsignedValue == 1
        icmpLength = Self.icmpLength(dissection, frameLength: frameLength)
        options = Self.options(dissection)
    }

    /// The IPv6 packet inside the frame `bytes`: from the fixed header to the end of the
    /// payload its Payload Length announces, without link-layer padding.
    func ipv6Packet(in bytes: [UInt8]) -> [UInt8] {
        let start = Self.ethernetHeaderLength
        guard bytes.count > start, let plen = unsigned("ipv6.plen") else { return [] }
        return Array(bytes[start..<min(bytes.count, start + 40 + Int(clamping: plen))])
    }

    /// The first value of `abbrev` as an unsigned integer.
    func unsigned(_ abbrev: String) -> UInt64? { dissection.first(abbrev)?.unsignedValue }

    /// The first value of `abbrev` as a flag.
    func flag(_ abbrev: String) -> Bool { dissection.first(abbrev)?.unsignedValue == 1 }

    /// The first value of `abbrev` as an IPv6 address.
    func address(_ abbrev: String) -> IPv6Address? {
        guard case .ipv6(let address)? = dissection.first(abbrev) else { return nil }
        return address
    }

    /// The link-layer address carried in the first option of `type` (1 source, 2 target).
    func linkAddressOption(_ type: UInt64) -> MACAddress? {
        options.first { $0.type == type && $0.linkAddress != nil }?.linkAddress
    }

    private static func icmpLength(_ dissection: Dissection, frameLength: Int) -> Int {
        guard let icmp = dissection.fields.first(where: { $0.abbrev == "icmpv6.type" }),
              let payloadLength = dissection.fields.first(where: { $0.abbrev == "ipv6.plen" }),
              let plen = payloadLength.value.unsignedValue else { return 0 }
        // The payload length field sits 4 octets into the 40-octet fixed header (RFC 8200 §3);
        // Ethernet padding after the payload is not part of the message.
        let payloadEnd = payloadLength.offset - 4 + 40 + Int(clamping: plen)
        return max(0, min(payloadEnd, frameLength) - icmp.offset)
    }

    /// Pairs each option's type with the length and link-layer address that follow it.
    private static func options(_ dissection: Dissection) -> [Option] {
        var options: [Option] = []
        var current: (type: UInt64, length: UInt64?, linkAddress: MACAddress?)?
        for field in dissection.fields {
            switch field.abbrev {
            case "icmpv6.opt.type":
                if let current { options.append(Option(type: current.type, length: current.length, linkAddress: current.linkAddress)) }
                current = (field.value.unsignedValue ?? 0, nil, nil)
            case "icmpv6.opt.length":
                current?.length = field.value.unsignedValue
            case "icmpv6.opt.linkaddr":
                current?.linkAddress = Self.ethernetAddress(field.value)
            default:
                break
            }
        }
        if let current { options.append(Option(type: current.type, length: current.length, linkAddress: current.linkAddress)) }
        return options
    }

    /// An Ethernet address option value: a MAC, or its six octets (RFC 2464 §6).
    private static func ethernetAddress(_ value: FieldValue) -> MACAddress? {
        switch value {
        case .ether(let mac): mac
        case .bytes(let octets) where octets.count == 6: MACAddress(octets)
        default: nil
        }
    }
}
