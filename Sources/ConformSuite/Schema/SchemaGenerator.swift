import ConformWire

/// JSON Schemas (draft 2020-12) of suite and target files, for editor completion.
///
/// Built from the same key tables, step registry and field registry the loaders use, so the
/// schema cannot drift from what loads. Keys are sorted and indented by two spaces; the
/// committed `schema/*.schema.json` files are this output.
public enum SchemaGenerator {
    static let draft = "https://json-schema.org/draft/2020-12/schema"

    public static func suiteSchema() -> String {
        typealias F = SchemaFragments
        let header = F.object([
            "suite": F.string("Stable suite id, e.g. ipv6-core/nd"),
            "version": F.string("Semantic version", pattern: "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)([-+].*)?$"),
            "title": F.string(),
            "method": F.object(["spec": F.string("The standard tested, e.g. RFC 4861"), "basis": F.string("The test specification followed")],
                               required: ["spec"]),
            "ports": F.array(F.string("A tester port, e.g. tn1")),
            "pics": F.map(F.reference("picsDeclaration")),
            "pixit": F.map(F.reference("pixitDeclaration")),
            "templates": F.reference("templates"),
            "cases": F.reference("cases"),
        ], required: SuiteKeys.headerRequired)
        let part = F.object(["templates": F.reference("templates"), "cases": F.reference("cases")],
                            description: "A further file of a suite folder")
        let defs: [String: JSONValue] = [
            "picsDeclaration": F.object([
                "type": F.enumeration(PICSDeclaration.ValueType.allCases.map(\.rawValue)),
                "required": F.boolean, "default": F.scalar, "description": F.string(),
            ], required: ["type"]),
            "pixitDeclaration": F.object([
                "type": F.enumeration(PIXITDeclaration.ValueType.allCases.map(\.rawValue)),
                "required": F.boolean, "default": F.scalar, "sensitive": F.boolean, "description": F.string(),
            ], required: ["type"]),
            "templates": F.map(F.array(F.reference("layer")), description: "Named frames: ordered lists of layers"),
            "layer": .object(["oneOf": .array(FieldCatalog.layerNames.map(layerSchema))]),
            "cases": F.array(F.reference("case")),
            "case": F.object([
                "id": F.string("Stable case id, e.g. ND-NS-001"), "title": F.string(), "purpose": F.string(),
                "clause": F.string("The clause checked, e.g. RFC 4861 §7.2.4"),
                "references": F.array(F.string()), "pics": F.string("PICS expression selecting the case"),
                "tags": F.array(F.string()), "timeout": F.duration,
                "on": F.array(F.reference("handler")),
                "steps": F.array(F.reference("step"), minItems: 1), "finally": F.array(F.reference("step")),
            ], required: SuiteKeys.testCaseRequired),
            "handler": F.object(["port": F.string(), "match": F.reference("match"), "send": F.string("The template to answer with")],
                                required: SuiteKeys.handlerRequired),
            "step": StepSyntax.itemSchema,
            "match": matchSchema,
        ]
        return JSONValue.object([
            "$schema": .string(draft), "title": .string("Conform suite"),
            "anyOf": .array([header, part]), "$defs": .object(defs),
        ]).text
    }

    public static func targetSchema() -> String {
        typealias F = SchemaFragments
        let addresses = F.object(Dictionary(uniqueKeysWithValues: SuiteScope.addressAttributes.map { ($0, F.string()) }))
        let command = F.object(["argv": F.array(F.string(), minItems: 1), "shell": F.boolean], required: ["argv"])
        let root = F.object([
            "target": F.string("Target id"),
            "identity": F.object([
                "vendor": F.string(), "model": F.string(), "hardware": F.string(), "firmware": F.string(), "serial": F.string(),
                "firmware_digest": F.string("sha256: and 64 hex digits", pattern: "^sha256:[0-9a-f]{64}$"),
            ], required: TargetKeys.identityRequired),
            "kind": F.string("Device class, e.g. ipv6-host"),
            "testbed": F.object([
                "kind": F.enumeration(TargetKeys.testbedKinds),
                "simulator": F.string("A built-in simulator (sim)"),
                "fault": .object(["type": .array([.string("string"), .string("null")])]),
                "links": F.array(F.object(["port": F.string("Tester port"), "interface": F.string("Device interface in its namespace"),
                                           "mac": F.string("Device MAC on this link")], required: ["interface", "port"]), minItems: 1),
                "sysctls": F.map(F.scalar, description: "Kernel parameters of the device namespace (netns)"),
                "setup": F.array(command),
                "device": F.object(["argv": F.array(F.string(), minItems: 1), "health": command,
                                    "ready_within": F.string("Duration with a unit"), "stop_within": F.string("Duration with a unit")],
                                   required: ["argv"]),
            ], required: ["kind"]),
            "addresses": F.map(addresses, description: "Addresses of nut and each tester port"),
            "pics": F.map(.object(["type": .array(["boolean", "integer", "string"].map(JSONValue.string))])),
            "pixit": F.map(F.scalar),
            "actions": F.map(F.object(["argv": F.array(F.string(), minItems: 1), "shell": F.boolean,
                                       "builtin": F.enumeration(TargetAction.builtins)])),
        ], required: TargetKeys.topRequired)
        guard case .object(var members) = root else { return root.text }
        members["$schema"] = .string(draft)
        members["title"] = .string("Conform target")
        return JSONValue.object(members).text
    }

    /// `{LAYER: {field: value or [values]}}`, a list of those (options), or a scalar for
    /// one-field layers.
    private static func layerSchema(_ layer: String) -> JSONValue {
        typealias F = SchemaFragments
        let settable = FieldCatalog.settableFields(of: layer)
        let value = F.anyOf([F.scalar, F.array(F.scalar, minItems: 1)])
        let fields = F.object(Dictionary(uniqueKeysWithValues: settable.map { (String($0.dropFirst(layer.count + 1)), value) }))
        var forms = [fields, F.array(fields), .object(["type": .string("null")])]
        if settable.count == 1 { forms.append(F.scalar) }
        return F.object([layer: F.anyOf(forms)], required: [layer])
    }

    /// Field names (with optional `#n`) to a value, `any`, `absent`, `{in}`, `{range}` or `{ne}`.
    private static var matchSchema: JSONValue {
        typealias F = SchemaFragments
        let names = FieldRegistry.all.map { $0.abbrev.replacingOccurrences(of: ".", with: "\\.") }.sorted()
        let predicate = F.anyOf([
            F.scalar,
            F.object(["in": F.array(F.scalar, minItems: 1)], required: ["in"]),
            F.object(["range": .object(["type": .string("array"), "items": F.scalar, "minItems": .int(2), "maxItems": .int(2)])],
                     required: ["range"]),
            F.object(["ne": F.scalar], required: ["ne"]),
        ])
        return .object([
            "type": .string("object"),
            "propertyNames": .object(["pattern": .string("^(\(names.joined(separator: "|")))(#[1-9][0-9]*)?$")]),
            "additionalProperties": predicate,
        ])
    }
}
