import ConformTime

/// Loads target files: the lab-owned description of one device under test.
public enum TargetLoader {
    /// - Throws: every diagnostic, when at least one is an error.
    public static func load(_ path: String) throws(DiagnosticsError) -> Target {
        let (result, bytes) = YAMLLoader.load(path: path)
        return try finish(analyse(result, bytes: bytes, file: path))
    }

    /// For built-in targets (`sim:NAME`), whose text the simulator catalog supplies.
    public static func load(text: String, name: String) throws(DiagnosticsError) -> Target {
        let bytes = Array(text.utf8)
        return try finish(analyse(YAMLLoader.parse(bytes, file: name), bytes: bytes, file: name))
    }

    private static func finish(_ outcome: (Target?, [Diagnostic])) throws(DiagnosticsError) -> Target {
        guard let target = outcome.0, !outcome.1.contains(where: { $0.severity == .error }) else { throw DiagnosticsError(outcome.1) }
        return target
    }

    static func analyse(_ result: YAMLLoader.Result, bytes: [UInt8], file: String) -> (Target?, [Diagnostic]) {
        guard let root = result.root, !result.hasErrors else {
            var diagnostics = result.diagnostics
            if diagnostics.isEmpty {
                diagnostics.append(Diagnostic("target.empty", at: SourceLocation(file: file, line: 1, column: 1), "the file holds no YAML document"))
            }
            return (nil, diagnostics)
        }
        var parser = TargetParser()
        let target = parser.target(root, file: SourceFile(path: file, sha256: SHA256.hex(bytes), bytes: bytes))
        return (target, result.diagnostics + parser.reader.log.all)
    }
}

/// Builds a ``Target`` from a parsed document, reporting every problem.
struct TargetParser {
    var reader = NodeReader(domain: "target")

    mutating func target(_ root: YAMLNode, file: SourceFile) -> Target? {
        guard let f = reader.fields(of: root, "the target", allowed: TargetKeys.top, required: TargetKeys.topRequired) else { return nil }
        let id = reader.string(f["target"], "target")
        let identity = self.identity(f["identity"])
        let kind = reader.string(f["kind"], "kind")
        let testbed = self.testbed(f["testbed"])
        let addresses = self.addresses(f["addresses"])
        let (pics, picsLocations) = self.pics(f["pics"])
        let pixit = self.pixit(f["pixit"])
        let actions = self.actions(f["actions"])
        let location = root.mapping?.first(where: { $0.key.text == "target" })?.keyLocation ?? root.location
        guard let id, let identity, let kind, let testbed, !reader.log.hasErrors else { return nil }
        return Target(id: id, identity: identity, kind: kind, testbed: testbed, addresses: addresses, pics: pics,
                      picsLocations: picsLocations, pixit: pixit, actions: actions, file: file, location: location)
    }

    private mutating func identity(_ node: YAMLNode?) -> DeviceIdentity? {
        guard let node, let f = reader.fields(of: node, "identity", allowed: TargetKeys.identity, required: TargetKeys.identityRequired) else { return nil }
        let vendor = reader.string(f["vendor"], "identity.vendor")
        let model = reader.string(f["model"], "identity.model")
        let digest = reader.string(f["firmware_digest"], "identity.firmware_digest")
        if let digest, let node = f["firmware_digest"], !Self.isDigest(digest) {
            reader.error("bad-digest", at: node.location, "firmware_digest must be 'sha256:' and 64 lowercase hex digits")
        }
        guard let vendor, let model else { return nil }
        return DeviceIdentity(vendor: vendor, model: model, hardwareVersion: reader.string(f["hardware"], "identity.hardware"),
                              firmwareVersion: reader.string(f["firmware"], "identity.firmware"),
                              serial: reader.string(f["serial"], "identity.serial"), firmwareDigest: digest)
    }

    static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private mutating func testbed(_ node: YAMLNode?) -> Testbed? {
        guard let node else { return nil }
        let kindNode = node.mapping?.first(where: { $0.key.text == "kind" })?.value
        if let kindNode, kindNode.scalar?.text == "netns" { return netns(node) }
        guard let f = reader.fields(of: node, "testbed", allowed: TargetKeys.testbed, required: ["kind"]) else { return nil }
        guard let kindNode = f["kind"], let kind = reader.string(kindNode, "testbed.kind") else { return nil }
        guard TargetKeys.testbedKinds.contains(kind) else {
            reader.error("unsupported-testbed", at: kindNode.location, "test bed kind '\(kind)' is not supported",
                         hint: "supported: \(TargetKeys.testbedKinds.joined(separator: ", "))")
            return nil
        }
        guard let simulator = reader.string(f["simulator"], "testbed.simulator") else {
            if f["simulator"] == nil { reader.error("missing-key", at: node.location, "a 'sim' test bed needs 'simulator'") }
            return nil
        }
        let fault = f["fault"].flatMap { $0.scalar?.value == .null ? nil : reader.string($0, "testbed.fault") }
        return .simulator(name: simulator, fault: fault)
    }

    /// `testbed: {kind: netns, links, sysctls, setup, device}`.
    private mutating func netns(_ node: YAMLNode) -> Testbed? {
        guard let f = reader.fields(of: node, "a netns testbed", allowed: TargetKeys.netnsTestbed, required: ["kind", "links"]) else { return nil }
        var links: [NetnsLinkSpec] = []
        for item in reader.list(f["links"], "testbed.links") ?? [] {
            guard let l = reader.fields(of: item, "a link", allowed: TargetKeys.netnsLink, required: ["interface", "port"]),
                  let port = reader.string(l["port"], "link port"), let interface = reader.string(l["interface"], "link interface") else { continue }
            if links.contains(where: { $0.port == port }) {
                reader.error("duplicate-link", at: item.location, "port '\(port)' has two links")
            }
            links.append(NetnsLinkSpec(port: port, interface: interface, mac: reader.string(l["mac"], "link mac"), location: item.location))
        }
        if links.isEmpty, let linksNode = f["links"] {
            reader.error("no-links", at: linksNode.location, "a netns test bed needs at least one link")
        }
        var sysctls: [NetnsSysctlSpec] = []
        if let sysctlNode = f["sysctls"] {
            if let pairs = sysctlNode.mapping {
                for pair in pairs {
                    guard let value = reader.string(pair.value, "sysctl '\(pair.key.text)'") else { continue }
                    sysctls.append(NetnsSysctlSpec(key: pair.key.text, value: value, location: pair.keyLocation))
                }
            } else {
                reader.wrongType(sysctlNode, "sysctls", expected: "a mapping of sysctl keys to values")
            }
        }
        let setup = (reader.list(f["setup"], "testbed.setup") ?? []).compactMap { command($0, "a set-up command") }
        let device = f["device"].flatMap { deviceProcess($0) }
        guard !reader.log.hasErrors else { return nil }
        return .netns(NetnsTestbedSpec(links: links, sysctls: sysctls, setup: setup, device: device))
    }

    private mutating func deviceProcess(_ node: YAMLNode) -> DeviceProcessSpec? {
        guard let f = reader.fields(of: node, "the device", allowed: TargetKeys.deviceProcess, required: ["argv"]),
              let argv = reader.strings(f["argv"], "device argv") else { return nil }
        guard !argv.isEmpty else {
            reader.error("empty-argv", at: f["argv"]?.location ?? node.location, "the device has an empty argv")
            return nil
        }
        let health = f["health"].flatMap { command($0, "the device health check") }
        guard let ready = duration(f["ready_within"], "device ready_within", default: .seconds(10)),
              let stop = duration(f["stop_within"], "device stop_within", default: .seconds(3)) else { return nil }
        return DeviceProcessSpec(argv: argv, health: health, readyWithin: ready, stopWithin: stop, location: node.location)
    }

    /// `{argv: [...], shell: bool}`.
    private mutating func command(_ node: YAMLNode, _ what: String) -> TargetAction? {
        guard let f = reader.fields(of: node, what, allowed: TargetKeys.command, required: ["argv"]),
              let argv = reader.strings(f["argv"], "\(what) argv") else { return nil }
        guard !argv.isEmpty else {
            reader.error("empty-argv", at: f["argv"]?.location ?? node.location, "\(what) has an empty argv")
            return nil
        }
        guard let shell = f["shell"] == nil ? false : reader.bool(f["shell"], "\(what) shell") else { return nil }
        return TargetAction(argv: argv, shell: shell, location: node.location)
    }

    private mutating func duration(_ node: YAMLNode?, _ what: String, default fallback: TimeAmount) -> TimeAmount? {
        guard let node else { return fallback }
        guard let text = reader.string(node, what) else { return nil }
        guard let amount = TimeAmount(parsing: text), amount.ns > 0 else {
            reader.error("bad-duration", at: node.location, "\(what) must be a positive duration with a unit (e.g. 5s), not '\(text)'")
            return nil
        }
        return amount
    }

    private mutating func addresses(_ node: YAMLNode?) -> [String: [String: String]] {
        guard let node else { return [:] }
        guard let roles = node.mapping else {
            reader.wrongType(node, "addresses", expected: "a mapping of roles to addresses")
            return [:]
        }
        var result: [String: [String: String]] = [:]
        for role in roles {
            guard let f = reader.fields(of: role.value, "addresses of '\(role.key.text)'", allowed: SuiteScope.addressAttributes) else { continue }
            var attributes: [String: String] = [:]
            for (name, value) in f { attributes[name] = reader.string(value, "\(role.key.text).\(name)") }
            result[role.key.text] = attributes
        }
        return result
    }

    private mutating func pics(_ node: YAMLNode?) -> ([String: PICSValue], [String: SourceLocation]) {
        guard let node else { return ([:], [:]) }
        guard let pairs = node.mapping else {
            reader.wrongType(node, "pics", expected: "a mapping of PICS items to answers")
            return ([:], [:])
        }
        var values: [String: PICSValue] = [:]
        var locations: [String: SourceLocation] = [:]
        for pair in pairs {
            let value: PICSValue
            switch pair.value.scalar?.value {
            case .bool(let b)?: value = .bool(b)
            case .int(let i)?: value = .int(i)
            case .string(let s)?: value = .string(s)
            default:
                reader.wrongType(pair.value, "PICS '\(pair.key.text)'", expected: "true, false, an integer or a string")
                continue
            }
            values[pair.key.text] = value
            locations[pair.key.text] = pair.keyLocation
        }
        return (values, locations)
    }

    private mutating func pixit(_ node: YAMLNode?) -> [String: TargetValue] {
        guard let node else { return [:] }
        guard let pairs = node.mapping else {
            reader.wrongType(node, "pixit", expected: "a mapping of PIXIT names to values")
            return [:]
        }
        var values: [String: TargetValue] = [:]
        for pair in pairs {
            guard let text = reader.string(pair.value, "PIXIT '\(pair.key.text)'") else { continue }
            values[pair.key.text] = TargetValue(text: text, location: pair.value.location)
        }
        return values
    }

    private mutating func actions(_ node: YAMLNode?) -> [String: TargetAction] {
        guard let node else { return [:] }
        guard let pairs = node.mapping else {
            reader.wrongType(node, "actions", expected: "a mapping of action names")
            return [:]
        }
        var actions: [String: TargetAction] = [:]
        for pair in pairs {
            let what = "action '\(pair.key.text)'"
            guard let f = reader.fields(of: pair.value, what, allowed: TargetKeys.action) else { continue }
            if let builtinNode = f["builtin"] {
                guard let builtin = reader.string(builtinNode, "\(what) builtin") else { continue }
                guard TargetAction.builtins.contains(builtin), f["argv"] == nil, f["shell"] == nil else {
                    reader.error("bad-builtin", at: builtinNode.location, "\(what): 'builtin' takes one of \(TargetAction.builtins.joined(separator: ", ")) and no argv or shell")
                    continue
                }
                actions[pair.key.text] = TargetAction(argv: [], shell: false, builtin: builtin, location: pair.keyLocation)
                continue
            }
            guard f["argv"] != nil else {
                reader.error("missing-key", at: pair.value.location, "\(what) needs 'argv' (or 'builtin')")
                continue
            }
            guard let argv = reader.strings(f["argv"], "\(what) argv") else { continue }
            guard !argv.isEmpty else {
                reader.error("empty-argv", at: f["argv"]?.location ?? pair.keyLocation, "\(what) has an empty argv")
                continue
            }
            let shell = f["shell"] == nil ? false : reader.bool(f["shell"], "\(what) shell")
            guard let shell else { continue }
            actions[pair.key.text] = TargetAction(argv: argv, shell: shell, location: pair.keyLocation)
        }
        return actions
    }
}
