/// A PSFP stream filter on ingress (802.1Q §8.6.5.1): maximum SDU size, stream gate and flow
/// meter, checked in that order; each keeps a count of the frames it dropped.
struct TSNStreamFilter: Sendable {
    let configuration: TSNStreamFilterConfiguration
    let fault: TSNBridgeFault?
    /// Committed tokens in nanobytes (bytes × 10⁹).
    private var tokens: Int64
    private var refilledAt: Int64 = 0
    private(set) var oversizeDrops = 0
    private(set) var gateDrops = 0
    private(set) var meterDrops = 0
    private(set) var passed = 0

    init(_ configuration: TSNStreamFilterConfiguration, fault: TSNBridgeFault?) {
        self.configuration = configuration
        self.fault = fault
        tokens = (configuration.meter?.burst ?? 0) * 1_000_000_000
    }

    /// Whether a frame of `length` bytes (without FCS) arriving at `now` passes.
    mutating func admit(length: Int, at now: Int64) -> Bool {
        if let maxSDU = configuration.maxSDU, length > maxSDU, fault != .maxSDUIgnored {
            oversizeDrops += 1
            return false
        }
        if let gate = configuration.gate, !gate.isOpen(0, at: now), fault != .streamGateIgnored {
            gateDrops += 1
            return false
        }
        if let meter = configuration.meter {
            // A token bucket filled at CIR/8 bytes per second up to CBS (MEF 10.3 committed bucket).
            tokens = min(meter.burst * 1_000_000_000, tokens + (meter.rate / 8) * max(0, now - refilledAt))
            refilledAt = now
            let needed = Int64(length) * 1_000_000_000
            if tokens < needed, fault != .flowMeterIgnored {
                meterDrops += 1
                return false
            }
            tokens = max(0, tokens - needed)
        }
        passed += 1
        return true
    }
}
