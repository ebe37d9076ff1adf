/// What names a suite declares, for checking references while its cases load.
struct SuiteScope: Sendable {
    var pics: [String: PICSDeclaration] = [:]
    var pixit: [String: PIXITDeclaration] = [:]
    var ports: [String] = []
    /// Template names and where each is defined.
    var templates: [String: SourceLocation] = [:]

    /// Address attributes a port or `nut` may have in a target's `addresses`.
    static let addressAttributes = ["global", "ipv4", "ll", "mac", "prefix"]
    /// The device under test's role name in `addresses` and interpolations.
    static let deviceRole = "nut"

    /// A template name, or an `unknown-template` diagnostic with the nearest one.
    func check(template name: String, at location: SourceLocation, _ reader: inout NodeReader) {
        guard templates[name] == nil else { return }
        reader.error("unknown-template", at: location, "unknown template '\(name)'",
                     hint: DiagnosticLog.didYouMean(name, among: templates.keys.sorted()))
    }

    /// A port name, or an `unknown-port` diagnostic (ports must be listed in `ports:`).
    func check(port name: String, at location: SourceLocation, _ reader: inout NodeReader) {
        guard !ports.contains(name) else { return }
        reader.error("unknown-port", at: location, "unknown port '\(name)'",
                     hint: DiagnosticLog.didYouMean(name, among: ports) ?? "declare it in the suite's 'ports:' list")
    }

    /// PICS items an expression names must be declared.
    func check(pics expression: PICSExpression, at location: SourceLocation, _ reader: inout NodeReader) {
        for item in expression.items where pics[item] == nil {
            reader.error("undeclared-pics", at: location, "PICS item '\(item)' is not declared in the suite's 'pics:'",
                         hint: DiagnosticLog.didYouMean(item, among: pics.keys.sorted()))
        }
    }

    /// Every name an interpolated value uses must resolve: `pixit.X` declared, a port's or
    /// `nut`'s address attribute, a Wire helper with the right arity, or a name in `locals`
    /// (saved or set earlier in the case). Returns the single-word names it used, for the
    /// caller to check later when `locals` is nil (templates are checked against every case).
    @discardableResult
    func check(names value: Interpolated, locals: Set<String>?, _ reader: inout NodeReader) -> [String] {
        var bare: [String] = []
        for part in value.parts {
            if case .expression(let e) = part { check(e, at: value.location, locals: locals, bare: &bare, &reader) }
        }
        return bare
    }

    private func check(_ expression: Expression, at location: SourceLocation, locals: Set<String>?, bare: inout [String],
                       _ reader: inout NodeReader) {
        switch expression {
        case .literal:
            return
        case .call(let name, let arguments):
            if let arity = FieldCatalog.arity(ofFunction: name) {
                if arity != arguments.count {
                    reader.error("wrong-arity", at: location, "\(name)() takes \(arity) argument\(arity == 1 ? "" : "s"), not \(arguments.count)")
                }
            } else {
                reader.error("unknown-function", at: location, "unknown function '\(name)'", hint: FieldCatalog.suggestFunction(name))
            }
            for argument in arguments { check(argument, at: location, locals: locals, bare: &bare, &reader) }
        case .reference(let path):
            check(reference: path, at: location, locals: locals, bare: &bare, &reader)
        }
    }

    private func check(reference path: [String], at location: SourceLocation, locals: Set<String>?, bare: inout [String],
                       _ reader: inout NodeReader) {
        let text = path.joined(separator: ".")
        if path == ScopeNames.sentTime { return }
        if path.first == ScopeNames.request, path.count > 1 {
            check(request: path, at: location, inTemplate: locals == nil, &reader)
            return
        }
        if path.count == 2, path[0] == "pixit" {
            guard pixit[path[1]] == nil else { return }
            reader.error("undeclared-pixit", at: location, "PIXIT '\(path[1])' is not declared in the suite's 'pixit:'",
                         hint: DiagnosticLog.didYouMean(path[1], among: pixit.keys.sorted()))
            return
        }
        if path.count == 2, path[0] == Self.deviceRole || ports.contains(path[0]) {
            guard !Self.addressAttributes.contains(path[1]) else { return }
            reader.error("unknown-interpolation", at: location, "'\(text)': '\(path[1])' is not an address attribute",
                         hint: DiagnosticLog.didYouMean(path[1], among: Self.addressAttributes)
                             ?? "attributes: \(Self.addressAttributes.joined(separator: ", "))")
            return
        }
        if path.count == 1 {
            guard let locals else {
                bare.append(path[0])
                return
            }
            guard !locals.contains(path[0]) else { return }
        }
        reader.error("unknown-interpolation", at: location, "unknown name '\(text)' in '{{ }}'",
                     hint: DiagnosticLog.didYouMean(text, among: candidates(locals: locals ?? []))
                         ?? "use pixit.NAME, PORT.ATTRIBUTE, nut.ATTRIBUTE, or a value saved or set earlier in the case")
    }

    /// `request.time` or `request.FIELD` with a registered field, and only in a template
    /// (the one a handler sends).
    private func check(request path: [String], at location: SourceLocation, inTemplate: Bool, _ reader: inout NodeReader) {
        let text = path.joined(separator: ".")
        guard inTemplate else {
            reader.error("unknown-interpolation", at: location, "'\(text)' has a value only in a template a handler sends")
            return
        }
        guard path != ScopeNames.requestTime else { return }
        _ = FieldCatalog.check(field: path.dropFirst().joined(separator: "."), at: location, &reader)
    }

    private func candidates(locals: Set<String>) -> [String] {
        var names = pixit.keys.map { "pixit.\($0)" } + locals
        for role in [Self.deviceRole] + ports {
            names += Self.addressAttributes.map { "\(role).\($0)" }
        }
        return names.sorted()
    }
}
