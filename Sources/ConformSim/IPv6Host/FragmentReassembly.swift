import ConformTime
import ConformWire

/// Reassembly of fragmented packets (RFC 8200 §4.5) for one interface, on the harness clock.
///
/// Fragments are grouped by source, destination and Identification. A packet is rebuilt once
/// the first fragment, the last one (M=0) and everything between have arrived; overlapping
/// fragments discard the whole packet (RFC 5722 §4); a packet not complete 60 s after its
/// first-arriving fragment is discarded, with a Time Exceeded (code 1) when the fragment of
/// offset 0 had arrived.
final class FragmentReassembly {
    /// RFC 8200 §4.5.
    static let timeout = TimeAmount.seconds(60)

    struct Key: Hashable {
        let source: IPv6Address
        let destination: IPv6Address
        let identification: UInt32
    }

    /// One fragment as received: where its data goes and the packet that carried it.
    struct Fragment {
        /// In octets from the start of the fragmentable part.
        let offset: Int
        let data: [UInt8]
        let more: Bool
        /// The whole IPv6 packet that carried the fragment (for Time Exceeded).
        let packet: [UInt8]
        /// The offset of its Fragment header in `packet`.
        let headerOffset: Int
    }

    private struct Pending {
        var fragments: [Fragment] = []
        var timer: ScheduledEventID?
    }

    private let clock: any HarnessClock
    private let fault: IPv6HostFault?
    /// Looked up by key only; never iterated, so its order never reaches an output.
    private var pending: [Key: Pending] = [:]
    /// Called with the fragment of offset 0 of a packet that timed out.
    private let timedOut: ([UInt8]) -> Void

    init(clock: any HarnessClock, fault: IPv6HostFault?, timedOut: @escaping ([UInt8]) -> Void) {
        self.clock = clock
        self.fault = fault
        self.timedOut = timedOut
    }

    /// Takes one fragment: `packet` is the IPv6 packet, its Fragment header at `headerOffset`.
    /// - Returns: the reassembled IPv6 packet when this fragment completes one.
    func receive(_ packet: [UInt8], fragmentHeaderAt headerOffset: Int, source: IPv6Address,
                 destination: IPv6Address) -> [UInt8]? {
        guard headerOffset + 8 <= packet.count else { return nil }
        let identification = packet[(headerOffset + 4)..<(headerOffset + 8)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let offsetAndFlags = Int(packet[headerOffset + 2]) << 8 | Int(packet[headerOffset + 3])
        let fragment = Fragment(offset: (offsetAndFlags >> 3) * 8, data: Array(packet[(headerOffset + 8)...]),
                                more: offsetAndFlags & 1 == 1, packet: packet, headerOffset: headerOffset)
        let key = Key(source: source, destination: destination,
                      identification: fault == .reassemblyIgnoresIdentification ? 0 : identification)
        var entry = pending[key] ?? Pending()
        if entry.timer == nil {
            entry.timer = clock.schedule(after: Self.timeout) { [weak self] in self?.expire(key) }
        }
        let overlaps = entry.fragments.contains {
            fragment.offset < $0.offset + $0.data.count && $0.offset < fragment.offset + fragment.data.count
        }
        let outOfOrder = fault == .reassemblyInOrderOnly && fragment.offset != entry.fragments.map { $0.offset + $0.data.count }.max() ?? 0
        if (overlaps && fault != .overlapAccepted) || outOfOrder {
            // RFC 5722 §4: the whole packet is discarded silently.
            discard(key)
            return nil
        }
        entry.fragments.append(fragment)
        pending[key] = entry
        guard let whole = Self.reassemble(entry.fragments) else { return nil }
        discard(key)
        return whole
    }

    private func expire(_ key: Key) {
        guard let entry = pending[key] else { return }
        pending[key] = nil
        let first = entry.fragments.first { $0.offset == 0 } ?? (fault == .fragmentTimeoutWithoutFirst ? entry.fragments.first : nil)
        if let first, fault != .fragmentTimeoutSilent { timedOut(first.packet) }
    }

    private func discard(_ key: Key) {
        if let timer = pending[key]?.timer { clock.cancel(timer) }
        pending[key] = nil
    }

    /// The packet the fragments make when they are complete: the first fragment's headers up
    /// to its Fragment header, whose Next Header takes the place of the Fragment header's
    /// number, then the data in offset order.
    static func reassemble(_ fragments: [Fragment]) -> [UInt8]? {
        let ordered = fragments.sorted { $0.offset < $1.offset }
        guard let first = ordered.first, first.offset == 0, first.headerOffset < first.packet.count,
              let last = ordered.last, !last.more else { return nil }
        var data: [UInt8] = []
        for fragment in ordered {
            guard fragment.offset <= data.count else { return nil }
            data.replaceSubrange(fragment.offset..<min(data.count, fragment.offset + fragment.data.count), with: fragment.data)
        }
        var header = Array(first.packet[..<first.headerOffset])
        guard header.count >= 40, let announcer = nextHeaderField(in: header) else { return nil }
        header[announcer] = first.packet[first.headerOffset]
        let length = header.count - 40 + data.count
        guard length <= 0xffff else { return nil }
        header[4] = UInt8(length >> 8)
        header[5] = UInt8(length & 0xff)
        return header + data
    }

    /// The offset of the Next Header field of the last header in `headers` (the IPv6 header
    /// and the extension headers before the Fragment header).
    private static func nextHeaderField(in headers: [UInt8]) -> Int? {
        var field = 6, cursor = 40
        while cursor < headers.count {
            guard cursor + 2 <= headers.count else { return nil }
            field = cursor
            cursor += (Int(headers[cursor + 1]) + 1) * 8
        }
        return cursor == headers.count ? field : nil
    }
}
