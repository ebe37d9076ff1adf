import ConformTime

/// Building blocks of the generated JSON Schemas (draft 2020-12).
enum SchemaFragments {
    /// A mapping with exactly these keys: unknown keys are refused, as the loader does.
    static func object(_ properties: [String: JSONValue], required: [String] = [], description: String? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "type": .string("object"),
            "properties": .object(properties),
            "additionalProperties": .bool(false),
        ]
        if !required.isEmpty { members["required"] = .array(required.sorted().map(JSONValue.string)) }
        if let description { members["description"] = .string(description) }
        return .object(members)
    }

    /// A mapping from any key to values of one shape.
    static func map(_ values: JSONValue, description: String? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("object"), "additionalProperties": values]
        if let description { members["description"] = .string(description) }
        return .object(members)
    }

    static func array(_ items: JSONValue, minItems: Int? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("array"), "items": items]
        if let minItems { members["minItems"] = .int(minItems) }
        return .object(members)
    }

    static func string(_ description: String? = nil, pattern: String? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("string")]
        if let description { members["description"] = .string(description) }
        if let pattern { members["pattern"] = .string(pattern) }
        return .object(members)
    }

    static func enumeration(_ values: [String]) -> JSONValue {
        .object(["enum": .array(values.map(JSONValue.string))])
    }

    static let boolean: JSONValue = .object(["type": .string("boolean")])

    static func integer(minimum: Int? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("integer")]
        if let minimum { members["minimum"] = .int(minimum) }
        return .object(members)
    }

    /// Any scalar: field values may be numbers, booleans or text.
    static let scalar: JSONValue = .object(["type": .array(["boolean", "integer", "number", "string"].map(JSONValue.string))])

    /// `{{ ... }}` anywhere in the text.
    static let interpolationPattern = ".*\\{\\{.*\\}\\}.*"

    /// A duration with a unit, or an interpolation.
    static var duration: JSONValue {
        let units = TimeAmount.units.map(\.suffix).joined(separator: "|")
        return string("A duration with a unit (\(TimeAmount.units.map(\.suffix).joined(separator: ", "))) or {{pixit.NAME}}",
                      pattern: "^(-?[0-9]+(\\.[0-9]+)?(\(units))|\(interpolationPattern))$")
    }

    /// A rate with a unit.
    static var rate: JSONValue {
        let units = ValueSyntax.rateUnits.map(\.suffix).joined(separator: "|")
        return string("A rate with a unit (\(ValueSyntax.rateUnitList))", pattern: "^[0-9]+(\\.[0-9]+)?(\(units))$")
    }

    static func anyOf(_ options: [JSONValue]) -> JSONValue { .object(["anyOf": .array(options)]) }

    static func reference(_ name: String) -> JSONValue { .object(["$ref": .string("#/$defs/\(name)")]) }
}
