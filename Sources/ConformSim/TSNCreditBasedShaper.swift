/// The 802.1Qav credit-based shaper of one traffic class (802.1Q §8.6.8.2), in integer
/// "nanobits" (bits × 10⁹) so that slope × nanoseconds is exact.
///
/// - While the class transmits, credit falls at sendSlope = idleSlope − portTransmitRate.
/// - While frames wait and the class does not transmit, credit rises at idleSlope, up to hiCredit.
/// - With no frame waiting, positive credit drops to zero; negative credit recovers to zero.
/// A frame may start only with credit ≥ 0.
struct TSNCreditBasedShaper: Sendable {
    let idleSlope: Int64
    let portRate: Int64
    /// hiCredit and loCredit in nanobits.
    let hiCredit: Int64
    let loCredit: Int64
    /// The fault that removes the hiCredit limit.
    let capsAtHiCredit: Bool
    private(set) var credit: Int64 = 0
    private var updatedAt: Int64 = 0

    /// - Parameters:
    ///   - maxInterferenceBits: the largest frame (with overhead) that can delay the class,
    ///     giving hiCredit = maxInterference · idleSlope / portRate (802.1Q Annex L.1).
    ///   - maxFrameBits: the class's largest frame, giving loCredit = maxFrame · sendSlope / portRate.
    init(idleSlope: Int64, portRate: Int64, maxInterferenceBits: Int64, maxFrameBits: Int64, capsAtHiCredit: Bool) {
        self.idleSlope = idleSlope
        self.portRate = portRate
        hiCredit = maxInterferenceBits * idleSlope / portRate * 1_000_000_000
        loCredit = maxFrameBits * (idleSlope - portRate) / portRate * 1_000_000_000
        self.capsAtHiCredit = capsAtHiCredit
    }

    /// Brings the credit to `now`, given what the class did since the last update.
    mutating func advance(to now: Int64, transmitting: Bool, waiting: Bool) {
        let elapsed = max(0, now - updatedAt)
        updatedAt = now
        if transmitting {
            credit += (idleSlope - portRate) * elapsed
        } else if waiting {
            credit += idleSlope * elapsed
            if capsAtHiCredit { credit = min(credit, hiCredit) }
        } else if credit > 0 {
            credit = 0
        } else {
            credit = min(0, credit + idleSlope * elapsed)
        }
    }

    /// Nanoseconds until credit reaches zero at idleSlope (0 when it is not negative).
    var nanosecondsToZero: Int64 {
        credit >= 0 ? 0 : (-credit + idleSlope - 1) / idleSlope
    }
}
