/// Builds a ``Suite`` from parsed YAML documents, reporting every problem it finds.
///
/// Declarations (`ports`, `pics`, `pixit`) and template names are gathered first, so cases
/// and templates can be checked against them whatever file or order they come in.
struct SuiteParser {
    var reader = NodeReader(domain: "suite")
    var scope = SuiteScope()
    /// Single-word names templates use; each must be saved or set by some case.
    var templateNames: [(name: String, location: SourceLocation)] = []
    /// Every name any case saves or sets.
    var caseLocals: Set<String> = []
    var caseIDs: [String: SourceLocation] = [:]

    /// `header` is the suite file (or the folder's suite.yaml); `parts` are further files
    /// holding only `templates:` and `cases:`.
    mutating func suite(header: YAMLNode, parts: [YAMLNode], files: [SourceFile]) -> Suite? {
        guard let h = reader.fields(of: header, "the suite", allowed: SuiteKeys.header, required: SuiteKeys.headerRequired) else { return nil }
        let partFields = parts.compactMap { reader.fields(of: $0, "a suite part file", allowed: SuiteKeys.part) }

        let id = reader.string(h["suite"], "suite")
        let version = reader.string(h["version"], "version")
        if let version, let node = h["version"], !ValueSyntax.isSemanticVersion(version) {
            reader.error("bad-version", at: node.location, "version '\(version)' is not a semantic version",
                         hint: "write MAJOR.MINOR.PATCH, e.g. 1.0.0")
        }
        let title = reader.string(h["title"], "title")
        let method = self.method(h["method"])
        scope.ports = portList(h["ports"])
        let pics = picsDeclarations(h["pics"])
        let pixit = pixitDeclarations(h["pixit"])

        let templateNodes = ([h] + partFields).compactMap { $0["templates"] }
        for node in templateNodes { collectTemplateNames(node) }
        var templates: [String: Template] = [:]
        for node in templateNodes {
            for pair in node.mapping ?? [] {
                if let t = template(name: pair.key.text, pair.value, at: pair.keyLocation) { templates[t.name] = t }
            }
        }

        var cases: [TestCase] = []
        var sawCases = false
        for fields in [h] + partFields {
            guard let node = fields["cases"] else { continue }
            sawCases = true
            for item in reader.list(node, "cases") ?? [] {
                if let c = testCase(item) { cases.append(c) }
            }
        }
        if cases.isEmpty && !(sawCases && reader.log.hasErrors) {
            reader.error("no-cases", at: h["cases"]?.location ?? header.location, "the suite has no cases")
        }
        for use in templateNames where !caseLocals.contains(use.name) {
            reader.error("unknown-interpolation", at: use.location, "unknown name '\(use.name)' in '{{ }}': no case saves or sets it",
                         hint: DiagnosticLog.didYouMean(use.name, among: caseLocals.sorted()))
        }
        guard let id, let version, let title, let method, !reader.log.hasErrors else { return nil }
        return Suite(id: id, version: version, title: title, method: method, pics: pics, pixit: pixit, ports: scope.ports,
                     templates: templates, cases: cases, files: files)
    }

    private mutating func method(_ node: YAMLNode?) -> Suite.Method? {
        guard let node, let f = reader.fields(of: node, "method", allowed: SuiteKeys.method, required: ["spec"]) else { return nil }
        let spec = reader.string(f["spec"], "method.spec")
        let basis = reader.string(f["basis"], "method.basis")
        return spec.map { Suite.Method(spec: $0, basis: basis) }
    }

    private mutating func portList(_ node: YAMLNode?) -> [String] {
        var ports: [String] = []
        for item in reader.list(node, "ports") ?? [] {
            guard let name = reader.string(item, "a port") else { continue }
            if ports.contains(name) {
                reader.error("duplicate-port", at: item.location, "port '\(name)' is listed twice")
            } else if name == SuiteScope.deviceRole || name == "pixit" {
                reader.error("reserved-name", at: item.location, "'\(name)' is reserved and cannot name a port")
            } else {
                ports.append(name)
            }
        }
        return ports
    }

    private mutating func picsDeclarations(_ node: YAMLNode?) -> [PICSDeclaration] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            reader.wrongType(node, "pics", expected: "a mapping of PICS items")
            return []
        }
        var declarations: [PICSDeclaration] = []
        for pair in pairs {
            let what = "PICS item '\(pair.key.text)'"
            guard let f = reader.fields(of: pair.value, what, allowed: SuiteKeys.pics, required: ["type"]),
                  let typeNode = f["type"], let typeName = reader.string(typeNode, "\(what) type") else { continue }
            guard let type = PICSDeclaration.ValueType(rawValue: typeName) else {
                reader.error("bad-type", at: typeNode.location, "unknown PICS type '\(typeName)'",
                             hint: "types: \(PICSDeclaration.ValueType.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            var defaultValue: PICSValue?
            if let d = f["default"] {
                defaultValue = d.scalar.flatMap { ValueSyntax.pics($0, as: type) }
                if defaultValue == nil { reader.wrongType(d, "default of \(what)", expected: "a \(type.rawValue)") }
            }
            let declaration = PICSDeclaration(name: pair.key.text, type: type, required: f["required"].flatMap { reader.bool($0, "required") } ?? false,
                                              defaultValue: defaultValue, description: reader.string(f["description"], "description"),
                                              location: pair.keyLocation)
            scope.pics[declaration.name] = declaration
            declarations.append(declaration)
        }
        return declarations
    }

    private mutating func pixitDeclarations(_ node: YAMLNode?) -> [PIXITDeclaration] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            reader.wrongType(node, "pixit", expected: "a mapping of PIXIT parameters")
            return []
        }
        var declarations: [PIXITDeclaration] = []
        for pair in pairs {
            let what = "PIXIT '\(pair.key.text)'"
            guard let f = reader.fields(of: pair.value, what, allowed: SuiteKeys.pixit, required: ["type"]),
                  let typeNode = f["type"], let typeName = reader.string(typeNode, "\(what) type") else { continue }
            guard let type = PIXITDeclaration.ValueType(rawValue: typeName) else {
                reader.error("bad-type", at: typeNode.location, "unknown PIXIT type '\(typeName)'",
                             hint: "types: \(PIXITDeclaration.ValueType.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            var defaultValue: PIXITValue?
            if let d = f["default"] {
                if let scalar = d.scalar {
                    switch ValueSyntax.pixit(scalar, as: type) {
                    case .success(let v): defaultValue = v
                    case .failure(let e): reader.error(Self.typeErrorName(type), at: d.location, "default of \(what): \(e.message)")
                    }
                } else {
                    reader.wrongType(d, "default of \(what)", expected: "a scalar")
                }
            }
            let required = f["required"].flatMap { reader.bool($0, "required") } ?? false
            if !required && f["default"] == nil {
                reader.error("pixit-no-value", at: pair.keyLocation, "\(what) is neither required nor has a default",
                             hint: "add 'required: true' or a 'default:'")
            }
            let declaration = PIXITDeclaration(name: pair.key.text, type: type, required: required, defaultValue: defaultValue,
                                               sensitive: f["sensitive"].flatMap { reader.bool($0, "sensitive") } ?? false,
                                               description: reader.string(f["description"], "description"), location: pair.keyLocation)
            scope.pixit[declaration.name] = declaration
            declarations.append(declaration)
        }
        return declarations
    }

    /// The diagnostic name (without domain) for a value that does not fit a PIXIT type.
    static func typeErrorName(_ type: PIXITDeclaration.ValueType) -> String {
        switch type {
        case .duration: return "bad-duration"
        case .rate: return "bad-rate"
        default: return "wrong-type"
        }
    }

    private mutating func collectTemplateNames(_ node: YAMLNode) {
        guard let pairs = node.mapping else {
            reader.wrongType(node, "templates", expected: "a mapping of template names to layer lists")
            return
        }
        for pair in pairs {
            if let first = scope.templates[pair.key.text] {
                reader.error("duplicate-template", at: pair.keyLocation, "template '\(pair.key.text)' is defined twice",
                             notes: ["\(first): first defined here"])
            } else {
                scope.templates[pair.key.text] = pair.keyLocation
            }
        }
    }
}
