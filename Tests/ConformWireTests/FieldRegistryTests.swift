import Testing
@testable import ConformWire

@Suite struct FieldRegistryTests {
    @Test func abbrevsAreUniqueLowercaseAndValid() {
        let abbrevs = FieldRegistry.all.map(\.abbrev)
        #expect(Set(abbrevs).count == abbrevs.count)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        // Wireshark's own spelling wins where it mixes case (packet-ptp.c; checked against tshark).
        let wiresharkMixedCase = Set(["ptp.v2.flags.synchronizationUncertain", "ptp.v2.an.tlvType", "ptp.v2.an.lengthField",
                                      "ptp.as.fu.tlvType", "ptp.as.fu.lengthField", "ptp.as.fu.organizationId",
                                      "ptp.as.fu.organizationSubType", "ptp.as.fu.cumulativeScaledRateOffset",
                                      "ptp.as.fu.gmTimeBaseIndicator", "ptp.as.fu.lastGmPhaseChange", "ptp.as.fu.scaledLastGmFreqChange",
                                      "ptp.as.sig.tlvType", "ptp.as.sig.lengthField", "ptp.as.sig.tlv.organizationId",
                                      "ptp.as.sig.tlv.organizationSubType"])
        for abbrev in abbrevs where !wiresharkMixedCase.contains(abbrev) {
            #expect(abbrev.allSatisfy { allowed.contains($0) }, "\(abbrev) has characters outside [a-z0-9-_.]")
            #expect(!abbrev.hasPrefix(".") && !abbrev.hasSuffix(".") && !abbrev.contains(".."), "\(abbrev)")
        }
    }

    @Test func briefedFieldsHaveWiresharkTypes() {
        let expected: [(String, FieldType, FieldBase, UInt64)] = [
            ("eth.type", .uint16, .hex, 0), ("vlan.priority", .uint16, .dec, 0xe000), ("vlan.dei", .bool, .none, 0x1000),
            ("vlan.id", .uint16, .dec, 0xfff), ("ipv6.tclass", .uint32, .hex, 0x0ff0_0000), ("ipv6.flow", .uint24, .hex, 0xfffff),
            ("icmpv6.checksum.status", .uint8, .none, 0), ("icmpv6.reserved", .bytes, .none, 0),
            ("icmpv6.nd.na.flag.s", .bool, .none, 0x4000_0000), ("icmpv6.opt.linkaddr", .bytes, .none, 0),
            ("icmpv6.opt.mtu", .uint32, .dec, 0), ("data.len", .int32, .dec, 0), ("frame.protocols", .string, .none, 0),
        ]
        for (abbrev, type, base, mask) in expected {
            let descriptor = FieldRegistry.descriptor(for: abbrev)
            #expect(descriptor?.type == type, "\(abbrev)")
            #expect(descriptor?.base == base, "\(abbrev)")
            #expect(descriptor?.bitmask == mask, "\(abbrev)")
        }
        #expect(FieldRegistry.descriptor(for: "ipv6.hlimit") == nil)
    }

    @Test func parseGivesTheDissectorsCase() throws {
        func parse(_ text: String, _ abbrev: String) -> FieldValue? {
            FieldRegistry.parse(text, as: FieldRegistry.descriptor(for: abbrev)!)
        }
        #expect(parse("255", "ipv6.hlim") == .uint(255))
        #expect(parse("0x86DD", "eth.type") == .uint(0x86dd))
        #expect(parse("300", "ipv6.hlim") == nil)
        #expect(parse("4096", "vlan.id") == nil)
        #expect(parse("-1", "ipv6.hlim") == nil)
        #expect(parse("12abc", "ipv6.hlim") == nil)
        #expect(parse("true", "icmpv6.nd.na.flag.s") == .bool(true))
        #expect(parse("False", "icmpv6.nd.na.flag.s") == .bool(false))
        #expect(parse("1", "icmpv6.nd.na.flag.s") == .bool(true))
        #expect(parse("yes", "icmpv6.nd.na.flag.s") == nil)
        #expect(parse("-12", "data.len") == .int(-12))
        #expect(parse("02:00:00:00:00:01", "eth.src") == .ether(Fixtures.tn1MAC))
        #expect(parse("fe80::1", "ipv6.src") == .ipv6(Fixtures.tn1LinkLocal))
        #expect(parse("fe80::1", "eth.src") == nil)
        #expect(parse("0a0b", "data.data") == .bytes([10, 11]))
        #expect(parse("0a:0b", "data.data") == .bytes([10, 11]))
        #expect(parse("0a:0", "data.data") == nil)
        #expect(parse("eth:ipv6", "frame.protocols") == .string("eth:ipv6"))
    }

    @Test func suggestionForMisspeltAbbrev() {
        #expect(FieldRegistry.suggestion(for: "ipv6.hlimit") == "ipv6.hlim")
        #expect(FieldRegistry.suggestion(for: "icmpv6.nd.na.flags.s") == "icmpv6.nd.na.flag.s")
        #expect(FieldRegistry.suggestion(for: "icmpv6.nd.ns.taget_address") == "icmpv6.nd.ns.target_address")
        #expect(FieldRegistry.suggestion(for: "mqtt.topic") == nil)
    }

    @Test func nameSuggester() {
        #expect(NameSuggester.nearest(to: "retrans_timr", among: ["retrans_timer", "reachable_time"]) == "retrans_timer")
        // A transposition costs one edit.
        #expect(NameSuggester.nearest(to: "ab", among: ["ba", "xyz"]) == "ba")
        #expect(NameSuggester.nearest(to: "abc", among: ["xyz"]) == nil)
        #expect(NameSuggester.nearest(to: "nd.host", among: []) == nil)
        #expect(NameSuggester.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(NameSuggester.editDistance(Array("ca"), Array("abc")) == 3)
    }
}
