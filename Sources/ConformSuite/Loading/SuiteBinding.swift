/// The suites of a run bound to a target: every PICS item and PIXIT typed and resolved.
///
/// A required item the target does not answer is an error, and so is a key in the target's
/// `pics:` or `pixit:` that no suite declares: a misspelt key must never deselect cases
/// silently. Declared defaults fill the rest.
public struct SuiteBinding: Sendable {
    public let suites: [Suite]
    public let target: Target
    /// Target answers plus declared defaults.
    public let pics: [String: PICSValue]
    /// Target values typed against the declarations, plus declared defaults.
    public let pixit: [String: PIXITValue]
    /// PIXIT names to redact.
    public let sensitive: Set<String>

    /// - Throws: every binding problem, placed in the target file where it can be.
    public static func bind(_ suites: [Suite], to target: Target) throws(DiagnosticsError) -> SuiteBinding {
        let (binding, diagnostics) = analyse(suites, to: target)
        guard let binding else { throw DiagnosticsError(diagnostics) }
        return binding
    }

    /// PIXIT values as text, `***` for sensitive ones, for run.json, reports and logs.
    public func redactedPIXIT() -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in pixit { result[name] = sensitive.contains(name) ? "***" : value.description }
        return result
    }

    static func analyse(_ suites: [Suite], to target: Target) -> (SuiteBinding?, [Diagnostic]) {
        var log = DiagnosticLog()
        let picsDeclarations = merged(suites.flatMap(\.pics), name: \.name, type: \.type.rawValue, location: \.location, &log)
        let pixitDeclarations = merged(suites.flatMap(\.pixit), name: \.name, type: \.type.rawValue, location: \.location, &log)
        let pics = bindPICS(picsDeclarations, target, &log)
        let pixit = bindPIXIT(pixitDeclarations, target, &log)
        checkPorts(suites, target, &log)
        checkAddresses(suites, target, &log)
        checkActions(suites, target, &log)
        guard !log.hasErrors else { return (nil, log.all) }
        let sensitive = Set(pixitDeclarations.filter(\.sensitive).map(\.name))
        return (SuiteBinding(suites: suites, target: target, pics: pics, pixit: pixit, sensitive: sensitive), log.all)
    }

    /// One declaration per name; two suites declaring one name with different types conflict.
    private static func merged<D>(_ declarations: [D], name: KeyPath<D, String>, type: KeyPath<D, String>,
                                  location: KeyPath<D, SourceLocation>, _ log: inout DiagnosticLog) -> [D] {
        var seen: [String: D] = [:]
        var result: [D] = []
        for d in declarations {
            if let first = seen[d[keyPath: name]] {
                if first[keyPath: type] != d[keyPath: type] {
                    log.error("target.conflicting-declaration", at: d[keyPath: location],
                              "'\(d[keyPath: name])' is declared as \(d[keyPath: type]) here but as \(first[keyPath: type]) elsewhere",
                              notes: ["\(first[keyPath: location]): first declared here"])
                }
                continue
            }
            seen[d[keyPath: name]] = d
            result.append(d)
        }
        return result
    }

    private static func bindPICS(_ declarations: [PICSDeclaration], _ target: Target, _ log: inout DiagnosticLog) -> [String: PICSValue] {
        var values: [String: PICSValue] = [:]
        for d in declarations {
            if let answer = target.pics[d.name] {
                let fits = switch (d.type, answer) {
                case (.bool, .bool), (.int, .int), (.string, .string): true
                default: false
                }
                if fits {
                    values[d.name] = answer
                } else {
                    log.error("target.wrong-type", at: target.picsLocations[d.name] ?? target.location,
                              "PICS '\(d.name)' must be a \(d.type.rawValue), not '\(answer)'", notes: ["\(d.location): declared here"])
                }
            } else if d.required {
                log.error("target.missing-pics", at: target.location, "the target does not answer required PICS item '\(d.name)'",
                          hint: "add '\(d.name):' under 'pics:'", notes: ["\(d.location): declared here"])
            } else if let value = d.defaultValue {
                values[d.name] = value
            }
        }
        reportUndeclared(target.pics.keys, kind: "pics", label: "PICS item", declared: declarations.map(\.name),
                         at: { target.picsLocations[$0] ?? target.location }, &log)
        return values
    }

    private static func bindPIXIT(_ declarations: [PIXITDeclaration], _ target: Target, _ log: inout DiagnosticLog) -> [String: PIXITValue] {
        var values: [String: PIXITValue] = [:]
        for d in declarations {
            if let given = target.pixit[d.name] {
                switch ValueSyntax.pixit(YAMLScalar(text: given.text, style: .plain), as: d.type) {
                case .success(let v): values[d.name] = v
                case .failure(let e):
                    log.error("target.\(SuiteParser.typeErrorName(d.type))", at: given.location, "PIXIT '\(d.name)': \(e.message)", notes: ["\(d.location): declared here"])
                }
            } else if d.required {
                log.error("target.missing-pixit", at: target.location, "the target does not give required PIXIT '\(d.name)'",
                          hint: "add '\(d.name):' under 'pixit:'", notes: ["\(d.location): declared here"])
            } else if let value = d.defaultValue {
                values[d.name] = value
            }
        }
        reportUndeclared(target.pixit.keys, kind: "pixit", label: "PIXIT", declared: declarations.map(\.name),
                         at: { target.pixit[$0]?.location ?? target.location }, &log)
        return values
    }

    /// A target key no suite declares is an error: a misspelt key must never deselect cases silently.
    private static func reportUndeclared(_ names: some Collection<String>, kind: String, label: String, declared: [String],
                                         at location: (String) -> SourceLocation, _ log: inout DiagnosticLog) {
        for name in names.sorted() where !declared.contains(name) {
            log.error("target.unknown-\(kind)", at: location(name), "\(label) '\(name)' is declared by no suite of this run",
                      hint: DiagnosticLog.didYouMean(name, among: declared) ?? "remove it, or check the suite declares it")
        }
    }

    private static func checkPorts(_ suites: [Suite], _ target: Target, _ log: inout DiagnosticLog) {
        for suite in suites {
            for port in [SuiteScope.deviceRole] + suite.ports where target.addresses[port] == nil {
                log.error("target.missing-port", at: target.location, "suite '\(suite.id)' needs addresses for '\(port)', which the target's 'addresses:' lacks",
                          hint: DiagnosticLog.didYouMean(port, among: target.addresses.keys.sorted()))
            }
        }
    }

    /// Every `{{ROLE.ATTRIBUTE}}` a suite uses must be in the target's addresses.
    private static func checkAddresses(_ suites: [Suite], _ target: Target, _ log: inout DiagnosticLog) {
        for suite in suites {
            let roles = [SuiteScope.deviceRole] + suite.ports
            for value in suite.interpolatedValues {
                for part in value.parts {
                    guard case .expression(let e) = part else { continue }
                    for path in e.references where path.count == 2 && roles.contains(path[0]) {
                        guard let attributes = target.addresses[path[0]], attributes[path[1]] == nil else { continue }
                        log.error("target.missing-address", at: value.location,
                                  "suite '\(suite.id)' uses \(path.joined(separator: ".")), which target '\(target.id)' does not give",
                                  hint: "add '\(path[1]):' under 'addresses: \(path[0]):' in the target")
                    }
                }
            }
        }
    }

    /// Every action a suite invokes must be defined by the target.
    private static func checkActions(_ suites: [Suite], _ target: Target, _ log: inout DiagnosticLog) {
        for suite in suites {
            for c in suite.cases {
                for step in c.steps + c.finally {
                    guard let action = step.body as? ActionStep, target.actions[action.name] == nil else { continue }
                    log.error("target.unknown-action", at: step.location, "case \(c.id) invokes action '\(action.name)', which target '\(target.id)' does not define",
                              hint: DiagnosticLog.didYouMean(action.name, among: target.actions.keys.sorted()))
                }
            }
        }
    }
}
