import ConformCapture
import ConformTime

/// One bridge port's transmit side: eight traffic-class queues, transmission selection by
/// strict priority (802.1Q §8.6.8.1), optionally an 802.1Qbv gate control list with a
/// length-aware guard band and an 802.1Qav shaper on one class, and serialisation at the
/// port rate. A frame reaches the link when its last bit has left.
final class TSNEgressPort {
    let name: String
    private let link: VirtualLink.DeviceEnd
    private let clock: any HarnessClock
    private let configuration: TSNPortConfiguration
    private let fault: TSNBridgeFault?
    private var queues: [[[UInt8]]] = Array(repeating: [], count: 8)
    /// Arrival order over all classes, for the FIFO fault.
    private var arrivals: [(trafficClass: Int, order: UInt64)] = []
    private var arrivalCounter: UInt64 = 0
    private var transmittingClass: Int?
    private var shaper: TSNCreditBasedShaper?
    private var wakeup: ScheduledEventID?
    /// Frames dropped because their queue was full.
    private(set) var queueDrops = 0
    /// Frames dropped for exceeding their class's queueMaxSDU.
    private(set) var oversizeDrops = 0

    /// The bridge's frame overhead on the wire: FCS 4, preamble and SFD 8, inter-frame gap 12.
    static let wireOverhead = 24
    static let queueDepth = 128

    init(name: String, link: VirtualLink.DeviceEnd, clock: any HarnessClock, configuration: TSNPortConfiguration,
         fault: TSNBridgeFault?) {
        self.name = name
        self.link = link
        self.clock = clock
        self.configuration = configuration
        self.fault = fault
        if let cbs = configuration.shaper {
            shaper = TSNCreditBasedShaper(idleSlope: cbs.idleSlope, portRate: configuration.rate,
                                          maxInterferenceBits: Int64(8 * (1_522 + Self.wireOverhead)),
                                          maxFrameBits: Int64(8 * (1_522 + Self.wireOverhead)),
                                          capsAtHiCredit: fault != .shaperIgnoresHiCredit)
        }
    }

    /// Queues a frame in its traffic class; a full queue drops it (tail drop), and so does a
    /// class whose queueMaxSDU the frame exceeds (802.1Q §8.6.8.4).
    func enqueue(_ bytes: [UInt8], trafficClass: Int) {
        updateShaper()
        if let maxSDU = configuration.maxSDU[trafficClass], bytes.count > maxSDU, fault != .queueMaxSDUIgnored {
            oversizeDrops += 1
            return
        }
        guard queues[trafficClass].count < Self.queueDepth else {
            queueDrops += 1
            return
        }
        queues[trafficClass].append(bytes)
        arrivals.append((trafficClass, arrivalCounter))
        arrivalCounter += 1
        selectForTransmission()
    }

    /// Time on the wire of a frame of `length` bytes (without FCS), in ns, rounded up.
    func transmissionTime(_ length: Int) -> Int64 {
        let bits = Int64(8 * (length + Self.wireOverhead))
        return (bits * 1_000_000_000 + configuration.rate - 1) / configuration.rate
    }

    private func updateShaper() {
        guard let cbs = configuration.shaper, shaper != nil else { return }
        shaper!.advance(to: clock.now().ns, transmitting: transmittingClass == cbs.trafficClass,
                        waiting: !queues[cbs.trafficClass].isEmpty)
    }

    /// 802.1Q §8.6.8: the highest class whose head frame is eligible now goes next.
    private func selectForTransmission() {
        guard transmittingClass == nil else { return }
        let now = clock.now().ns
        updateShaper()
        for trafficClass in candidateOrder() where eligible(trafficClass, at: now) {
            transmit(trafficClass, at: now)
            return
        }
        scheduleWakeup(after: now)
    }

    private func candidateOrder() -> [Int] {
        if fault == .fifoEgress { return arrivals.first.map { [$0.trafficClass] } ?? [] }
        return (0..<8).reversed().filter { !queues[$0].isEmpty }
    }

    private func eligible(_ trafficClass: Int, at now: Int64) -> Bool {
        guard let frame = queues[trafficClass].first else { return false }
        if let cbs = configuration.shaper, cbs.trafficClass == trafficClass, fault != .shaperDisabled,
           let shaper, shaper.credit < 0 {
            return false
        }
        guard let gates = configuration.gates, fault != .gateAlwaysOpen else { return true }
        guard gateOpen(gates, trafficClass, at: now) else { return false }
        if fault == .noGuardBand { return true }
        // Guard band: the whole frame must leave before the gate closes.
        if let open = gates.openFor(trafficClass, from: now), open < transmissionTime(frame.count) { return false }
        return true
    }

    private func gateOpen(_ gates: TSNGateControlList, _ trafficClass: Int, at now: Int64) -> Bool {
        guard gates.isOpen(trafficClass, at: now) else { return false }
        guard fault == .gateOpensLate else { return true }
        return gates.isOpen(trafficClass, at: now - TSNBridgeConfiguration.lateGateNs)
    }

    private func transmit(_ trafficClass: Int, at now: Int64) {
        let frame = queues[trafficClass].removeFirst()
        if let index = arrivals.firstIndex(where: { $0.trafficClass == trafficClass }) { arrivals.remove(at: index) }
        transmittingClass = trafficClass
        clock.schedule(at: now + transmissionTime(frame.count)) { [weak self] in
            guard let self else { return }
            self.updateShaper()
            self.transmittingClass = nil
            self.link.send(frame)
            self.selectForTransmission()
        }
    }

    /// With frames waiting but none eligible: wake at the next gate change or when the
    /// shaper's credit reaches zero, whichever is first.
    private func scheduleWakeup(after now: Int64) {
        if let wakeup { clock.cancel(wakeup) }
        wakeup = nil
        guard queues.contains(where: { !$0.isEmpty }) else { return }
        var next = Int64.max
        if let gates = configuration.gates, fault != .gateAlwaysOpen {
            next = gates.nextChange(after: now)
            if fault == .gateOpensLate {
                next = min(next, gates.nextChange(after: now - TSNBridgeConfiguration.lateGateNs) + TSNBridgeConfiguration.lateGateNs)
            }
        }
        if let shaper, shaper.nanosecondsToZero > 0 { next = min(next, now + shaper.nanosecondsToZero) }
        guard next != Int64.max, next > now else { return }
        wakeup = clock.schedule(at: next) { [weak self] in
            self?.wakeup = nil
            self?.selectForTransmission()
        }
    }
}
