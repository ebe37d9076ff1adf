/// The 802.1CB sequence recovery function with the vector recovery algorithm (§7.4.3.4):
/// a history window of the last `historyLength` sequence numbers; a number already in it is
/// a duplicate, one outside it a rogue, both discarded. After `resetTimeout` without an
/// accepted frame the function resets and takes any sequence number (SequenceRecoveryReset).
struct TSNSequenceRecovery: Sendable {
    let historyLength: Int
    let resetTimeoutNs: Int64
    let passesDuplicates: Bool
    let resets: Bool
    private var recovered: UInt16 = 0
    /// Bit n set: `recovered − n` was accepted.
    private var history: UInt64 = 0
    private var takeAny = true
    private var lastAcceptedAt: Int64 = 0
    private(set) var passed = 0
    private(set) var discarded = 0
    private(set) var resetCount = 0

    init(historyLength: Int, resetTimeoutNs: Int64, passesDuplicates: Bool, resets: Bool) {
        self.historyLength = min(max(historyLength, 2), 64)
        self.resetTimeoutNs = resetTimeoutNs
        self.passesDuplicates = passesDuplicates
        self.resets = resets
    }

    /// Whether the frame with `sequence`, arriving at `now`, is passed on.
    mutating func accept(_ sequence: UInt16, at now: Int64) -> Bool {
        if resets, !takeAny, now - lastAcceptedAt >= resetTimeoutNs {
            takeAny = true
            resetCount += 1
        }
        if takeAny {
            takeAny = false
            recovered = sequence
            history = 1
            return pass(at: now)
        }
        let delta = Int(Int16(bitPattern: sequence &- recovered))
        if abs(delta) >= historyLength {
            discarded += 1
            return false
        }
        if delta <= 0 {
            let bit = UInt64(1) << UInt64(-delta)
            if history & bit != 0 {
                if passesDuplicates { return pass(at: now) }
                discarded += 1
                return false
            }
            history |= bit
            return pass(at: now)
        }
        history = (history << UInt64(delta)) | 1
        recovered = sequence
        return pass(at: now)
    }

    private mutating func pass(at now: Int64) -> Bool {
        lastAcceptedAt = now
        passed += 1
        return true
    }
}
