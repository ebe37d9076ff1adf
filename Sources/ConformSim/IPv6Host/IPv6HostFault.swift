/// The faults the `ipv6-host` simulator can be built with; each breaks exactly one requirement
/// and names the clause it breaks, so that `conform mutate` can tell which case catches it.
public enum IPv6HostFault: String, Sendable, CaseIterable {
    // RFC 4861: sending Neighbor Advertisements (§4.4, §7.2.4)
    case noNAReply = "no-na-reply"
    case naWithoutSolicitedFlag = "na-without-s-flag"
    case naHopLimit64 = "na-hop-limit-64"
    case dadAnswerSolicited = "dad-answer-solicited"
    // RFC 4861 §7.1.1: validating Neighbor Solicitations
    case acceptsInvalidNS = "accepts-invalid-ns"
    case nsChecksumUnchecked = "ns-checksum-unchecked"
    case nsCodeUnchecked = "ns-code-unchecked"
    case nsZeroLengthOptionAccepted = "ns-zero-length-option-accepted"
    case nsMulticastTargetAnswered = "ns-multicast-target-answered"
    // RFC 4861 §7.1.2: validating Neighbor Advertisements
    case naHopLimitUnchecked = "na-hop-limit-unchecked"
    case naSolicitedMulticastAccepted = "na-solicited-multicast-accepted"
    // RFC 4861 §6.1.2, §6.3.4: Router Advertisements
    case raHopLimitUnchecked = "ra-hop-limit-unchecked"
    case raGlobalSourceAccepted = "ra-global-source-accepted"
    case raCurHopLimitIgnored = "ra-cur-hop-limit-ignored"
    case raRetransTimerIgnored = "ra-retrans-timer-ignored"
    // RFC 4861 §7.2.2: address resolution
    case echoNoResolution = "echo-no-resolution"
    case resolutionSolicitsFiveTimes = "resolution-solicits-5-times"
    case resolutionRetransmitsEarly = "resolution-retransmits-early"
    // RFC 4861 §7.2.3: Neighbor Solicitations update the cache
    case nsNewLinkAddressIgnored = "ns-new-slla-ignored"
    case nsSameLinkAddressResetsToStale = "ns-same-slla-resets-stale"
    case nsLeavesResolutionIncomplete = "ns-leaves-resolution-incomplete"
    // RFC 4861 §7.2.5: Neighbor Advertisements update the cache
    case advertisementWithoutTLLAAccepted = "na-without-tlla-accepted"
    case unsolicitedNAMakesReachable = "unsolicited-na-makes-reachable"
    case overrideFlagIgnored = "na-override-flag-ignored"
    case overrideNeverUpdates = "na-override-never-updates"
    // RFC 4861 §7.3.3: Neighbor Unreachability Detection
    case probesWithoutDelay = "nud-probes-without-delay"
    case tenProbes = "nud-ten-probes"
    // RFC 4443 and RFC 4291: Echo and the addresses a host answers
    case echoWrongIdentifier = "echo-wrong-identifier"
    case echoGlobalFromLinkLocal = "echo-global-from-link-local"
    case acceptsUnspecifiedDestination = "accepts-unspecified-destination"
    case acceptsLoopbackDestination = "accepts-loopback-destination"
    case errorForMulticastPacket = "error-for-multicast-packet"
    case portUnreachableSilent = "port-unreachable-silent"
    case unknownInformationalAnswered = "unknown-informational-answered"
    case errorAboutError = "error-about-error"
    case errorToMulticastSource = "error-to-multicast-source"
    // RFC 8201: Path MTU Discovery
    case packetTooBigIgnored = "ptb-ignored"
    case pathMTUBelowMinimum = "pmtu-below-minimum"
    case pathMTUClampedToMinimum = "pmtu-clamped-to-minimum"
    case pathMTUIncreasedByPacketTooBig = "pmtu-increased-by-ptb"
    // RFC 8200: the fixed header
    case versionUnchecked = "version-unchecked"
    case hopLimitZeroDropped = "hop-limit-0-dropped"
    case trafficClassDropped = "nonzero-traffic-class-dropped"
    case flowLabelDropped = "nonzero-flow-label-dropped"
    // RFC 8200: the header chain
    case noNextHeaderAnswered = "nh59-parameter-problem"
    case unknownNextHeaderSilent = "unknown-nh-silent"
    case parameterProblemPointerZero = "parameter-problem-pointer-0"
    case hopByHopAnywhere = "hbh-not-first-accepted"
    case optionsOutOfOrder = "options-out-of-order"
    case skipOptionDiscards = "opt-00-discarded"
    case discardOptionSkipped = "opt-01-skipped"
    case errorOptionSilent = "opt-10-silent"
    case errorOptionSilentForMulticast = "opt-10-multicast-silent"
    case unicastErrorOptionAnswersMulticast = "opt-11-multicast-error"
    case destinationOptionsIgnored = "dstopt-options-ignored"
    case routingSegmentsLeftIgnored = "routing-segments-left-ignored"
    case fragmentLengthUnchecked = "frag-length-unchecked"
    case atomicFragmentDropped = "atomic-fragment-dropped"
    case reassemblyInOrderOnly = "reassembly-in-order-only"
    case reassemblyIgnoresIdentification = "reassembly-ignores-identification"
    case fragmentTimeoutSilent = "frag-timeout-silent"
    case fragmentTimeoutWithoutFirst = "frag-timeout-without-first"
    case overlapAccepted = "frag-overlap-accepted"

    /// The fault as the catalog lists it.
    public var descriptor: FaultDescriptor {
        FaultDescriptor(name: rawValue, clause: breaks.clause, summary: breaks.summary)
    }

    /// The clause each fault breaks and what it does, in the words of a bug report.
    private var breaks: (clause: String, summary: String) {
        switch self {
        case .noNAReply: ("RFC 4861 §7.2.4", "never answers a Neighbor Solicitation")
        case .naWithoutSolicitedFlag: ("RFC 4861 §7.2.4", "solicited Neighbor Advertisements carry S=0")
        case .naHopLimit64: ("RFC 4861 §4.4", "Neighbor Advertisements are sent with hop limit 64 instead of 255")
        case .dadAnswerSolicited: ("RFC 4861 §7.2.4", "answers a solicitation from the unspecified address (DAD) with S=1")
        case .acceptsInvalidNS: ("RFC 4861 §7.1.1", "answers a Neighbor Solicitation whose hop limit is not 255")
        case .nsChecksumUnchecked: ("RFC 4861 §7.1.1", "answers a Neighbor Solicitation with a bad ICMPv6 checksum")
        case .nsCodeUnchecked: ("RFC 4861 §7.1.1", "answers a Neighbor Solicitation whose ICMPv6 code is not 0")
        case .nsZeroLengthOptionAccepted: ("RFC 4861 §7.1.1", "answers a Neighbor Solicitation carrying an option of length 0")
        case .nsMulticastTargetAnswered: ("RFC 4861 §7.1.1", "answers a Neighbor Solicitation whose target is a multicast group it has joined")
        case .naHopLimitUnchecked: ("RFC 4861 §7.1.2", "accepts a Neighbor Advertisement whose hop limit is not 255")
        case .naSolicitedMulticastAccepted: ("RFC 4861 §7.1.2", "accepts a solicited (S=1) Neighbor Advertisement sent to a multicast address")
        case .raHopLimitUnchecked: ("RFC 4861 §6.1.2", "adopts the parameters of a Router Advertisement whose hop limit is not 255")
        case .raGlobalSourceAccepted: ("RFC 4861 §6.1.2", "adopts the parameters of a Router Advertisement from a global source address")
        case .raCurHopLimitIgnored: ("RFC 4861 §6.3.4", "keeps its default hop limit when a Router Advertisement gives a CurHopLimit")
        case .raRetransTimerIgnored: ("RFC 4861 §6.3.4", "keeps its RetransTimer when a Router Advertisement gives one")
        case .echoNoResolution: ("RFC 4861 §7.2.2", "answers an Echo Request from an unknown neighbor at the request's source MAC, without resolving its address")
        case .resolutionSolicitsFiveTimes: ("RFC 4861 §7.2.2", "sends 5 multicast solicitations per resolution instead of MAX_MULTICAST_SOLICIT (3)")
        case .resolutionRetransmitsEarly: ("RFC 4861 §7.2.2", "retransmits solicitations every RetransTimer / 2")
        case .nsNewLinkAddressIgnored: ("RFC 4861 §7.2.3", "keeps the cached link-layer address when a Neighbor Solicitation brings a new one")
        case .nsSameLinkAddressResetsToStale: ("RFC 4861 §7.2.3", "a Neighbor Solicitation with the cached link-layer address makes the entry STALE")
        case .nsLeavesResolutionIncomplete: ("RFC 4861 §7.2.3", "a solicitation from a neighbor being resolved does not record its SLLA or send the waiting packets")
        case .advertisementWithoutTLLAAccepted: ("RFC 4861 §7.2.5", "completes address resolution with an advertisement that has no TLLA, using its Ethernet source")
        case .unsolicitedNAMakesReachable: ("RFC 4861 §7.2.5", "an unsolicited Neighbor Advertisement completes resolution as REACHABLE instead of STALE")
        case .overrideFlagIgnored: ("RFC 4861 §7.2.5", "an advertisement with O=0 replaces the cached link-layer address")
        case .overrideNeverUpdates: ("RFC 4861 §7.2.5", "an advertisement with O=1 does not replace the cached link-layer address")
        case .probesWithoutDelay: ("RFC 4861 §7.3.3", "probes a STALE neighbor at once instead of after DELAY_FIRST_PROBE_TIME")
        case .tenProbes: ("RFC 4861 §7.3.3", "sends 10 unicast probes instead of MAX_UNICAST_SOLICIT (3)")
        case .echoWrongIdentifier: ("RFC 4443 §4.2", "Echo Replies carry the request's identifier + 1")
        case .echoGlobalFromLinkLocal: ("RFC 4443 §4.2", "answers an Echo Request to its global address from its link-local address")
        case .acceptsUnspecifiedDestination: ("RFC 4291 §2.5.2", "accepts packets sent to the unspecified address")
        case .acceptsLoopbackDestination: ("RFC 4291 §2.5.3", "accepts packets that arrive from the link with the loopback address as destination")
        case .errorForMulticastPacket: ("RFC 4443 §2.4", "sends a Parameter Problem for an unknown Next Header in a packet sent to a multicast address")
        case .packetTooBigIgnored: ("RFC 8201 §4", "ignores Packet Too Big messages: keeps sending packets larger than the path MTU")
        case .pathMTUBelowMinimum: ("RFC 8201 §4", "lowers its path MTU estimate below 1280 when a Packet Too Big reports less")
        case .pathMTUClampedToMinimum: ("RFC 8201 §4", "lowers its path MTU estimate to 1280 when a Packet Too Big reports less, instead of discarding the message (RFC 1981's old rule)")
        case .pathMTUIncreasedByPacketTooBig: ("RFC 8201 §4", "raises its path MTU estimate when a Packet Too Big reports more")
        case .versionUnchecked: ("RFC 8200 §3", "accepts packets whose IP version field is not 6")
        case .hopLimitZeroDropped: ("RFC 8200 §3", "drops packets addressed to it that arrive with hop limit 0")
        case .trafficClassDropped: ("RFC 8200 §7", "drops packets whose Traffic Class is not zero")
        case .flowLabelDropped: ("RFC 8200 §6", "drops packets whose Flow Label is not zero")
        case .destinationOptionsIgnored: ("RFC 8200 §4.2", "skips the options of a Destination Options header without looking at their types")
        case .routingSegmentsLeftIgnored: ("RFC 8200 §4.4", "ignores an unknown Routing header even when Segments Left is not zero")
        case .portUnreachableSilent: ("RFC 4443 §3.1", "drops a UDP datagram for a closed port without a Destination Unreachable")
        case .unknownInformationalAnswered: ("RFC 4443 §2.4", "answers an informational message of unknown type with a Parameter Problem instead of discarding it")
        case .errorAboutError: ("RFC 4443 §2.4", "sends a Parameter Problem about a packet that carries an ICMPv6 error message")
        case .errorToMulticastSource: ("RFC 4443 §2.4", "sends a Parameter Problem to the multicast source address of the invoking packet")
        case .optionsOutOfOrder: ("RFC 8200 §4.2", "processes the options of a header last to first")
        case .noNextHeaderAnswered: ("RFC 8200 §4.7", "treats Next Header 59 as unknown and sends a Parameter Problem")
        case .unknownNextHeaderSilent: ("RFC 8200 §4", "drops a packet with an unknown Next Header without a Parameter Problem")
        case .parameterProblemPointerZero: ("RFC 8200 §4", "Parameter Problems for an unknown Next Header point at octet 0")
        case .hopByHopAnywhere: ("RFC 8200 §4.3", "processes a Hop-by-Hop Options header that does not follow the IPv6 header")
        case .skipOptionDiscards: ("RFC 8200 §4.2", "discards packets with an unknown option of action 00 (skip)")
        case .discardOptionSkipped: ("RFC 8200 §4.2", "skips an unknown option of action 01 (discard) and processes the packet")
        case .errorOptionSilent: ("RFC 8200 §4.2", "discards packets with an unknown option of action 10 without a Parameter Problem")
        case .errorOptionSilentForMulticast: ("RFC 8200 §4.2", "sends no Parameter Problem for an unknown option of action 10 in a multicast packet")
        case .unicastErrorOptionAnswersMulticast: ("RFC 8200 §4.2", "sends a Parameter Problem for an unknown option of action 11 in a multicast packet")
        case .fragmentLengthUnchecked: ("RFC 8200 §4.5", "drops a fragment with M=1 and a length not a multiple of 8 without a Parameter Problem")
        case .reassemblyInOrderOnly: ("RFC 8200 §4.5", "discards a fragmented packet whose fragments arrive out of order")
        case .reassemblyIgnoresIdentification: ("RFC 8200 §4.5", "reassembles fragments with different Identification values into one packet")
        case .fragmentTimeoutSilent: ("RFC 8200 §4.5", "sends no Time Exceeded when reassembly times out after the first fragment arrived")
        case .fragmentTimeoutWithoutFirst: ("RFC 8200 §4.5", "sends a Time Exceeded when reassembly times out although the first fragment never arrived")
        case .overlapAccepted: ("RFC 5722 §4", "reassembles overlapping fragments instead of discarding the packet")
        case .atomicFragmentDropped: ("RFC 6946 §4", "drops atomic fragments (offset 0, M=0) instead of processing them")
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
