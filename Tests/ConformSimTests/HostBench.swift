import ConformCapture
import ConformTime
import ConformWire
@testable import ConformSim

/// An `ipv6-host` on one virtual link and virtual time, with the tester's end to drive it.
final class HostBench {
    static let nutMAC = MACAddress(text: "02:00:00:00:00:01")!
    static let nutLL = IPv6Address(text: "fe80::ff:fe00:1")!
    static let tn1MAC = MACAddress(text: "02:00:00:00:01:01")!
    static let tn1LL = IPv6Address(text: "fe80::ff:fe00:101")!
    static let tn2MAC = MACAddress(text: "02:00:00:00:01:02")!
    static let tn2LL = IPv6Address(text: "fe80::ff:fe00:102")!

    /// A frame the host sent, as the tester saw it.
    struct Reply {
        let time: Int64
        let dissection: Dissection

        func value(_ abbrev: String) -> FieldValue? { dissection.first(abbrev) }
        func uint(_ abbrev: String) -> UInt64? { dissection.first(abbrev)?.unsignedValue }

        /// A link-layer address field, whether the codec gives it as a MAC or as six octets.
        func mac(_ abbrev: String) -> MACAddress? {
            switch dissection.first(abbrev) {
            case .ether(let mac)?: mac
            case .bytes(let octets)? where octets.count == 6: MACAddress(octets)
            default: nil
            }
        }
    }

    let clock = VirtualScheduler()
    let link: VirtualLink
    let host: IPv6Host

    init(fault: IPv6HostFault? = nil, pixit: [String: String] = [:], global: IPv6Address? = nil) throws {
        link = VirtualLink(port: "tn1", clock: clock, delay: .zero)
        var addresses = ["mac": Self.nutMAC.description, "ll": Self.nutLL.description]
        addresses["global"] = global?.description
        host = try IPv6Host(environment: SimulatorEnvironment(
            clock: clock, links: ["tn1": link.device], addresses: addresses, parameters: pixit, fault: fault?.descriptor))
    }

    func send(_ layers: [LayerSpec]) throws {
        _ = try link.tester.send(FrameBuilder.build(layers))
    }

    func run(_ amount: TimeAmount) throws { try clock.wait(amount) }

    /// Every frame the host has sent so far, in order.
    var replies: [Reply] {
        link.tester.frames(after: 0).filter { $0.direction == .inbound }
            .map { Reply(time: $0.timestamp.ns, dissection: Dissector.dissect($0.bytes)) }
    }
}

/// Frames a tester sends, with any field overridable for negative tests.
enum TesterFrames {
    static func ethernet(to destination: MACAddress, from source: MACAddress = HostBench.tn1MAC) -> LayerSpec {
        LayerSpec("eth", [("eth.dst", .ether(destination)), ("eth.src", .ether(source))])
    }

    static func ipv6(from source: IPv6Address, to destination: IPv6Address, hopLimit: UInt64) -> LayerSpec {
        LayerSpec("ipv6", [("ipv6.src", .ipv6(source)), ("ipv6.dst", .ipv6(destination)), ("ipv6.hlim", .uint(hopLimit))])
    }

    /// An `icmpv6` layer whose fields are replaced, or extended, by `overrides`.
    static func icmpv6(_ fields: [(abbrev: String, value: FieldValue)],
                       overriddenBy overrides: [(abbrev: String, value: FieldValue)]) -> LayerSpec {
        var layer = LayerSpec("icmpv6", fields)
        for (abbrev, value) in overrides {
            if let index = layer.fields.firstIndex(where: { $0.abbrev == abbrev }) {
                layer.fields[index].value = value
            } else {
                layer.fields.append((abbrev, value))
            }
        }
        return layer
    }

    static func linkAddressOption(_ type: UInt64, _ mac: MACAddress) -> LayerSpec {
        LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(type)), ("icmpv6.opt.linkaddr", .ether(mac))])
    }

    /// A Neighbor Solicitation for the host's link-local address, multicast to its
    /// solicited-node group with the tester's SLLA unless told otherwise.
    static func solicitation(from source: IPv6Address = HostBench.tn1LL, to destination: IPv6Address? = nil,
                             target: IPv6Address = HostBench.nutLL, hopLimit: UInt64 = 255,
                             icmp extra: [(abbrev: String, value: FieldValue)] = [],
                             options: [LayerSpec]? = nil) -> [LayerSpec] {
        let destination = destination ?? target.solicitedNode
        let ethernetDestination = destination.isMulticast ? destination.multicastMAC : HostBench.nutMAC
        return [
            ethernet(to: ethernetDestination),
            ipv6(from: source, to: destination, hopLimit: hopLimit),
            icmpv6([("icmpv6.type", .uint(135)), ("icmpv6.code", .uint(0)),
                    ("icmpv6.nd.ns.target_address", .ipv6(target))], overriddenBy: extra),
        ] + (options ?? [linkAddressOption(1, HostBench.tn1MAC)])
    }

    /// A solicited Neighbor Advertisement from a tester address to the host.
    static func advertisement(for target: IPv6Address = HostBench.tn1LL, mac: MACAddress = HostBench.tn1MAC,
                              solicited: Bool = true) -> [LayerSpec] {
        [
            ethernet(to: HostBench.nutMAC, from: mac),
            ipv6(from: target, to: HostBench.nutLL, hopLimit: 255),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(136)), ("icmpv6.code", .uint(0)),
                                 ("icmpv6.nd.na.flag.r", .bool(false)), ("icmpv6.nd.na.flag.s", .bool(solicited)),
                                 ("icmpv6.nd.na.flag.o", .bool(true)), ("icmpv6.nd.na.target_address", .ipv6(target))]),
            linkAddressOption(2, mac),
        ]
    }

    static func echoRequest(from source: IPv6Address = HostBench.tn1LL, mac: MACAddress = HostBench.tn1MAC,
                            to destination: IPv6Address = HostBench.nutLL, identifier: UInt64 = 0x1234,
                            sequenceNumber: UInt64 = 7, data: [UInt8] = Array("conform".utf8),
                            icmp extra: [(abbrev: String, value: FieldValue)] = []) -> [LayerSpec] {
        [
            ethernet(to: destination.isMulticast ? destination.multicastMAC : HostBench.nutMAC, from: mac),
            ipv6(from: source, to: destination, hopLimit: 64),
            icmpv6([("icmpv6.type", .uint(128)), ("icmpv6.code", .uint(0)), ("icmpv6.echo.identifier", .uint(identifier)),
                    ("icmpv6.echo.sequence_number", .uint(sequenceNumber))], overriddenBy: extra),
            LayerSpec("data", [("data.data", .bytes(data))]),
        ]
    }
}
