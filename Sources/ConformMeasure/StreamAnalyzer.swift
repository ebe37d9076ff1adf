import ConformTime

/// Matches a stream's receptions to its transmissions by sequence number and accumulates its
/// statistics in bounded memory: a ring of the last ``window`` transmissions, streaming
/// estimators, and a ``Distribution`` that turns into a histogram past its exact limit.
///
/// Feed events in time order: a transmission before any reception of the same sequence
/// number. Definitions (each reproduced by Tests/independent/test_measure.py):
/// - a reception whose sequence number was already received is a duplicate and is excluded;
/// - a reception of a number never sent, or sent more than ``window`` numbers before the
///   latest transmission, is unmatched and excluded;
/// - delay D = receive − transmit − store-and-forward correction, over first receptions;
/// - loss = transmitted − first receptions;
/// - reordered: a first reception below the highest number received before it (RFC 4737);
/// - jitter: RFC 3550 over first receptions in arrival order;
/// - IPDV_k = D_k − D_{k−1} for each pair of consecutive numbers both received (RFC 3393);
/// - PDV = D − min D (RFC 5481), reported from the delay distribution.
public struct StreamAnalyzer: Sendable {
    public let window: Int
    public let correction: StoreAndForwardCorrection?
    private var slots: [Slot]
    private var latency: Distribution
    private var ipdvMagnitude: Distribution
    private var ipdvMin = Int64.max
    private var ipdvMax = Int64.min
    private var jitter = InterarrivalJitter()
    private var highestReceived: UInt64?
    private var highestTransmitted: UInt64?
    public private(set) var transmitted: Int64 = 0
    public private(set) var receptions: Int64 = 0
    public private(set) var duplicates: Int64 = 0
    public private(set) var reordered: Int64 = 0
    public private(set) var unmatched: Int64 = 0

    private struct Slot: Sendable {
        var sequence: UInt64
        var transmit: Int64
        var delay: Int64?
    }

    /// - Parameters:
    ///   - window: how many of the latest transmissions stay matchable.
    ///   - correction: subtracted from every delay (store-and-forward latency).
    ///   - exactLimit: up to this many samples the percentiles are exact.
    public init(window: Int = 1 << 16, correction: StoreAndForwardCorrection? = nil, exactLimit: Int = 1_000_000) {
        self.window = Swift.max(window, 2)
        self.correction = correction
        slots = Array(repeating: Slot(sequence: UInt64.max, transmit: 0, delay: nil), count: self.window)
        latency = Distribution(exactLimit: exactLimit)
        ipdvMagnitude = Distribution(exactLimit: exactLimit)
    }

    /// Records the transmission of `sequence` at `instant` (ns).
    public mutating func transmitted(sequence: UInt64, at instant: Int64) {
        let index = slotIndex(sequence)
        if slots[index].sequence == sequence { return }
        slots[index] = Slot(sequence: sequence, transmit: instant, delay: nil)
        transmitted += 1
        highestTransmitted = Swift.max(highestTransmitted ?? sequence, sequence)
    }

    /// Records a reception; returns the matched sample, or nil when the number is unmatched.
    @discardableResult
    public mutating func received(sequence: UInt64, at instant: Int64, frameLength: Int) -> DelaySample? {
        receptions += 1
        let index = slotIndex(sequence)
        guard slots[index].sequence == sequence else {
            unmatched += 1
            return nil
        }
        let transmit = slots[index].transmit
        let delay = instant &- transmit &- (correction?.nanoseconds(frameLength: frameLength) ?? 0)
        if slots[index].delay != nil {
            duplicates += 1
            return DelaySample(sequence: sequence, transmit: transmit, receive: instant, delay: delay, duplicate: true, reordered: false)
        }
        slots[index].delay = delay
        let isReordered = highestReceived.map { sequence < $0 } ?? false
        if isReordered { reordered += 1 }
        highestReceived = Swift.max(highestReceived ?? sequence, sequence)
        latency.record(delay)
        jitter.record(transit: delay)
        if sequence > 0, let previous = delayOf(sequence - 1) { recordIPDV(delay &- previous) }
        if sequence < UInt64.max, let next = delayOf(sequence + 1) { recordIPDV(next &- delay) }
        return DelaySample(sequence: sequence, transmit: transmit, receive: instant, delay: delay, duplicate: false, reordered: isReordered)
    }

    /// The statistics so far, with the uncertainty the two timestamp sources imply.
    public func statistics(transmitSource: TimestampSource, receiveSource: TimestampSource) -> StreamStatistics {
        StreamStatistics(transmitted: transmitted, receptions: receptions, duplicates: duplicates, reordered: reordered,
                         unmatched: unmatched, latency: latency.summary(), ipdvMagnitude: ipdvMagnitude.summary(),
                         ipdvMin: ipdvMagnitude.count > 0 ? ipdvMin : nil, ipdvMax: ipdvMagnitude.count > 0 ? ipdvMax : nil,
                         jitter: jitter.value, transmitSource: transmitSource, receiveSource: receiveSource,
                         uncertainty: TimestampUncertainty.ofDelay(transmit: transmitSource, receive: receiveSource))
    }

    private func slotIndex(_ sequence: UInt64) -> Int { Int(sequence % UInt64(window)) }

    private func delayOf(_ sequence: UInt64) -> Int64? {
        let slot = slots[slotIndex(sequence)]
        return slot.sequence == sequence ? slot.delay : nil
    }

    private mutating func recordIPDV(_ value: Int64) {
        ipdvMin = Swift.min(ipdvMin, value)
        ipdvMax = Swift.max(ipdvMax, value)
        ipdvMagnitude.record(Int64(clamping: value.magnitude))
    }
}
