/// A scalar as written, with its value under the YAML 1.2 core schema.
public struct YAMLScalar: Sendable, Hashable {
    /// How the scalar was written.
    public enum Style: String, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The text after YAML unescaping and folding.
    public let text: String
    public let style: Style

    public init(text: String, style: Style) {
        self.text = text
        self.style = style
    }

    /// Quoted and block scalars are always strings; only plain scalars are resolved.
    public var isQuoted: Bool { style != .plain }

    /// The value under the YAML 1.2 core schema (yaml.org/spec/1.2.2 §10.3.2).
    public var value: YAMLValue {
        isQuoted ? .string(text) : YAMLValue(resolvingPlain: text)
    }
}

/// A scalar's typed value under the YAML 1.2 core schema: `no`/`yes`/`on` are strings,
/// `0255` is 255, `0x1f` is 31, `0o17` is 15, `~` and `null` are null.
public enum YAMLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)

    public init(resolvingPlain text: String) {
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE": self = .bool(true)
        case "false", "False", "FALSE": self = .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": self = .float(-.infinity)
        case ".nan", ".NaN", ".NAN": self = .float(.nan)
        default:
            if let i = Self.integer(text) {
                self = .int(i)
            } else if Self.isFloat(text), let d = Double(text) {
                self = .float(d)
            } else {
                self = .string(text)
            }
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; nil when it is not one or does not fit.
    private static func integer(_ text: String) -> Int64? {
        if text.hasPrefix("0x") { return digits(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return digits(text.dropFirst(2), radix: 8) }
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let magnitude = digits(body, radix: 10) else { return nil }
        return negative ? -magnitude : magnitude
    }

    private static func digits(_ text: Substring, radix: Int) -> Int64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        return Int64(text, radix: radix)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var chars = Array(text.utf8)[...]
        if let c = chars.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { chars = chars.dropFirst() }
        let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let whole = chars.prefix(while: isDigit)
        chars = chars.dropFirst(whole.count)
        var fraction = 0
        if chars.first == UInt8(ascii: ".") {
            chars = chars.dropFirst()
            fraction = chars.prefix(while: isDigit).count
            chars = chars.dropFirst(fraction)
        }
        guard whole.count + fraction > 0 else { return false }
        if let e = chars.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            chars = chars.dropFirst()
            if let c = chars.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { chars = chars.dropFirst() }
            let exponent = chars.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            chars = chars.dropFirst(exponent)
        }
        return chars.isEmpty
    }

    /// For messages: "a string", "an integer"...
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .float: return "a number"
        case .string: return "a string"
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let s): return s
        }
    }
}
