import Foundation

/// Temporary files for loader tests, and the repository's fixture folders.
enum TestFiles {
    /// Writes `files` (name → text) into a fresh temporary folder and returns its path.
    static func folder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conform-suite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    /// Writes one file and returns its path.
    static func file(_ name: String, _ text: String) throws -> String {
        (try folder([name: text]) as NSString).appendingPathComponent(name)
    }

    /// The repository root, found from this source file.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static let validSuite = """
    # yaml-language-server: $schema=../../schema/suite.schema.json
    suite: ipv6-core
    version: 1.0.0
    title: Echo
    method: {spec: RFC 4443, basis: "IPv6 Ready Phase-2 Core"}
    ports: [tn1]
    pics:
      ipv6.host: {type: bool, required: true, description: A host}
      ipv6.router: {type: bool, default: false}
    pixit:
      retrans_timer: {type: duration, default: 1s}
      secret_key: {type: string, required: true, sensitive: true}
    templates:
      echo_request:
        - eth: {dst: "{{nut.mac}}", src: "{{tn1.mac}}"}
        - ipv6: {src: "{{tn1.ll}}", dst: "{{nut.ll}}", hlim: 64}
        - icmpv6: {type: 128, code: 0, echo.identifier: 0x1234, echo.sequence_number: 1}
        - data: {data: "00112233"}
      na_from_tn1:
        - eth: {dst: "{{multicast_mac(solicited_node(nut.ll))}}"}
        - icmpv6.opt: [{type: 1, linkaddr: "{{tn1.mac}}"}, {type: 2}]
        - raw: "deadbeef"
    cases:
      - id: ICMP-ECHO-001
        title: Echo reply
        purpose: The host answers
        clause: RFC 4443 §4.2
        references: [v6LC.5.1.1]
        pics: ipv6.host and not ipv6.router
        tags: [echo]
        timeout: 30s
        on:
          - {port: tn1, match: {icmpv6.type: 135, icmpv6.nd.ns.target_address: "{{tn1.ll}}"}, send: na_from_tn1}
        steps:
          - send: {port: tn1, template: echo_request, count: 2, set: {icmpv6.echo.sequence_number: 2}}
          - expect:
              port: tn1
              within: "{{pixit.retrans_timer}}"
              template: echo_request
              match: {ipv6.hlim: 255, icmpv6.type: {in: [129]}, icmpv6.code: any, icmpv6.opt.type#2: 1,
                      ipv6.tclass: {ne: 0}, icmpv6.echo.sequence_number: {range: [1, 4]}, icmpv6.nd.na.flag.r: absent}
              save: {t0: frame.time, seq: icmpv6.echo.sequence_number}
          - wait: 2s
          - set: {x: "{{pixit.retrans_timer}}"}
          - expect: {port: tn1, within: 1s, after: t0, absent: true, only: true}
          - action: {name: reset, args: ["{{nut.ll}}", "{{x}}"]}
        finally:
          - action: {name: flush-neighbors}
    """
}

extension TestFiles {
    static let validTarget = """
    target: sim-ipv6-host
    identity: {vendor: Conform, model: ipv6-host simulator, hardware: "1", firmware: "1.0.0", serial: SIM-0001}
    kind: ipv6-host
    testbed: {kind: sim, simulator: ipv6-host, fault: null}
    addresses:
      nut: {mac: "02:00:00:00:00:01", ll: "fe80::ff:fe00:1"}
      tn1: {mac: "02:00:00:00:01:01", ll: "fe80::ff:fe00:101"}
    pics: {ipv6.host: true}
    pixit: {retrans_timer: 250ms, secret_key: hunter2}
    actions:
      reset: {argv: [ip, neigh, flush, dev, eth0]}
      flush-neighbors: {argv: ["sh", "-c", "echo hi"], shell: true}
    """
}
