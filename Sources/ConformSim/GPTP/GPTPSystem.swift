import ConformCapture
import ConformTime
import ConformWire

/// A simulated IEEE 802.1AS-2020 time-aware system on virtual time: an end station (one port)
/// or a bridge (several). Each port measures its link delay with two-step Pdelay exchanges and
/// answers its neighbour's (§11.2.19, §11.2.20), and is asCapable while the delay stays within
/// neighborPropDelayThresh and responses keep coming (§11.2.2). The best master selection
/// (§10.3) compares Announces with its own grandmaster-capable priority vector: as grandmaster
/// it sends two-step Sync, Follow_Up and Announce (with a path trace) on every asCapable port;
/// behind a better master it forwards that master's Announce (stepsRemoved + 1, path trace
/// extended) and, on a bridge, its Sync with residence and upstream link delay added to the
/// correctionField (§11.1.3). Receipt timeouts (3 intervals) return it to grandmaster.
///
/// Deterministic: timers start at the reset instant, and time is the harness clock's.
public final class GPTPSystem: DeviceSimulator {
    public let clockIdentity: UInt64
    public let parameters: GPTPParameters
    public let fault: GPTPFault?
    private let clock: any HarnessClock
    private let ports: [GPTPPort]
    private let own: GPTPPriorityVector
    private var upstream: Upstream?
    private var syncTimers: [ScheduledEventID?]

    /// The better master this system follows.
    private struct Upstream {
        var vector: GPTPPriorityVector
        var port: Int
        var pathTrace: [UInt64]
        var announceTimeout: ScheduledEventID?
        var syncTimeout: ScheduledEventID?
        var lastSync: (sequence: UInt64, arrival: Int64)?
    }

    /// A system with a port on every link of the environment.
    public convenience init(environment: SimulatorEnvironment) throws(SimulatorError) {
        try self.init(environment: environment, ports: nil)
    }

    /// - Parameter names: the tester ports whose links the system attaches to (nil: all); a
    ///   suite may declare more ports than the system has.
    public init(environment: SimulatorEnvironment, ports names: [String]?) throws(SimulatorError) {
        let links = environment.links.filter { names?.contains($0.key) ?? true }
        guard let text = environment.addresses["mac"], let mac = MACAddress(text: text) else {
            throw SimulatorError("a gPTP system needs the target's nut.mac")
        }
        guard !links.isEmpty else { throw SimulatorError("a gPTP system needs at least one link") }
        parameters = try GPTPParameters(pixit: environment.parameters)
        fault = try environment.fault.map { descriptor throws(SimulatorError) in try GPTPFault(descriptor) }
        clock = environment.clock
        // IEEE 802.1AS-2020 §8.5.2.2: a ClockIdentity from the EUI-48 with FF-FE in the middle.
        let m = mac.bytes.map(UInt64.init)
        let identity = m[0] << 56 | m[1] << 48 | m[2] << 40 | 0xff << 32 | 0xfe << 24 | m[3] << 16 | m[4] << 8 | m[5]
        clockIdentity = identity
        own = .own(identity)
        let parameters = parameters
        ports = links.sorted { $0.key < $1.key }.enumerated().map { index, entry in
            GPTPPort(name: entry.key, number: UInt64(index + 1), clockIdentity: identity, mac: mac, link: entry.value,
                     clock: environment.clock, parameters: parameters)
        }
        syncTimers = Array(repeating: nil, count: ports.count)
        start()
    }

    /// Whether the port of tester port `name` is asCapable.
    public func isAsCapable(_ name: String) -> Bool { ports.first { $0.name == name }?.asCapable ?? false }

    /// The meanLinkDelay the port of tester port `name` measured, in ns.
    public func meanLinkDelay(_ name: String) -> Int64? { ports.first { $0.name == name }?.meanLinkDelay }

    /// The grandmaster this system follows (its own identity while it is grandmaster).
    public var grandmaster: UInt64 { upstream?.vector.grandmaster ?? clockIdentity }

    /// Frames the system meant to send but the codecs refused; empty unless they disagree.
    public var transmitFailures: [String] { ports.flatMap(\.buildFailures) }

    private func start() {
        let now = clock.now().ns
        let pdelayInterval = fault == .pdelayIntervalTwoSeconds ? TimeAmount.seconds(2) : parameters.pdelayInterval
        let announceInterval = fault == .announceIntervalTwoSeconds ? TimeAmount.seconds(2) : parameters.announceInterval
        for (index, port) in ports.enumerated() {
            port.onReceive { [weak self] bytes in self?.receive(bytes, on: index) }
            if fault == .syncInterval250ms { port.syncInterval = .milliseconds(250) }
            repeatEvery(pdelayInterval, from: now) { [weak port] in port?.sendPdelayRequest() }
            repeatEvery(announceInterval, from: now + announceInterval.ns) { [weak self] in self?.sendAnnounce(on: index) }
            scheduleSync(on: index, at: now + port.syncInterval.ns)
        }
    }

    private func repeatEvery(_ interval: TimeAmount, from first: Int64, _ action: @escaping () -> Void) {
        _ = clock.schedule(at: first) { [weak self] in
            action()
            self?.repeatEvery(interval, from: first + interval.ns, action)
        }
    }

    /// The grandmaster's Sync timer of one port; a message interval request reschedules it.
    private func scheduleSync(on index: Int, at deadline: Int64) {
        syncTimers[index].map(clock.cancel)
        syncTimers[index] = clock.schedule(at: deadline) { [weak self] in
            guard let self else { return }
            self.sendGrandmasterSync(on: index)
            self.scheduleSync(on: index, at: deadline + self.ports[index].syncInterval.ns)
        }
    }

    /// A port sends Sync and Announce only when asCapable (§11.2.2) and not toward its master.
    private func isMaster(_ index: Int) -> Bool {
        (ports[index].asCapable || fault == .syncWhileNotAsCapable) && upstream?.port != index
    }

    private func sendGrandmasterSync(on index: Int) {
        guard upstream == nil, isMaster(index) else { return }
        let port = ports[index]
        let sequence = port.syncSequence
        port.syncSequence = (sequence + 1) & 0xffff
        guard let sent = port.send(port.frame(.sync, sequence: sequence, logInterval: Self.logInterval(port.syncInterval), [])) else { return }
        sendFollowUp(on: port, sequence: sequence, preciseOrigin: localTime(sent), correction: 0, cumulativeScaledRateOffset: 0)
    }

    private func sendFollowUp(on port: GPTPPort, sequence: UInt64, preciseOrigin: Int64, correction: UInt64,
                              cumulativeScaledRateOffset: UInt64) {
        let tlvs = fault == .followUpWithoutTLV ? [] : [GPTPMessages.followUpInformation(cumulativeScaledRateOffset: cumulativeScaledRateOffset)]
        let followUpSequence = fault == .followUpWrongSequence ? (sequence + 1) & 0xffff : sequence
        port.send(port.frame(.followUp, sequence: followUpSequence, logInterval: Self.logInterval(port.syncInterval), correction: correction,
                             GPTPMessages.timestamp("ptp.v2.fu.preciseorigintimestamp", preciseOrigin), tlvs: tlvs))
    }

    private func sendAnnounce(on index: Int) {
        guard isMaster(index) else { return }
        let port = ports[index]
        var vector = own
        var trace: [UInt64] = []
        if let upstream {
            vector = upstream.vector
            vector.stepsRemoved += 1
            trace = upstream.pathTrace
        }
        var body = GPTPMessages.announce(vector)
        if fault != .announceWithoutPathTrace {
            body += (trace + [clockIdentity]).map { ("ptp.v2.an.pathsequence", FieldValue.uint($0)) }
        }
        let sequence = port.announceSequence
        port.announceSequence = (sequence + 1) & 0xffff
        let interval = fault == .announceIntervalTwoSeconds ? TimeAmount.seconds(2) : parameters.announceInterval
        port.send(port.frame(.announce, sequence: sequence, logInterval: Self.logInterval(interval), body))
    }

    private func receive(_ bytes: [UInt8], on index: Int) {
        let d = Dissector.dissect(bytes)
        guard d.first("eth.dst") == .ether(GPTPMessages.destination), d.unsigned("ptp.v2.majorsdoid") == 1,
              let type = d.unsigned("ptp.v2.messagetype") else { return }
        let now = clock.now().ns
        switch PTPMessageType(rawValue: UInt8(type)) {
        case .pdelayRequest: answerPdelayRequest(d, arrival: now, on: ports[index])
        case .pdelayResponse: ports[index].pdelayResponseReceived(d, at: now)
        case .pdelayResponseFollowUp: ports[index].pdelayFollowUpReceived(d)
        case .announce: announceReceived(d, on: index)
        case .sync: syncReceived(d, arrival: now, on: index)
        case .followUp: followUpReceived(d, on: index)
        case .signaling: signalingReceived(d, on: index)
        default: break
        }
    }

    /// §11.2.20: Pdelay_Resp with t2 and the requester's identity and sequenceId, then
    /// Pdelay_Resp_Follow_Up with t3, the response's departure.
    private func answerPdelayRequest(_ d: Dissection, arrival t2: Int64, on port: GPTPPort) {
        guard let sequence = d.unsigned("ptp.v2.sequenceid"), let clock = d.unsigned("ptp.v2.clockidentity"),
              let number = d.unsigned("ptp.v2.sourceportid") else { return }
        let requester = GPTPPortIdentity(clock: clock, port: fault == .pdelayResponseWrongRequester ? (number + 1) & 0xffff : number)
        let turnaround = fault == .pdelayTurnaround20ms ? TimeAmount.milliseconds(20) : parameters.pdelayTurnaround
        _ = self.clock.schedule(after: turnaround) { [weak self, weak port] in
            guard let self, let port else { return }
            let response = port.frame(.pdelayResponse, sequence: sequence,
                                      GPTPMessages.timestamp("ptp.v2.pdrs.requestreceipttimestamp", self.localTime(t2)) + GPTPMessages.requesting("ptp.v2.pdrs", requester))
            guard let t3 = port.send(response) else { return }
            port.send(port.frame(.pdelayResponseFollowUp, sequence: sequence,
                                 GPTPMessages.timestamp("ptp.v2.pdfu.responseorigintimestamp", self.localTime(t3)) + GPTPMessages.requesting("ptp.v2.pdfu", requester)))
        }
    }

    /// §10.3: a better Announce on an asCapable port makes it the slave port; an Announce whose
    /// path trace already holds this system's identity has looped and is dropped (§10.3, path trace).
    private func announceReceived(_ d: Dissection, on index: Int) {
        guard ports[index].asCapable, fault != .ignoresBetterMaster, let vector = GPTPPriorityVector(announce: d),
              vector.grandmaster != clockIdentity else { return }
        let trace = d.values("ptp.v2.an.pathsequence").compactMap(\.unsignedValue)
        if trace.contains(clockIdentity), fault != .acceptsLoopedAnnounce { return }
        guard vector < own else { return }
        if let current = upstream, current.port != index, current.vector < vector { return }
        upstream?.announceTimeout.map(clock.cancel)
        upstream?.syncTimeout.map(clock.cancel)
        var next = Upstream(vector: vector, port: index, pathTrace: trace, lastSync: nil)
        let timeout = parameters.announceInterval * parameters.receiptTimeoutIntervals
        if fault != .noAnnounceReceiptTimeout {
            next.announceTimeout = clock.schedule(after: timeout) { [weak self] in self?.loseUpstream() }
        }
        upstream = next
    }

    /// Receipt timeouts (§10.7.3): back to grandmaster.
    private func loseUpstream() {
        upstream?.announceTimeout.map(clock.cancel)
        upstream?.syncTimeout.map(clock.cancel)
        upstream = nil
    }

    private func syncReceived(_ d: Dissection, arrival: Int64, on index: Int) {
        guard upstream?.port == index, let sequence = d.unsigned("ptp.v2.sequenceid") else { return }
        upstream?.lastSync = (sequence, arrival)
        upstream?.syncTimeout.map(clock.cancel)
        upstream?.syncTimeout = clock.schedule(after: parameters.syncInterval * parameters.receiptTimeoutIntervals) { [weak self] in
            self?.loseUpstream()
        }
    }

    /// §11.1.3: each master port sends Sync after the residence time, and a Follow_Up with the
    /// master's preciseOriginTimestamp and correctionField + upstream meanLinkDelay + residence.
    private func followUpReceived(_ d: Dissection, on index: Int) {
        guard let current = upstream, current.port == index, let sync = current.lastSync,
              d.unsigned("ptp.v2.sequenceid") == sync.sequence,
              let origin = d.instant("ptp.v2.fu.preciseorigintimestamp") else { return }
        let correction = Int64(truncatingIfNeeded: d.unsigned("ptp.v2.correction.ns") ?? 0)
        // §11.4.4.3: rateRatio = (cumulativeScaledRateOffset · 2^-41 + 1) · neighborRateRatio.
        let offsetIn = Int32(truncatingIfNeeded: d.unsigned("ptp.as.fu.cumulativeScaledRateOffset") ?? 0)
        let rateRatio = fault == .rateRatioNotAccumulated
            ? 1 + Double(offsetIn) / Self.twoTo41 : (1 + Double(offsetIn) / Self.twoTo41) * ports[index].neighborRateRatio
        let rateOffset = UInt64(UInt32(bitPattern: Int32(clamping: ((rateRatio - 1) * Self.twoTo41).saturatingInt64)))
        let upstreamDelay = ports[index].meanLinkDelay ?? 0
        let residence = fault == .residence15ms ? TimeAmount.milliseconds(15) : parameters.residence
        let departure = max(clock.now().ns, sync.arrival + residence.ns)
        for (target, port) in ports.enumerated() where target != index {
            _ = clock.schedule(at: departure) { [weak self, weak port] in
                guard let self, let port, self.isMaster(target) else { return }
                let sequence = port.syncSequence
                port.syncSequence = (sequence + 1) & 0xffff
                guard let sent = port.send(port.frame(.sync, sequence: sequence, logInterval: Self.logInterval(port.syncInterval), [])) else { return }
                // The residence, measured on this system's clock, in grandmaster time.
                let held = self.fault == .correctionWithoutResidence ? 0 : (Double(sent - sync.arrival) * rateRatio).saturatingInt64
                self.sendFollowUp(on: port, sequence: sequence, preciseOrigin: origin,
                                  correction: UInt64(bitPattern: correction &+ upstreamDelay &+ held), cumulativeScaledRateOffset: rateOffset)
            }
        }
    }

    /// §10.6.4.3: the timeSyncInterval of a message interval request: −128 no change, 126 back
    /// to the initial interval, 127 stop (not modelled: treated as no change), else 2^n s.
    private func signalingReceived(_ d: Dissection, on index: Int) {
        guard fault != .ignoresIntervalRequest, let requested = d.signed("ptp.as.sig.tlv.timesyncinterval") else { return }
        let port = ports[index]
        switch requested {
        case -128, 127: return
        case 126: port.syncInterval = parameters.syncInterval
        case -7...6: port.syncInterval = TimeAmount(ns: requested >= 0 ? 1_000_000_000 << requested : 1_000_000_000 >> -requested)
        default: return
        }
        scheduleSync(on: index, at: clock.now().ns + port.syncInterval.ns)
    }

    /// The system's LocalClock reading at a harness instant: the harness's time, or 300 ppm
    /// fast under the `clock-300ppm-fast` fault (IEEE 802.1AS-2020 §B.1.1 allows ±100 ppm).
    func localTime(_ ns: Int64) -> Int64 {
        fault == .clock300ppmFast ? ns + ns / 1_000_000 * 300 + ns % 1_000_000 * 300 / 1_000_000 : ns
    }

    static let twoTo41 = 2_199_023_255_552.0

    /// log2 of an interval in seconds, as logMessageInterval carries it.
    static func logInterval(_ interval: TimeAmount) -> Int64 {
        var log: Int64 = 0
        var ns = interval.ns
        while ns < 1_000_000_000, log > -8 { ns *= 2; log -= 1 }
        while ns >= 2_000_000_000, log < 8 { ns /= 2; log += 1 }
        return log
    }
}
