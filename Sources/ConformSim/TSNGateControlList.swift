/// An 802.1Qbv gate control list (802.1Q §8.6.8.4, §8.6.9): a cycle of entries, each a
/// duration and the set of traffic classes whose gates are open, repeating from the
/// administrative base time. Before the base time the schedule is not yet in force and every
/// gate is open. Also used for PSFP stream gates (one "class": open or closed).
struct TSNGateControlList: Sendable {
    struct Entry: Sendable {
        let durationNs: Int64
        /// Bit n set: traffic class n's gate is open.
        let openMask: UInt8
    }

    let entries: [Entry]
    let baseTimeNs: Int64
    let cycleNs: Int64

    init(entries: [Entry], baseTimeNs: Int64) {
        self.entries = entries
        self.baseTimeNs = baseTimeNs
        cycleNs = max(1, entries.reduce(0) { $0 + $1.durationNs })
    }

    /// The entry in force at `t`, and when it ends; nil before the base time.
    private func entry(at t: Int64) -> (mask: UInt8, endsAt: Int64, index: Int)? {
        guard t >= baseTimeNs else { return nil }
        let cycleStart = t - (t - baseTimeNs) % cycleNs
        var start = cycleStart
        for (index, entry) in entries.enumerated() {
            if t < start + entry.durationNs { return (entry.openMask, start + entry.durationNs, index) }
            start += entry.durationNs
        }
        return (entries.last?.openMask ?? 0xff, cycleStart + cycleNs, entries.count - 1)
    }

    func isOpen(_ trafficClass: Int, at t: Int64) -> Bool {
        guard let current = entry(at: t) else { return true }
        return current.mask & (1 << UInt8(trafficClass)) != 0
    }

    /// The next instant after `t` at which any gate may change.
    func nextChange(after t: Int64) -> Int64 {
        guard let current = entry(at: t) else { return baseTimeNs }
        return current.endsAt
    }

    /// How long from `t` the class's gate stays open without a break (nil: for ever, or
    /// longer than a cycle); 0 when it is closed at `t`.
    func openFor(_ trafficClass: Int, from t: Int64) -> Int64? {
        guard isOpen(trafficClass, at: t) else { return 0 }
        guard t >= baseTimeNs else { return baseTimeNs - t + (openFor(trafficClass, from: baseTimeNs) ?? Int64.max / 4) }
        var instant = t
        while instant - t <= cycleNs {
            instant = nextChange(after: instant)
            if !isOpen(trafficClass, at: instant) { return instant - t }
        }
        return nil
    }
}
