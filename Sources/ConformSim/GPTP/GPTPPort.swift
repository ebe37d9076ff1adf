import ConformCapture
import ConformTime
import ConformWire

/// One port of a simulated time-aware system: its link, its peer-delay measurement and the
/// asCapable decision (IEEE 802.1AS-2020 §11.2.2, §11.2.19), and its per-port intervals.
final class GPTPPort {
    let name: String
    let identity: GPTPPortIdentity
    private let link: VirtualLink.DeviceEnd
    private let clock: any HarnessClock
    private let mac: MACAddress
    /// Frames the port meant to send but the codec refused; empty unless they disagree.
    private(set) var buildFailures: [String] = []

    /// The measured meanLinkDelay in ns, once an exchange completed.
    private(set) var meanLinkDelay: Int64?
    /// neighborRateRatio (§11.2.19.3.3): the neighbour's clock rate over this system's, 1
    /// until two exchanges completed.
    private(set) var neighborRateRatio = 1.0
    /// t3 and t4 of the last completed exchange, for the next rate ratio.
    private var lastResponse: (t3: Int64, t4: Int64)?
    private(set) var asCapable = false
    /// The Sync interval in effect on this port (a message interval request changes it).
    var syncInterval: TimeAmount

    private let parameters: GPTPParameters
    private var pdelaySequence: UInt64 = 0
    private var lostResponses = 0
    private var pending: PendingExchange?
    var syncSequence: UInt64 = 0
    var announceSequence: UInt64 = 0

    /// One Pdelay exchange this port initiated (§11.2.19: t1 sent, t2/t4 from the response, t3 from its follow-up).
    private struct PendingExchange {
        let sequence: UInt64
        let t1: Int64
        var t2: Int64?
        var t4: Int64?
        var complete = false
    }

    init(name: String, number: UInt64, clockIdentity: UInt64, mac: MACAddress, link: VirtualLink.DeviceEnd,
         clock: any HarnessClock, parameters: GPTPParameters) {
        self.name = name
        self.identity = GPTPPortIdentity(clock: clockIdentity, port: number)
        self.mac = mac
        self.link = link
        self.clock = clock
        self.parameters = parameters
        self.syncInterval = parameters.syncInterval
    }

    func onReceive(_ handler: @escaping ([UInt8]) -> Void) { link.onReceive = handler }

    /// Builds and sends a frame. - Returns: its transmit time in ns, or nil when it could not be built.
    @discardableResult
    func send(_ layers: [LayerSpec]) -> Int64? {
        do {
            let bytes = try FrameBuilder.build(layers)
            let sent = clock.now().ns
            link.send(bytes)
            return sent
        } catch {
            buildFailures.append("\(name): \(error)")
            return nil
        }
    }

    func frame(_ type: PTPMessageType, sequence: UInt64, logInterval: Int64? = nil, correction: UInt64 = 0,
               _ body: [(abbrev: String, value: FieldValue)], tlvs: [LayerSpec] = []) -> [LayerSpec] {
        GPTPMessages.frame(from: mac, type: type, source: identity, sequence: sequence, logInterval: logInterval,
                           correction: correction, body, tlvs: tlvs)
    }

    /// Sends the next Pdelay_Req (§11.2.19.3.1); an exchange still open counts as lost, and
    /// after allowedLostResponses of them the port is no longer asCapable (§11.2.2).
    func sendPdelayRequest() {
        if let pending, !pending.complete {
            lostResponses += 1
            if lostResponses >= parameters.allowedLostResponses { asCapable = false }
        }
        let sequence = pdelaySequence
        pdelaySequence = (pdelaySequence + 1) & 0xffff
        if let t1 = send(frame(.pdelayRequest, sequence: sequence, [])) {
            pending = PendingExchange(sequence: sequence, t1: t1)
        }
    }

    /// A Pdelay_Resp for this port's open exchange: t2 from it, t4 its arrival.
    func pdelayResponseReceived(_ d: Dissection, at time: Int64) {
        guard var exchange = pending, !exchange.complete, d.unsigned("ptp.v2.sequenceid") == exchange.sequence,
              d.unsigned("ptp.v2.pdrs.requestingportidentity") == identity.clock,
              d.unsigned("ptp.v2.pdrs.requestingsourceportid") == identity.port,
              let t2 = d.instant("ptp.v2.pdrs.requestreceipttimestamp") else { return }
        exchange.t2 = t2
        exchange.t4 = time
        pending = exchange
    }

    /// The Pdelay_Resp_Follow_Up completes the exchange: neighborRateRatio = (t3 − t3') / (t4 − t4')
    /// against the previous exchange (§11.2.19.3.3), meanLinkDelay = [r·(t4 − t1) − (t3 − t2)] / 2
    /// (§11.2.19.3.4), and asCapable follows the threshold.
    func pdelayFollowUpReceived(_ d: Dissection) {
        guard var exchange = pending, !exchange.complete, let t2 = exchange.t2, let t4 = exchange.t4,
              d.unsigned("ptp.v2.sequenceid") == exchange.sequence,
              d.unsigned("ptp.v2.pdfu.requestingportidentity") == identity.clock,
              d.unsigned("ptp.v2.pdfu.requestingsourceportid") == identity.port,
              let t3 = d.instant("ptp.v2.pdfu.responseorigintimestamp") else { return }
        exchange.complete = true
        pending = exchange
        if let last = lastResponse, t4 > last.t4 {
            neighborRateRatio = Double(t3 - last.t3) / Double(t4 - last.t4)
        }
        lastResponse = (t3, t4)
        // Wrapping arithmetic: a hostile neighbour's timestamps must not trap the simulator.
        let delay = ((neighborRateRatio * Double(t4 - exchange.t1)).saturatingInt64 &- (t3 &- t2)) / 2
        meanLinkDelay = delay
        lostResponses = 0
        asCapable = delay <= parameters.neighborPropDelayThreshold.ns
    }
}
