@testable import ConformWire

/// Frames built outside Conform (checksums computed independently and confirmed good by
/// tshark 4.0), for the dissector to decode.
enum Fixtures {
    static let echoRequest = hex("02000000000202000000000186dd60000000000c3a40fe800000000000000000000000000001fe80000000000000020000000000000280008fae1234000170696e67")
    static let echoReply = hex("02000000000102000000000286dd60000000000c3a40fe800000000000000200000000000002fe80000000000000000000000000000181008eae1234000170696e67")
    static let nsWithSLLAO = hex("3333ff00000202000000000186dd6000000000203afffe800000000000000000000000000001ff0200000000000000000001ff0000028700789700000000fe8000000000000002000000000000020101020000000001")
    static let naWithTLLA = hex("02000000000102000000000286dd6000000000203afffe800000000000000200000000000002fe8000000000000000000000000000018800141a60000000fe8000000000000002000000000000020201020000000002")
    static let raWithPrefixAndMTU = hex("33330000000102000000000386dd6000000000383afffe800000000000000000000000000003ff0200000000000000000000000000018600771840c0070800007530000003e8030440c000278d0000093a800000000020010db800000001000000000000000005010000000005dc")

    static let all: [[UInt8]] = [echoRequest, echoReply, nsWithSLLAO, naWithTLLA, raWithPrefixAndMTU]

    static let tn1LinkLocal = IPv6Address(text: "fe80::1")!
    static let nutLinkLocal = IPv6Address(text: "fe80::200:0:0:2")!
    static let tn1MAC = MACAddress(text: "02:00:00:00:00:01")!
    static let nutMAC = MACAddress(text: "02:00:00:00:00:02")!

    static func hex(_ text: String) -> [UInt8] {
        FieldRegistry.parseHexBytes(text) ?? []
    }
}

extension Dissection {
    /// The first value of a field as an unsigned integer, for terse expectations.
    func uint(_ abbrev: String) -> UInt64? {
        first(abbrev)?.unsignedValue
    }
}
