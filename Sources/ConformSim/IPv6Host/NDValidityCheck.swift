/// One of the validity checks RFC 4861 §7.1.1 (solicitations), §7.1.2 (advertisements) and
/// §6.1.2 (Router Advertisements) require of a received Neighbor Discovery message.
enum NDValidityCheck: Sendable, CaseIterable {
    /// IP hop limit 255, so the sender is on the link.
    case hopLimit
    /// A valid ICMPv6 checksum.
    case checksum
    /// ICMPv6 code 0.
    case code
    /// At least the message's fixed length of ICMPv6 (24 octets for NS and NA, 16 for RA).
    case length
    /// No option of length 0.
    case optionLength
    /// The target address is not a multicast address.
    case unicastTarget
    /// A Router Advertisement comes from a link-local address (§6.1.2 only).
    case linkLocalSource
    /// An advertisement with S=1 is not sent to a multicast address (§7.1.2 only).
    case solicitedNotMulticast

    /// The check a fault of the host leaves out of validating solicitations, if any.
    static func skippedInSolicitations(by fault: IPv6HostFault?) -> NDValidityCheck? {
        switch fault {
        case .acceptsInvalidNS?: .hopLimit
        case .nsChecksumUnchecked?: .checksum
        case .nsCodeUnchecked?: .code
        case .nsZeroLengthOptionAccepted?: .optionLength
        case .nsMulticastTargetAnswered?: .unicastTarget
        default: nil
        }
    }

    /// The check a fault of the host leaves out of validating Router Advertisements, if any.
    static func skippedInRouterAdvertisements(by fault: IPv6HostFault?) -> NDValidityCheck? {
        switch fault {
        case .raHopLimitUnchecked?: .hopLimit
        case .raGlobalSourceAccepted?: .linkLocalSource
        default: nil
        }
    }

    /// The check a fault of the host leaves out of validating advertisements, if any.
    static func skippedInAdvertisements(by fault: IPv6HostFault?) -> NDValidityCheck? {
        switch fault {
        case .naHopLimitUnchecked?: .hopLimit
        case .naSolicitedMulticastAccepted?: .solicitedNotMulticast
        default: nil
        }
    }
}
