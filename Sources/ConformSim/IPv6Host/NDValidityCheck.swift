/// One of the validity checks RFC 4861 §7.1.1 (solicitations) and §7.1.2 (advertisements)
/// require of a received Neighbor Discovery message.
enum NDValidityCheck: Sendable, CaseIterable {
    /// IP hop limit 255, so the sender is on the link.
    case hopLimit
    /// A valid ICMPv6 checksum.
    case checksum
    /// ICMPv6 code 0.
    case code
    /// At least 24 octets of ICMPv6.
    case length
    /// No option of length 0.
    case optionLength
    /// The target address is not a multicast address.
    case unicastTarget
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

    /// The check a fault of the host leaves out of validating advertisements, if any.
    static func skippedInAdvertisements(by fault: IPv6HostFault?) -> NDValidityCheck? {
        switch fault {
        case .naHopLimitUnchecked?: .hopLimit
        case .naSolicitedMulticastAccepted?: .solicitedNotMulticast
        default: nil
        }
    }
}
