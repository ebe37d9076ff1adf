import Testing
@testable import ConformSuite

@Suite struct RepeatedFieldTests {
    /// A list value repeats a field within its layer, in order (YAML refuses duplicate keys).
    @Test func aListValueBecomesOneOccurrencePerItem() throws {
        let text = """
        suite: routing
        version: 1.0.0
        title: Routing header
        method: {spec: RFC 8200}
        ports: [tn1]
        templates:
          routed:
            - eth: {dst: "{{nut.mac}}", src: "{{tn1.mac}}"}
            - ipv6: {src: "{{tn1.ll}}", dst: "{{nut.ll}}"}
            - ipv6.routing: {type: 0, segleft: 2, src.addr: ["fe80::1", "fe80::2"]}
            - icmpv6: {type: 128, code: 0}
        cases:
          - id: RH-001
            title: routing
            clause: RFC 8200 §4.4
            steps:
              - send: {port: tn1, template: routed}
              - expect: {port: tn1, within: 1s, absent: true}
        """
        let suite = try SuiteLoader.load(try TestFiles.file("routing.yaml", text))
        let routing = try #require(suite.templates["routed"]?.layers[2])
        #expect(routing.fields.map(\.abbrev) == ["ipv6.routing.type", "ipv6.routing.segleft",
                                                  "ipv6.routing.src.addr", "ipv6.routing.src.addr"])
        #expect(routing.fields.compactMap(\.value.literalText) == ["0", "2", "fe80::1", "fe80::2"])
    }
}
