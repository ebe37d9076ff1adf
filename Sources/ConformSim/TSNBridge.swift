import ConformCapture
import ConformTime

/// The reference TSN bridge: a multi-port 802.1Q bridge on virtual time with MAC learning,
/// VLANs and the PCP → traffic class table, strict priority, 802.1Qbv scheduled traffic,
/// the 802.1Qav credit-based shaper, 802.1CB FRER and 802.1Qci per-stream filtering and
/// policing, configured as ``TSNBridgeConfiguration`` describes.
///
/// A frame is taken as received when the virtual link delivers it (its last bit in); it is
/// queued on its egress ports `forwarding_latency` later and reaches the link when its last
/// bit has left. Built fresh for each case: empty filtering database, queues and counters.
/// A ``TSNBridgeFault`` breaks exactly one function.
public final class TSNBridge: DeviceSimulator {
    public let fault: TSNBridgeFault?
    let configuration: TSNBridgeConfiguration
    private let clock: any HarnessClock
    private let egress: [String: TSNEgressPort]
    /// Filtering database, shared VLAN learning (802.1Q §8.8.8): MAC → port.
    private var learned: [[UInt8]: String] = [:]
    private var filters: [Int: TSNStreamFilter]
    private var recovery: TSNSequenceRecovery
    private var generatedSequence: UInt16 = 0

    public init(environment: SimulatorEnvironment) throws(SimulatorError) {
        guard !environment.links.isEmpty else { throw SimulatorError("tsn-bridge needs at least one link") }
        let fault = try environment.fault.map { descriptor throws(SimulatorError) in try TSNBridgeFault(descriptor) }
        let configuration = try TSNBridgeConfiguration.reference(pixit: environment.parameters)
        self.fault = fault
        self.configuration = configuration
        clock = environment.clock
        var egress: [String: TSNEgressPort] = [:]
        for (name, link) in environment.links {
            egress[name] = TSNEgressPort(name: name, link: link, clock: environment.clock,
                                         configuration: configuration.ports[name] ?? TSNPortConfiguration(), fault: fault)
        }
        self.egress = egress
        filters = configuration.filters.mapValues { TSNStreamFilter($0, fault: fault) }
        recovery = TSNSequenceRecovery(historyLength: configuration.frerHistoryLength,
                                       resetTimeoutNs: configuration.frerResetTimeoutNs,
                                       passesDuplicates: fault == .frerPassesDuplicates, resets: fault != .frerNoReset)
        for (name, link) in environment.links {
            link.onReceive = { [weak self] bytes in self?.receive(bytes, on: name) }
        }
    }

    /// The bridge's counters, as a management interface would read them: per egress port
    /// `PORT.queue-drops` and `PORT.oversize-drops` (queueMaxSDU); per filtered VID
    /// `psfp.VID.oversize-drops`, `.gate-drops`, `.meter-drops` and `.passed`; and
    /// `frer.passed`, `frer.discarded`, `frer.resets`.
    public var counters: [String: Int] {
        var counters: [String: Int] = ["frer.passed": recovery.passed, "frer.discarded": recovery.discarded,
                                       "frer.resets": recovery.resetCount]
        for (name, port) in egress {
            counters["\(name).queue-drops"] = port.queueDrops
            counters["\(name).oversize-drops"] = port.oversizeDrops
        }
        for (vid, filter) in filters {
            counters["psfp.\(vid).oversize-drops"] = filter.oversizeDrops
            counters["psfp.\(vid).gate-drops"] = filter.gateDrops
            counters["psfp.\(vid).meter-drops"] = filter.meterDrops
            counters["psfp.\(vid).passed"] = filter.passed
        }
        return counters
    }

    /// The ingress path: learning, per-stream filtering and policing, FRER, forwarding.
    private func receive(_ bytes: [UInt8], on port: String) {
        guard let frame = TSNFrame(bytes) else { return }
        let now = clock.now().ns
        if !frame.source.allSatisfy({ $0 == 0 }), frame.source[0] & 1 == 0 {
            learned[frame.source] = port
        }
        if filters[frame.vid] != nil, !filters[frame.vid]!.admit(length: bytes.count, at: now) { return }
        var out = bytes
        var destinations = destinations(of: frame, from: port)
        if frame.vid == configuration.recoveryVID, let sequence = frame.sequence {
            guard recovery.accept(sequence, at: now) else { return }
            out = frame.removingRTag()
        } else if frame.vid == configuration.generationVID, port == configuration.generationIngress, frame.sequence == nil {
            out = frame.addingRTag(sequence: generatedSequence)
            generatedSequence &+= 1
            destinations = configuration.generationEgress.filter { egress[$0] != nil }
        }
        let mapped = fault == .wrongPCPMapping ? frame.pcp : TSNBridgeConfiguration.pcpToTrafficClass[frame.pcp]
        let latency = configuration.forwardingLatencyNs + (fault == .slowForwarding ? TSNBridgeConfiguration.slowForwardingNs : 0)
        let ports = destinations.compactMap { egress[$0] }
        clock.schedule(at: now + latency) {
            for port in ports { port.enqueue(out, trafficClass: mapped) }
        }
    }

    /// The learned port for the destination, or every other port (flooding).
    private func destinations(of frame: TSNFrame, from port: String) -> [String] {
        if !frame.isMulticast, let known = learned[frame.destination] {
            return known == port ? [] : [known]
        }
        return egress.keys.filter { $0 != port }.sorted()
    }
}
