import ConformWire

/// What a host does with a received packet once it has walked its extension headers
/// (RFC 8200 §4): hand the upper layer on, stop quietly, or discard it with or without a
/// Parameter Problem (RFC 4443 §3.4).
enum HeaderChainOutcome: Equatable {
    /// An ICMPv6 message is next; the packet is processed.
    case deliver
    /// A UDP datagram is next.
    case udp
    /// Next Header 59: nothing follows, nothing is sent (§4.7).
    case noNextHeader
    /// Discarded silently.
    case discard
    /// A fragment of a larger packet (RFC 8200 §4.5), its Fragment header at this offset:
    /// for reassembly.
    case fragment(headerOffset: Int)
    /// Discarded; a Parameter Problem is due with this code and pointer (octets from the start
    /// of the IPv6 header), unless RFC 4443 §2.4 (e) forbids it. `evenToMulticast` is set for
    /// an unknown option whose action bits are 10 (§4.2).
    case parameterProblem(code: UInt64, pointer: Int, evenToMulticast: Bool)
}

/// The extension header walk of a host, over the bytes of one IPv6 packet (from the fixed
/// header to the end of its payload). Reads with bounds checks: any input gives an outcome.
struct HeaderChain {
    private static let hopByHop: UInt8 = 0
    private static let routing: UInt8 = 43
    private static let fragment: UInt8 = 44
    private static let udp: UInt8 = 17
    private static let icmpv6: UInt8 = 58
    private static let noNextHeader: UInt8 = 59
    private static let destinationOptions: UInt8 = 60
    /// Options a host knows: Pad1, PadN, Router Alert (RFC 2711).
    private static let knownOptions: Set<UInt8> = [0, 1, 5]

    let packet: [UInt8]
    let destinationIsMulticast: Bool
    let fault: IPv6HostFault?

    func walk() -> HeaderChainOutcome {
        guard packet.count >= 40 else { return .discard }
        var next = packet[6]
        // The offset of the Next Header field that announced `next`, for the pointer (§4).
        var announcedAt = 6
        var cursor = 40
        while true {
            switch next {
            case Self.icmpv6:
                return .deliver
            case Self.udp:
                return .udp
            case Self.noNextHeader:
                return fault == .noNextHeaderAnswered ? unknownNextHeader(at: announcedAt) : .noNextHeader
            case Self.hopByHop where cursor != 40 && fault != .hopByHopAnywhere:
                // §4.3 and §4: Next Header 0 anywhere but in the IPv6 header is treated as
                // unrecognised (a check of its own, apart from the lookup of unknown values).
                return .parameterProblem(code: 1, pointer: announcedAt, evenToMulticast: false)
            case Self.hopByHop, Self.destinationOptions:
                guard cursor + 2 <= packet.count else { return .discard }
                let end = cursor + (Int(packet[cursor + 1]) + 1) * 8
                guard end <= packet.count else { return .discard }
                let skipsOptions = next == Self.destinationOptions && fault == .destinationOptionsIgnored
                if !skipsOptions, let outcome = options(from: cursor + 2, to: end) { return outcome }
                announcedAt = cursor
                next = packet[cursor]
                cursor = end
            case Self.routing:
                guard cursor + 4 <= packet.count else { return .discard }
                let end = cursor + (Int(packet[cursor + 1]) + 1) * 8
                guard end <= packet.count else { return .discard }
                // §4.4: an unrecognised Routing Type with Segments Left 0 is ignored; with
                // Segments Left > 0 it is a Parameter Problem pointing at the Routing Type.
                if packet[cursor + 3] > 0, fault != .routingSegmentsLeftIgnored { return .parameterProblem(code: 0, pointer: cursor + 2, evenToMulticast: false) }
                announcedAt = cursor
                next = packet[cursor]
                cursor = end
            case Self.fragment:
                guard cursor + 8 <= packet.count else { return .discard }
                let offsetAndFlags = UInt16(packet[cursor + 2]) << 8 | UInt16(packet[cursor + 3])
                let more = offsetAndFlags & 1 == 1
                if offsetAndFlags >> 3 == 0, !more {
                    // RFC 6946 §4: an atomic fragment is processed as a whole packet.
                    guard fault != .atomicFragmentDropped else { return .discard }
                    announcedAt = cursor
                    next = packet[cursor]
                    cursor += 8
                    continue
                }
                // §4.5: a fragment with M=1 whose length is not a multiple of 8 octets gets a
                // Parameter Problem pointing at the Payload Length field.
                if more, (packet.count - cursor - 8) % 8 != 0, fault != .fragmentLengthUnchecked {
                    return .parameterProblem(code: 0, pointer: 4, evenToMulticast: false)
                }
                return .fragment(headerOffset: cursor)
            default:
                return unknownNextHeader(at: announcedAt)
            }
        }
    }

    private func unknownNextHeader(at pointer: Int) -> HeaderChainOutcome {
        switch fault {
        case .unknownNextHeaderSilent?: .discard
        case .parameterProblemPointerZero?: .parameterProblem(code: 1, pointer: 0, evenToMulticast: false)
        default: .parameterProblem(code: 1, pointer: pointer, evenToMulticast: false)
        }
    }

    /// Processes the options of a Hop-by-Hop or Destination Options header in order (§4.2);
    /// nil when every option was skipped or known.
    private func options(from start: Int, to end: Int) -> HeaderChainOutcome? {
        var cursor = start
        var unknown: [(type: UInt8, offset: Int)] = []
        while cursor < end {
            let type = packet[cursor]
            if type == 0 {
                cursor += 1
                continue
            }
            guard cursor + 2 <= end else { return .discard }
            if !Self.knownOptions.contains(type) { unknown.append((type, cursor)) }
            cursor += 2 + Int(packet[cursor + 1])
        }
        guard cursor == end else { return .discard }
        // §4.2: "must be processed strictly in the order they appear in the header".
        for option in fault == .optionsOutOfOrder ? unknown.reversed() : unknown {
            if let outcome = unknownOption(option.type, at: option.offset) { return outcome }
        }
        return nil
    }

    /// The action the two high-order bits of an unknown option's type ask for (§4.2).
    private func unknownOption(_ type: UInt8, at offset: Int) -> HeaderChainOutcome? {
        let problem = HeaderChainOutcome.parameterProblem(code: 2, pointer: offset, evenToMulticast: true)
        switch type >> 6 {
        case 0b00: return fault == .skipOptionDiscards ? .discard : nil
        case 0b01: return fault == .discardOptionSkipped ? nil : .discard
        case 0b10:
            if fault == .errorOptionSilent || (fault == .errorOptionSilentForMulticast && destinationIsMulticast) { return .discard }
            return problem
        default:
            guard destinationIsMulticast else { return problem }
            return fault == .unicastErrorOptionAnswersMulticast ? problem : .discard
        }
    }
}
