import ConformTime

/// A conformance suite: the abstract test suite of ISO/IEC 9646, loaded from YAML.
public struct Suite: Sendable {
    /// `ipv6-core/nd`: stable, used in run.json and rerun commands.
    public let id: String
    public let version: String
    public let title: String
    public let method: Method
    /// PICS items the suite's expressions may name; a target must answer the required ones.
    public let pics: [PICSDeclaration]
    /// PIXIT parameters the suite uses, with types and defaults.
    public let pixit: [PIXITDeclaration]
    /// Tester ports (layer-2 attachments) the cases use, e.g. `tn1`.
    public let ports: [String]
    public let templates: [String: Template]
    public let cases: [TestCase]
    /// Every file the suite was loaded from, with its SHA-256, in load order.
    public let files: [SourceFile]

    public init(id: String, version: String, title: String, method: Method, pics: [PICSDeclaration],
                pixit: [PIXITDeclaration], ports: [String], templates: [String: Template], cases: [TestCase],
                files: [SourceFile]) {
        self.id = id
        self.version = version
        self.title = title
        self.method = method
        self.pics = pics
        self.pixit = pixit
        self.ports = ports
        self.templates = templates
        self.cases = cases
        self.files = files
    }

    /// The standard a suite tests (`RFC 4861`) and the test specification it follows.
    public struct Method: Sendable, Hashable {
        public let spec: String
        public let basis: String?
        public init(spec: String, basis: String?) {
            self.spec = spec
            self.basis = basis
        }
    }
}

/// A file a suite or target was read from.
public struct SourceFile: Sendable, Hashable {
    public let path: String
    /// Lowercase hex SHA-256 of the exact bytes loaded.
    public let sha256: String
    public let bytes: [UInt8]
    public init(path: String, sha256: String, bytes: [UInt8]) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// A PICS item a suite declares.
public struct PICSDeclaration: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable, CaseIterable { case bool, int, string }
    public let name: String
    public let type: ValueType
    public let required: Bool
    public let defaultValue: PICSValue?
    public let description: String?
    public let location: SourceLocation

    public init(name: String, type: ValueType, required: Bool, defaultValue: PICSValue?, description: String?, location: SourceLocation) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
        self.location = location
    }
}

/// A typed PIXIT value.
public enum PIXITValue: Sendable, Hashable, CustomStringConvertible {
    case duration(TimeAmount)
    /// Bits per second or packets per second, as the declaration's unit says.
    case rate(Double, unit: String)
    case int(Int64)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .duration(let d): return d.description
        case .rate(let v, let unit):
            return v == v.rounded() && abs(v) < 1e15 ? "\(Int64(v))\(unit)" : "\(v)\(unit)"
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        }
    }
}

/// A PIXIT parameter a suite declares.
public struct PIXITDeclaration: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable, CaseIterable { case duration, rate, int, bool, string }
    public let name: String
    public let type: ValueType
    public let required: Bool
    public let defaultValue: PIXITValue?
    /// Redacted (`***`) in every output: run.json, reports, logs.
    public let sensitive: Bool
    public let description: String?
    public let location: SourceLocation

    public init(name: String, type: ValueType, required: Bool, defaultValue: PIXITValue?, sensitive: Bool,
                description: String?, location: SourceLocation) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.sensitive = sensitive
        self.description = description
        self.location = location
    }
}

/// A named frame, used both to send and to match: an ordered list of layers.
public struct Template: Sendable, Hashable {
    public let name: String
    public let layers: [TemplateLayer]
    public let location: SourceLocation
    public init(name: String, layers: [TemplateLayer], location: SourceLocation) {
        self.name = name
        self.layers = layers
        self.location = location
    }
}

/// One layer of a template: `ipv6: {src: ..., hlim: 255}`; fields keyed by full display-filter
/// name (`ipv6.hlim`).
public struct TemplateLayer: Sendable, Hashable {
    public let layer: String
    public let fields: [TemplateField]
    public let location: SourceLocation
    public init(layer: String, fields: [TemplateField], location: SourceLocation) {
        self.layer = layer
        self.fields = fields
        self.location = location
    }
}

/// A field value in a template layer.
public struct TemplateField: Sendable, Hashable {
    public let abbrev: String
    public let value: Interpolated
    public init(abbrev: String, value: Interpolated) {
        self.abbrev = abbrev
        self.value = value
    }
}
