import ConformWire

/// What the host's neighbor cache holds for one neighbor, for inspection.
public struct NeighborCacheEntry: Sendable, Hashable {
    public let state: NeighborState
    /// Unknown while INCOMPLETE.
    public let linkAddress: MACAddress?
    public let isRouter: Bool
    /// Packets waiting for address resolution.
    public let queuedPackets: Int
}
