/// The faults the `ipv6-host` simulator can be built with; each breaks exactly one requirement
/// and names the clause it breaks, so that `conform mutate` can tell which case catches it.
public enum IPv6HostFault: String, Sendable, CaseIterable {
    case noNAReply = "no-na-reply"
    case naWithoutSolicitedFlag = "na-without-s-flag"
    case naHopLimit64 = "na-hop-limit-64"
    case acceptsInvalidNS = "accepts-invalid-ns"
    case echoWrongIdentifier = "echo-wrong-identifier"
    case echoNoResolution = "echo-no-resolution"

    /// The fault as the catalog lists it.
    public var descriptor: FaultDescriptor {
        switch self {
        case .noNAReply:
            FaultDescriptor(name: rawValue, clause: "RFC 4861 §7.2.4",
                            summary: "never answers a Neighbor Solicitation")
        case .naWithoutSolicitedFlag:
            FaultDescriptor(name: rawValue, clause: "RFC 4861 §7.2.4",
                            summary: "solicited Neighbor Advertisements carry S=0")
        case .naHopLimit64:
            FaultDescriptor(name: rawValue, clause: "RFC 4861 §4.4",
                            summary: "Neighbor Advertisements are sent with hop limit 64 instead of 255")
        case .acceptsInvalidNS:
            FaultDescriptor(name: rawValue, clause: "RFC 4861 §7.1.1",
                            summary: "answers a Neighbor Solicitation whose hop limit is not 255")
        case .echoWrongIdentifier:
            FaultDescriptor(name: rawValue, clause: "RFC 4443 §4.2",
                            summary: "Echo Replies carry the request's identifier + 1")
        case .echoNoResolution:
            FaultDescriptor(name: rawValue, clause: "RFC 4861 §7.2.2",
                            summary: "Echo Replies go to the request's source MAC without resolving the address first")
        }
    }

    /// The fault a descriptor names, if it is one of this simulator's.
    init(_ descriptor: FaultDescriptor) throws(SimulatorError) {
        guard let fault = IPv6HostFault(rawValue: descriptor.name) else {
            let known = IPv6HostFault.allCases.map(\.rawValue).joined(separator: ", ")
            throw SimulatorError("ipv6-host has no fault '\(descriptor.name)' (known: \(known))")
        }
        self = fault
    }
}
