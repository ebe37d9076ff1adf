/// ICMPv6 messages (RFC 4443) including Neighbor Discovery (RFC 4861 §4).
///
/// Every message starts with type, code and checksum; the body after them depends on the
/// type, and is followed by ND options (``NDOption``), by data, or, in error messages, by
/// as much of the invoking packet as fits (RFC 4443 §2.4 (c)), decoded as IPv6.
///
/// ```
///  0       1       2               4
/// +-------+-------+---------------+------------------
/// | type  | code  |   checksum    | message body ...
/// +-------+-------+---------------+------------------
/// ```
enum ICMPv6 {
    static let type = FieldDescriptor("icmpv6.type", "Type", .uint8, base: .dec)
    static let code = FieldDescriptor("icmpv6.code", "Code", .uint8, base: .dec)
    static let checksum = FieldDescriptor("icmpv6.checksum", "Checksum", .uint16, base: .hex)
    /// As Wireshark: 0 bad, 1 good, 2 unverified (the packet was cut short).
    static let checksumStatus = FieldDescriptor("icmpv6.checksum.status", "Checksum Status", .uint8, base: .none)
    static let reserved = FieldDescriptor("icmpv6.reserved", "Reserved", .bytes)
    /// RFC 4884 §4.5: the length of the quoted datagram in 64-bit words, 0 when the
    /// message carries no extension structure.
    static let originalLength = FieldDescriptor("icmpv6.length", "Length of original datagram", .uint8, base: .dec)

    static let mtu = FieldDescriptor("icmpv6.mtu", "MTU", .uint32, base: .dec)
    static let pointer = FieldDescriptor("icmpv6.pointer", "Pointer", .uint32, base: .dec)

    static let echoIdentifier = FieldDescriptor("icmpv6.echo.identifier", "Identifier", .uint16, base: .hex)
    static let echoSequence = FieldDescriptor("icmpv6.echo.sequence_number", "Sequence", .uint16, base: .dec)

    static let raCurHopLimit = FieldDescriptor("icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", .uint8, base: .dec)
    static let raFlag = FieldDescriptor("icmpv6.nd.ra.flag", "Flags", .uint8, base: .hex)
    static let raFlagM = FieldDescriptor("icmpv6.nd.ra.flag.m", "Managed address configuration", .bool, bitmask: 0x80)
    static let raFlagO = FieldDescriptor("icmpv6.nd.ra.flag.o", "Other configuration", .bool, bitmask: 0x40)
    static let raFlagH = FieldDescriptor("icmpv6.nd.ra.flag.h", "Home Agent", .bool, bitmask: 0x20)
    static let raFlagPrf = FieldDescriptor("icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)", .uint8, base: .dec, bitmask: 0x18)
    static let raFlagP = FieldDescriptor("icmpv6.nd.ra.flag.p", "Proxy", .bool, bitmask: 0x04)
    static let raFlagReserved = FieldDescriptor("icmpv6.nd.ra.flag.rsv", "Reserved", .uint8, base: .dec, bitmask: 0x03)
    static let raRouterLifetime = FieldDescriptor("icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", .uint16, base: .dec)
    static let raReachableTime = FieldDescriptor("icmpv6.nd.ra.reachable_time", "Reachable time (ms)", .uint32, base: .dec)
    static let raRetransTimer = FieldDescriptor("icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", .uint32, base: .dec)

    static let nsTarget = FieldDescriptor("icmpv6.nd.ns.target_address", "Target Address", .ipv6)

    static let naFlag = FieldDescriptor("icmpv6.nd.na.flag", "Flags", .uint32, base: .hex)
    static let naFlagR = FieldDescriptor("icmpv6.nd.na.flag.r", "Router", .bool, bitmask: 0x8000_0000)
    static let naFlagS = FieldDescriptor("icmpv6.nd.na.flag.s", "Solicited", .bool, bitmask: 0x4000_0000)
    static let naFlagO = FieldDescriptor("icmpv6.nd.na.flag.o", "Override", .bool, bitmask: 0x2000_0000)
    static let naFlagReserved = FieldDescriptor("icmpv6.nd.na.flag.rsv", "Reserved", .uint32, base: .dec, bitmask: 0x1fff_ffff)
    static let naTarget = FieldDescriptor("icmpv6.nd.na.target_address", "Target Address", .ipv6)

    static let rdTarget = FieldDescriptor("icmpv6.nd.rd.target_address", "Target Address", .ipv6)
    /// Wireshark's name, `rd.na` included.
    static let rdDestination = FieldDescriptor("icmpv6.rd.na.destination_address", "Destination Address", .ipv6)

    static let fields: [FieldDescriptor] = [
        type, code, checksum, checksumStatus, reserved, originalLength, mtu, pointer, echoIdentifier, echoSequence,
        raCurHopLimit, raFlag, raFlagM, raFlagO, raFlagH, raFlagPrf, raFlagP, raFlagReserved,
        raRouterLifetime, raReachableTime, raRetransTimer, nsTarget,
        naFlag, naFlagR, naFlagS, naFlagO, naFlagReserved, naTarget, rdTarget, rdDestination,
    ]

    static let common: [HeaderField] = [
        HeaderField(type, at: 0, width: 1),
        HeaderField(code, at: 1, width: 1),
        HeaderField(checksum, at: 2, width: 2),
    ]
    static let commonLength = 4

    /// What follows a message's fixed body.
    enum Trailer { case options, data, invokingPacket, mldSources, mldRecords, none }

    /// The fixed part of one message type after type, code and checksum.
    struct Body: Sendable {
        let fields: [HeaderField]
        /// Length of the message up to the end of the fixed body, from the type octet.
        let length: Int
        let trailer: Trailer
    }

    // RFC 4443 §3.1 and §3.3: unused, then the invoking packet.
    static let unusedThenInvokingPacket = Body(fields: [HeaderField(reserved, at: 4, width: 4)], length: 8, trailer: .invokingPacket)

    // RFC 4884 §4.5: a non-zero first octet is the length of the original datagram, and
    // three octets stay unused (Wireshark shows the length only when it is not zero).
    static let lengthThenInvokingPacket = Body(fields: [
        HeaderField(originalLength, at: 4, width: 1),
        HeaderField(reserved, at: 5, width: 3),
    ], length: 8, trailer: .invokingPacket)

    // RFC 4443 §3.2
    static let packetTooBig = Body(fields: [HeaderField(mtu, at: 4, width: 4)], length: 8, trailer: .invokingPacket)

    // RFC 4443 §3.4: the pointer is the octet offset in the invoking packet of the error.
    static let parameterProblem = Body(fields: [HeaderField(pointer, at: 4, width: 4)], length: 8, trailer: .invokingPacket)

    static let echo = Body(fields: [
        HeaderField(echoIdentifier, at: 4, width: 2),
        HeaderField(echoSequence, at: 6, width: 2),
    ], length: 8, trailer: .data)

    // RFC 4861 §4.1
    static let routerSolicitation = Body(fields: [HeaderField(reserved, at: 4, width: 4)], length: 8, trailer: .options)

    // RFC 4861 §4.2; RFC 4191 §2.2 (Prf), RFC 3775 (H), RFC 4389 (P)
    static let routerAdvertisement = Body(fields: [
        HeaderField(raCurHopLimit, at: 4, width: 1),
        HeaderField(raFlag, at: 5, width: 1),
        HeaderField(raFlagM, at: 5, width: 1),
        HeaderField(raFlagO, at: 5, width: 1),
        HeaderField(raFlagH, at: 5, width: 1),
        HeaderField(raFlagPrf, at: 5, width: 1),
        HeaderField(raFlagP, at: 5, width: 1),
        HeaderField(raFlagReserved, at: 5, width: 1),
        HeaderField(raRouterLifetime, at: 6, width: 2),
        HeaderField(raReachableTime, at: 8, width: 4),
        HeaderField(raRetransTimer, at: 12, width: 4),
    ], length: 16, trailer: .options)

    // RFC 4861 §4.3
    static let neighborSolicitation = Body(fields: [
        HeaderField(reserved, at: 4, width: 4),
        HeaderField(nsTarget, at: 8, width: 16),
    ], length: 24, trailer: .options)

    // RFC 4861 §4.4
    static let neighborAdvertisement = Body(fields: [
        HeaderField(naFlag, at: 4, width: 4),
        HeaderField(naFlagR, at: 4, width: 4),
        HeaderField(naFlagS, at: 4, width: 4),
        HeaderField(naFlagO, at: 4, width: 4),
        HeaderField(naFlagReserved, at: 4, width: 4),
        HeaderField(naTarget, at: 8, width: 16),
    ], length: 24, trailer: .options)

    // RFC 4861 §4.5
    static let redirect = Body(fields: [
        HeaderField(reserved, at: 4, width: 4),
        HeaderField(rdTarget, at: 8, width: 16),
        HeaderField(rdDestination, at: 24, width: 16),
    ], length: 40, trailer: .options)

    /// A type this codec does not know: nothing is decoded after the checksum, as in
    /// Wireshark ("Dissector for ICMPv6 Type not implemented").
    static let unknown = Body(fields: [], length: 4, trailer: .none)

    /// The body of a message type; a query is MLDv2 when `version2Query` says so (from
    /// its length when decoding, from the fields given when building).
    /// - Parameter quotedLength: a Destination Unreachable or Time Exceeded message gives
    ///   the RFC 4884 length of its quoted datagram.
    static func body(for messageType: ICMPv6Type, version2Query: Bool, quotedLength: Bool = false) -> Body {
        switch messageType {
        case .multicastListenerQuery: version2Query ? MLD.version2Query : MLD.version1
        case .multicastListenerReport, .multicastListenerDone: MLD.version1
        case .version2MulticastListenerReport: MLD.version2ReportBody
        case .destinationUnreachable, .timeExceeded: quotedLength ? lengthThenInvokingPacket : unusedThenInvokingPacket
        case .packetTooBig: packetTooBig
        case .parameterProblem: parameterProblem
        case .echoRequest, .echoReply: echo
        case .routerSolicitation: routerSolicitation
        case .routerAdvertisement: routerAdvertisement
        case .neighborSolicitation: neighborSolicitation
        case .neighborAdvertisement: neighborAdvertisement
        case .redirect: redirect
        default: unknown
        }
    }

    static let allBodies: [Body] = [
        unusedThenInvokingPacket, lengthThenInvokingPacket, packetTooBig, parameterProblem, echo,
        routerSolicitation, routerAdvertisement, neighborSolicitation, neighborAdvertisement, redirect,
        MLD.version1, MLD.version2Query, MLD.version2ReportBody,
    ]

    /// Every abbrev a template may set in an `icmpv6` layer, whatever its type.
    static let settable: [String] = {
        var names: [String] = common.map(\.abbrev)
        for body in allBodies {
            for field in body.fields where !names.contains(field.abbrev) { names.append(field.abbrev) }
        }
        return names + [MLD.sourceAddress.abbrev]
    }()

    static func dissect(_ recorder: inout DissectionRecorder, at offset: Int, end: Int, context: UpperLayerContext) {
        recorder.layer("icmpv6")
        guard recorder.addHeader(common, base: offset, end: end, protocolName: "ICMPv6") else { return }
        // Wireshark verifies no ICMPv6 checksum inside a quoted packet.
        let status = context.invoking ? 2 : context.checksumStatus(protocolNumber: .icmpv6, upperLayer: recorder.bytes, in: offset..<end)
        recorder.add(checksumStatus, .uint(status), offset: offset + 2, length: 0)
        if status == 0 {
            recorder.expert("icmpv6.checksum_bad.expert", .checksum, .error, "Bad checksum", offset: offset + 2)
        }
        let body = body(for: ICMPv6Type(rawValue: recorder.bytes[offset]), version2Query: end - offset >= MLD.version2QueryLength,
                        quotedLength: end - offset > 4 && recorder.bytes[offset + 4] != 0)
        let bodyStart = recorder.dissection.fields.count
        let complete = recorder.addHeader(body.fields, base: offset, end: end, protocolName: "ICMPv6 message")
        if body.trailer == .mldSources { MLD.decodeQueryIntervals(&recorder, from: bodyStart) }
        guard complete else { return }
        switch body.trailer {
        case .options: NDOption.dissectOptions(&recorder, from: offset + body.length, end: end, nested: context.invoking)
        case .data: recorder.addData(from: offset + body.length, to: end)
        case .invokingPacket where context.invoking:
            // An error quoted inside an error: one level is decoded, so hostile nesting
            // cannot exhaust the stack.
            recorder.addData(from: offset + body.length, to: end)
        case .invokingPacket:
            // The quoted packet runs to the end whatever an RFC 4884 length says, as in
            // Wireshark 4.0; extension objects (RFC 4884 §7) are not decoded.
            if offset + body.length < end {
                _ = IPv6.dissect(&recorder, at: offset + body.length, end: end, invoking: true)
            }
        case .mldSources: MLD.dissectSources(&recorder, message: offset, end: end)
        case .mldRecords: MLD.dissectRecords(&recorder, message: offset, end: end)
        case .none: break
        }
    }

    /// - Parameter recordCount: how many `icmpv6.mldr.mar` layers follow, for an MLDv2 report.
    static func build(_ spec: LayerSpec, at index: Int, payload: [UInt8], recordCount: Int,
                      context: UpperLayerContext) throws(BuildError) -> [UInt8] {
        let probe = try LayerFields(spec, at: index, length: 0, allowed: settable)
        guard case .uint(let rawType)? = try probe.given(type) else {
            throw probe.failure(type.abbrev, "is required: it selects the message body")
        }
        let version2Query = spec.fields.contains { MLD.version2QueryOnly.contains($0.abbrev) }
        let body = body(for: ICMPv6Type(rawValue: UInt8(rawType)), version2Query: version2Query,
                        quotedLength: spec.fields.contains { $0.abbrev == originalLength.abbrev })
        let extra = body.trailer == .mldSources ? [MLD.sourceAddress.abbrev] : []
        var fields = try LayerFields(spec, at: index, length: body.length,
                                     allowed: common.map(\.abbrev) + body.fields.map(\.abbrev) + extra)
        var sources: [UInt8] = []
        switch body.trailer {
        case .mldSources:
            sources = try MLD.sourceBytes(fields, MLD.sourceAddress)
            try fields.setDefault(MLD.sourceCountField, .uint(UInt64(min(sources.count / 16, 0xffff))))
        case .mldRecords:
            try fields.setDefault(MLD.recordCountField, .uint(UInt64(min(recordCount, 0xffff))))
        case .options, .data, .invokingPacket, .none:
            break
        }
        try fields.applyGiven(common + body.fields)
        var message = fields.header + sources + payload
        if !fields.isGiven(checksum.abbrev) {
            guard let sum = context.checksum(protocolNumber: .icmpv6, upperLayer: message) else {
                throw fields.failure(checksum.abbrev, "needs an enclosing ipv6 layer for its pseudo-header; give it explicitly")
            }
            message[2] = UInt8(sum >> 8)
            message[3] = UInt8(sum & 0xff)
        }
        return message
    }
}
