/// Multicast Listener Discovery: MLDv1 (RFC 2710) query, report and done, MLDv2
/// (RFC 3810) query and report, as ICMPv6 message bodies with Wireshark's names.
///
/// An MLDv2 report's multicast address records are template layers of their own,
/// `icmpv6.mldr.mar`, following the `icmpv6` layer in wire order.
enum MLD {
    static let maximumResponseDelay = FieldDescriptor("icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", .uint16, base: .dec)
    static let maximumResponseCode = FieldDescriptor("icmpv6.mld.maximum_response_code", "Maximum Response Code", .uint16, base: .dec)
    static let multicastAddress = FieldDescriptor("icmpv6.mld.multicast_address", "Multicast Address", .ipv6)
    static let flag = FieldDescriptor("icmpv6.mld.flag", "Flag", .uint8, base: .hex)
    static let suppress = FieldDescriptor("icmpv6.mld.flag.s", "Suppress Router-Side Processing", .bool, bitmask: 0x08)
    static let robustness = FieldDescriptor("icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)", .uint8, base: .dec, bitmask: 0x07)
    static let flagReserved = FieldDescriptor("icmpv6.mld.flag.reserved", "Reserved", .uint8, base: .dec, bitmask: 0xf0)
    static let queryInterval = FieldDescriptor("icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)", .uint8, base: .dec)
    static let sourceCount = FieldDescriptor("icmpv6.mld.nb_sources", "Number of Sources", .uint16, base: .dec)
    static let sourceAddress = FieldDescriptor("icmpv6.mld.source_address", "Source Address", .ipv6)
    static let recordCount = FieldDescriptor("icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", .uint16, base: .dec)
    static let recordType = FieldDescriptor("icmpv6.mldr.mar.record_type", "Record Type", .uint8, base: .dec)
    static let auxiliaryLength = FieldDescriptor("icmpv6.mldr.mar.aux_data_len", "Aux Data Len", .uint8, base: .dec)
    static let recordSourceCount = FieldDescriptor("icmpv6.mldr.mar.nb_sources", "Number of Sources", .uint16, base: .dec)
    static let recordMulticastAddress = FieldDescriptor("icmpv6.mldr.mar.multicast_address", "Multicast Address", .ipv6)
    static let recordSourceAddress = FieldDescriptor("icmpv6.mldr.mar.source_address", "Source Address", .ipv6)
    static let auxiliaryData = FieldDescriptor("icmpv6.mldr.mar.auxiliary_data", "Aux Data", .bytes)

    static let fields: [FieldDescriptor] = [
        maximumResponseDelay, maximumResponseCode, multicastAddress, flag, suppress, robustness, flagReserved,
        queryInterval, sourceCount, sourceAddress, recordCount, recordType, auxiliaryLength, recordSourceCount,
        recordMulticastAddress, recordSourceAddress, auxiliaryData,
    ]

    static let query: UInt8 = 130
    static let version2Report: UInt8 = 143
    /// RFC 3810 §8.1: a query of at least 28 octets is an MLDv2 query.
    static let version2QueryLength = 28

    // RFC 2710 §3: query, report and done share one layout.
    static let version1 = ICMPv6.Body(fields: [
        HeaderField(maximumResponseDelay, at: 4, width: 2),
        HeaderField(ICMPv6.reserved, at: 6, width: 2),
        HeaderField(multicastAddress, at: 8, width: 16),
    ], length: 24, trailer: .data)

    // RFC 3810 §5.1
    static let version2Query = ICMPv6.Body(fields: [
        HeaderField(maximumResponseCode, at: 4, width: 2),
        HeaderField(ICMPv6.reserved, at: 6, width: 2),
        HeaderField(multicastAddress, at: 8, width: 16),
        HeaderField(flag, at: 24, width: 1),
        HeaderField(suppress, at: 24, width: 1),
        HeaderField(robustness, at: 24, width: 1),
        HeaderField(flagReserved, at: 24, width: 1),
        HeaderField(queryInterval, at: 25, width: 1),
        HeaderField(sourceCount, at: 26, width: 2),
    ], length: version2QueryLength, trailer: .mldSources)

    // RFC 3810 §5.2
    static let version2ReportBody = ICMPv6.Body(fields: [
        HeaderField(ICMPv6.reserved, at: 4, width: 2),
        HeaderField(recordCount, at: 6, width: 2),
    ], length: 8, trailer: .mldRecords)

    static let sourceCountField = version2Query.fields[8]
    static let recordCountField = version2ReportBody.fields[1]

    /// Fields only an MLDv2 query has: giving one makes a built query an MLDv2 query.
    static let version2QueryOnly: Set<String> = Set(version2Query.fields.map(\.abbrev) + [sourceAddress.abbrev])
        .subtracting(version1.fields.map(\.abbrev))

    // RFC 3810 §5.2.4
    static let record: [HeaderField] = [
        HeaderField(recordType, at: 0, width: 1),
        HeaderField(auxiliaryLength, at: 1, width: 1),
        HeaderField(recordSourceCount, at: 2, width: 2),
        HeaderField(recordMulticastAddress, at: 4, width: 16),
    ]
    static let recordHeaderLength = 20

    static let recordSettable: [String] = record.map(\.abbrev) + [recordSourceAddress.abbrev, auxiliaryData.abbrev]

    /// Replaces the Maximum Response Code and QQIC just recorded for an MLDv2 query by the
    /// values they encode, as Wireshark shows them: a code at or above 32768 (RFC 3810
    /// §5.1.3) or a QQIC at or above 128 (§5.1.9) is a mantissa and an exponent.
    static func decodeQueryIntervals(_ recorder: inout DissectionRecorder, from firstField: Int) {
        for index in firstField..<recorder.dissection.fields.count {
            let occurrence = recorder.dissection.fields[index]
            guard case .uint(let code) = occurrence.value else { continue }
            let decoded: UInt64
            switch occurrence.abbrev {
            case maximumResponseCode.abbrev where code >= 0x8000:
                decoded = (code & 0x0fff | 0x1000) << ((code & 0x7000) >> 12 + 3)
            case queryInterval.abbrev where code >= 0x80:
                decoded = (code & 0x0f | 0x10) << ((code & 0x70) >> 4 + 3)
            default:
                continue
            }
            recorder.dissection.fields[index] = occurrence.replacingValue(.uint(decoded))
        }
    }

    /// Decodes the source list of an MLDv2 query, as many as its count says and the bytes hold.
    static func dissectSources(_ recorder: inout DissectionRecorder, message offset: Int, end: Int) {
        let count = Int(recorder.bytes[offset + 26]) << 8 | Int(recorder.bytes[offset + 27])
        dissectAddresses(&recorder, sourceAddress, count: count, from: offset + version2QueryLength, end: end)
    }

    /// Decodes an MLDv2 report's records; each one is at least 20 bytes, so the loop ends.
    static func dissectRecords(_ recorder: inout DissectionRecorder, message offset: Int, end: Int) {
        let count = Int(recorder.bytes[offset + 6]) << 8 | Int(recorder.bytes[offset + 7])
        var cursor = offset + 8
        for _ in 0..<count {
            guard recorder.addHeader(record, base: cursor, end: end, protocolName: "MLDv2 address record") else { return }
            let auxiliary = Int(recorder.bytes[cursor + 1]) * 4
            let sources = Int(recorder.bytes[cursor + 2]) << 8 | Int(recorder.bytes[cursor + 3])
            let sourcesEnd = cursor + recordHeaderLength + 16 * sources
            guard dissectAddresses(&recorder, recordSourceAddress, count: sources, from: cursor + recordHeaderLength, end: end) else { return }
            if auxiliary > 0 {
                guard sourcesEnd + auxiliary <= end else {
                    recorder.malformed("MLDv2 auxiliary data of \(auxiliary) bytes exceeds the \(end - sourcesEnd) bytes left", offset: cursor + 1)
                    return
                }
                recorder.add(auxiliaryData, .bytes(Array(recorder.bytes[sourcesEnd..<(sourcesEnd + auxiliary)])), offset: sourcesEnd, length: auxiliary)
            }
            cursor = sourcesEnd + auxiliary
        }
    }

    @discardableResult
    private static func dissectAddresses(_ recorder: inout DissectionRecorder, _ descriptor: FieldDescriptor,
                                         count: Int, from offset: Int, end: Int) -> Bool {
        var cursor = offset
        for _ in 0..<count {
            guard cursor + 16 <= end else {
                recorder.malformed("MLD source list of \(count) addresses exceeds the bytes left", offset: cursor)
                return false
            }
            recorder.add(descriptor, .ipv6(IPv6Address(Array(recorder.bytes[cursor..<(cursor + 16)]))), offset: cursor, length: 16)
            cursor += 16
        }
        return true
    }

    /// The source addresses given for an MLDv2 query, in order.
    static func sourceBytes(_ fields: LayerFields, _ descriptor: FieldDescriptor) throws(BuildError) -> [UInt8] {
        try fields.givenAll(descriptor).flatMap { value -> [UInt8] in
            guard case .ipv6(let address) = value else { return [] }
            return address.bytes
        }
    }

    /// Encodes one `icmpv6.mldr.mar` layer; the source count and auxiliary data length
    /// are computed unless given.
    static func buildRecord(_ spec: LayerSpec, at index: Int, payload: [UInt8]) throws(BuildError) -> [UInt8] {
        var fields = try LayerFields(spec, at: index, length: recordHeaderLength, allowed: recordSettable)
        let sources = try sourceBytes(fields, recordSourceAddress)
        var auxiliary: [UInt8] = []
        if case .bytes(let given)? = try fields.given(auxiliaryData) { auxiliary = given }
        guard auxiliary.count % 4 == 0, auxiliary.count / 4 <= 0xff else {
            throw fields.failure(auxiliaryData.abbrev, "must be a multiple of 4 bytes, at most 1020")
        }
        try fields.setDefault(record[1], .uint(UInt64(auxiliary.count / 4)))
        try fields.setDefault(record[2], .uint(UInt64(min(sources.count / 16, 0xffff))))
        try fields.applyGiven(record)
        return fields.header + sources + auxiliary + payload
    }
}
