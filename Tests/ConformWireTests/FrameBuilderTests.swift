import Testing
@testable import ConformWire

@Suite struct FrameBuilderTests {
    static let solicitedNode = IPv6Address(text: "ff02::1:ff00:2")!

    static func echoRequestLayers() -> [LayerSpec] {
        [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.nutMAC)), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.tn1LinkLocal)), ("ipv6.dst", .ipv6(Fixtures.nutLinkLocal))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(128)), ("icmpv6.echo.identifier", .uint(0x1234)),
                                 ("icmpv6.echo.sequence_number", .uint(1))]),
            LayerSpec("data", [("data.data", .bytes(Array("ping".utf8)))]),
        ]
    }

    @Test func echoRequestMatchesIndependentFixture() throws {
        #expect(try FrameBuilder.build(Self.echoRequestLayers()) == Fixtures.echoRequest)
    }

    @Test func neighborSolicitationMatchesIndependentFixture() throws {
        let layers = [
            LayerSpec("eth", [("eth.dst", .string("33:33:ff:00:00:02")), ("eth.src", .ether(Fixtures.tn1MAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.tn1LinkLocal)), ("ipv6.dst", .ipv6(Self.solicitedNode)),
                               ("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .string("135")), ("icmpv6.code", .uint(0)),
                                 ("icmpv6.nd.ns.target_address", .string("fe80::200:0:0:2"))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(1)), ("icmpv6.opt.linkaddr", .ether(Fixtures.tn1MAC))]),
        ]
        #expect(try FrameBuilder.build(layers) == Fixtures.nsWithSLLAO)
    }

    @Test func neighborAdvertisementMatchesIndependentFixture() throws {
        let layers = [
            LayerSpec("eth", [("eth.dst", .ether(Fixtures.tn1MAC)), ("eth.src", .ether(Fixtures.nutMAC))]),
            LayerSpec("ipv6", [("ipv6.src", .ipv6(Fixtures.nutLinkLocal)), ("ipv6.dst", .ipv6(Fixtures.tn1LinkLocal)),
                               ("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(136)), ("icmpv6.nd.na.flag.s", .bool(true)),
                                 ("icmpv6.nd.na.flag.o", .string("true")),
                                 ("icmpv6.nd.na.target_address", .ipv6(Fixtures.nutLinkLocal))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(2)), ("icmpv6.opt.target_linkaddr", .string("02:00:00:00:00:02"))]),
        ]
        #expect(try FrameBuilder.build(layers) == Fixtures.naWithTLLA)
    }

    @Test func routerAdvertisementMatchesIndependentFixture() throws {
        let layers = [
            LayerSpec("eth", [("eth.dst", .string("33:33:00:00:00:01")), ("eth.src", .string("02:00:00:00:00:03"))]),
            LayerSpec("ipv6", [("ipv6.src", .string("fe80::3")), ("ipv6.dst", .ipv6(.allNodes)), ("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(134)), ("icmpv6.nd.ra.cur_hop_limit", .uint(64)),
                                 ("icmpv6.nd.ra.flag.m", .bool(true)), ("icmpv6.nd.ra.flag.o", .bool(true)),
                                 ("icmpv6.nd.ra.router_lifetime", .uint(1800)),
                                 ("icmpv6.nd.ra.reachable_time", .uint(30000)), ("icmpv6.nd.ra.retrans_timer", .uint(1000))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(3)), ("icmpv6.opt.prefix.length", .uint(64)),
                                     ("icmpv6.opt.prefix.flag.l", .bool(true)), ("icmpv6.opt.prefix.flag.a", .bool(true)),
                                     ("icmpv6.opt.prefix.valid_lifetime", .uint(2_592_000)),
                                     ("icmpv6.opt.prefix.preferred_lifetime", .uint(604_800)),
                                     ("icmpv6.opt.prefix", .string("2001:db8:0:1::"))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(5)), ("icmpv6.opt.mtu", .uint(1500))]),
        ]
        #expect(try FrameBuilder.build(layers) == Fixtures.raWithPrefixAndMTU)
    }

    @Test func buildThenDissectRoundTrips() throws {
        var layers = Self.echoRequestLayers()
        layers.insert(LayerSpec("vlan", [("vlan.priority", .uint(3)), ("vlan.dei", .bool(true)), ("vlan.id", .uint(100))]), at: 1)
        layers[2].fields += [("ipv6.tclass", .uint(0x2e)), ("ipv6.flow", .uint(0xabcde)), ("ipv6.hlim", .uint(1))]
        let d = Dissector.dissect(try FrameBuilder.build(layers))
        #expect(d.uint("eth.type") == 0x8100)
        #expect(d.uint("vlan.priority") == 3)
        #expect(d.first("vlan.dei") == .bool(true))
        #expect(d.uint("vlan.id") == 100)
        #expect(d.uint("vlan.etype") == 0x86dd)
        #expect(d.uint("ipv6.tclass") == 0x2e)
        #expect(d.uint("ipv6.flow") == 0xabcde)
        #expect(d.uint("ipv6.hlim") == 1)
        #expect(d.uint("ipv6.plen") == 12)
        #expect(d.uint("icmpv6.checksum.status") == 1)
        #expect(d.first("data.data") == .bytes(Array("ping".utf8)))
        #expect(d.expert.isEmpty)
    }

    @Test func everyDissectedSettableFieldRoundTrips() throws {
        // Dissect each fixture, rebuild it from the dissected values of settable fields, and
        // compare bytes: the builder and the dissector agree on every field's place.
        for fixture in Fixtures.all {
            let d = Dissector.dissect(fixture)
            var layers: [LayerSpec] = []
            var optionFields: [(abbrev: String, value: FieldValue)] = []
            func flushOption() {
                if !optionFields.isEmpty { layers.append(LayerSpec("icmpv6.opt", optionFields)) }
                optionFields = []
            }
            for field in d.fields {
                let layer = String(field.abbrev.split(separator: ".").first ?? "")
                if field.abbrev.hasPrefix("icmpv6.opt.") {
                    if field.abbrev == "icmpv6.opt.type" { flushOption() }
                    optionFields.append((field.abbrev, field.value))
                    continue
                }
                // `ip.version` also occurs in IPv6 packets, as in Wireshark; only fields of layers present count.
                guard d.layers.contains(layer), FrameBuilder.settableFields(of: layer)?.contains(field.abbrev) == true else { continue }
                if layers.last?.layer != layer { layers.append(LayerSpec(layer)) }
                layers[layers.count - 1].fields.append((field.abbrev, field.value))
            }
            flushOption()
            #expect(try FrameBuilder.build(layers) == fixture)
        }
    }

    @Test func explicitWrongChecksumAndPayloadLengthAreWrittenVerbatim() throws {
        var layers = Self.echoRequestLayers()
        layers[1].fields.append(("ipv6.plen", .uint(99)))
        layers[2].fields.append(("icmpv6.checksum", .uint(0xbeef)))
        let bytes = try FrameBuilder.build(layers)
        #expect(bytes.count == Fixtures.echoRequest.count)
        #expect(Array(bytes[18..<20]) == [0, 99])
        #expect(Array(bytes[56..<58]) == [0xbe, 0xef])
        let d = Dissector.dissect(bytes)
        #expect(d.uint("icmpv6.checksum") == 0xbeef)
        #expect(d.expert.contains { $0.abbrev == "_ws.malformed" })
    }

    @Test func explicitVersionAndNextHeaderAreWrittenVerbatim() throws {
        var layers = Self.echoRequestLayers()
        layers[1].fields += [("ipv6.version", .uint(4)), ("ipv6.nxt", .uint(59))]
        let d = Dissector.dissect(try FrameBuilder.build(layers))
        #expect(d.uint("ipv6.version") == 4)
        #expect(d.uint("ipv6.nxt") == 59)
        #expect(d.first("icmpv6.type") == nil)
    }

    @Test func zeroLengthOptionCanBeBuilt() throws {
        let layers = [
            LayerSpec("eth", [("eth.dst", .ether(.broadcast))]),
            LayerSpec("ipv6", [("ipv6.hlim", .uint(255))]),
            LayerSpec("icmpv6", [("icmpv6.type", .uint(135)), ("icmpv6.nd.ns.target_address", .ipv6(Fixtures.nutLinkLocal))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(1)), ("icmpv6.opt.length", .uint(0)),
                                     ("icmpv6.opt.linkaddr", .ether(Fixtures.tn1MAC))]),
        ]
        let bytes = try FrameBuilder.build(layers)
        #expect(bytes.count == 14 + 40 + 24 + 8)
        let d = Dissector.dissect(bytes)
        #expect(d.uint("icmpv6.opt.length") == 0)
        #expect(d.uint("icmpv6.checksum.status") == 1)
        #expect(d.expert.contains { $0.abbrev == "icmpv6.invalid_option_length" })
    }

    @Test func linkAddressLongerThanSixBytesIsPadded() throws {
        let layers = [
            LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("icmpv6", [("icmpv6.type", .uint(133))]),
            LayerSpec("icmpv6.opt", [("icmpv6.opt.type", .uint(1)), ("icmpv6.opt.src_linkaddr", .bytes([1, 2, 3, 4, 5, 6, 7, 8]))]),
        ]
        let d = Dissector.dissect(try FrameBuilder.build(layers))
        #expect(d.uint("icmpv6.opt.length") == 2)
        #expect(d.first("icmpv6.opt.src_linkaddr") == .bytes([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0]))
    }

    @Test func rawLayerIsWrittenVerbatim() throws {
        let layers = [LayerSpec("eth", [("eth.type", .uint(0x88b5))]), LayerSpec("raw", [("raw.data", .string("de:ad:be:ef"))])]
        #expect(try FrameBuilder.build(layers) == [UInt8](repeating: 0, count: 12) + [0x88, 0xb5, 0xde, 0xad, 0xbe, 0xef])
    }

    @Test func fieldNotSettableInLayerNamesIndexAndField() {
        let layers = [LayerSpec("eth"), LayerSpec("ipv6", [("ipv6.hlimit", .uint(1))]), LayerSpec("icmpv6", [("icmpv6.type", .uint(128))])]
        #expect(throws: BuildError.self) { try FrameBuilder.build(layers) }
        do {
            _ = try FrameBuilder.build(layers)
        } catch {
            #expect(error.layerIndex == 1)
            #expect(error.field == "ipv6.hlimit")
            #expect(error.description.contains("ipv6.hlim"))
        }
    }

    @Test func fieldOfAnotherMessageTypeIsRejected() {
        let layers = [LayerSpec("eth"), LayerSpec("ipv6"),
                      LayerSpec("icmpv6", [("icmpv6.type", .uint(128)), ("icmpv6.nd.ns.target_address", .ipv6(.allNodes))])]
        #expect(buildError(layers)?.field == "icmpv6.nd.ns.target_address")
    }

    @Test func wrongValueCaseIsRejected() {
        let layers = [LayerSpec("eth", [("eth.src", .uint(3))]), LayerSpec("ipv6"), LayerSpec("icmpv6", [("icmpv6.type", .uint(128))])]
        let error = buildError(layers)
        #expect(error?.layerIndex == 0)
        #expect(error?.field == "eth.src")
    }

    @Test func valueTooWideIsRejected() {
        let layers = [LayerSpec("eth"), LayerSpec("vlan", [("vlan.id", .uint(5000))]), LayerSpec("ipv6"),
                      LayerSpec("icmpv6", [("icmpv6.type", .uint(128))])]
        #expect(buildError(layers)?.field == "vlan.id")
    }

    @Test func underivableTypesAndUnknownLayersAreErrors() {
        #expect(buildError([LayerSpec("eth"), LayerSpec("data", [("data.data", .bytes([1]))])])?.field == "eth.type")
        #expect(buildError([LayerSpec("eth", [("eth.type", .uint(0x86dd))]), LayerSpec("ipv7")])?.layerIndex == 1)
        #expect(buildError([LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("data")])?.field == "ipv6.nxt")
        #expect(buildError([LayerSpec("icmpv6", [("icmpv6.type", .uint(128))])])?.field == "icmpv6.checksum")
        #expect(buildError([LayerSpec("eth"), LayerSpec("ipv6"), LayerSpec("icmpv6")])?.field == "icmpv6.type")
        #expect(buildError([LayerSpec("raw"), LayerSpec("data")])?.layerIndex == 0)
    }

    @Test func settableFieldsAreRegistered() {
        #expect(FrameBuilder.settableFields(of: "nope") == nil)
        for layer in FrameBuilder.layerNames {
            let fields = FrameBuilder.settableFields(of: layer) ?? []
            #expect(!fields.isEmpty)
            for field in fields {
                #expect(FieldRegistry.descriptor(for: field) != nil, "\(field) is not registered")
            }
        }
        #expect(FrameBuilder.settableFields(of: "icmpv6")?.contains("icmpv6.checksum.status") == false)
    }

    private func buildError(_ layers: [LayerSpec]) -> BuildError? {
        do {
            _ = try FrameBuilder.build(layers)
            return nil
        } catch {
            return error
        }
    }
}
