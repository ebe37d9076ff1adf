import ConformTime
import Foundation

/// Parsing of the unit-carrying values suites and targets write: durations and rates.
enum ValueSyntax {
    /// Rate units and their factor to the base unit (`bit/s`, or `pps` for packets).
    static let rateUnits: [(suffix: String, factor: Double, base: String)] = [
        ("pps", 1, "pps"), ("bit/s", 1, "bit/s"), ("kbit/s", 1e3, "bit/s"), ("Mbit/s", 1e6, "bit/s"), ("Gbit/s", 1e9, "bit/s"),
    ]

    static var durationUnitList: String { TimeAmount.units.map(\.suffix).joined(separator: ", ") }
    static var rateUnitList: String { rateUnits.map(\.suffix).joined(separator: ", ") }

    /// `100Mbit/s` → 1e8 bit/s; `1000pps` → 1000 pps. A bare number is refused.
    static func rate(_ text: String) -> PIXITValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unitStart = trimmed.firstIndex(where: { !($0.isNumber || $0 == ".") }) else { return nil }
        let unit = String(trimmed[unitStart...]).trimmingCharacters(in: .whitespaces)
        guard let number = Double(trimmed[..<unitStart]), number.isFinite,
              let entry = rateUnits.first(where: { $0.suffix == unit }) else { return nil }
        return .rate(number * entry.factor, unit: entry.base)
    }

    /// A PIXIT value of the declared type from a YAML scalar, or a message saying why not.
    static func pixit(_ scalar: YAMLScalar, as type: PIXITDeclaration.ValueType) -> Result<PIXITValue, PIXITTypeError> {
        let value = scalar.value
        switch type {
        case .duration:
            if case .string(let text) = value, let d = TimeAmount(parsing: text) { return .success(.duration(d)) }
            if case .int = value { return .failure(.init("a duration needs a unit (\(durationUnitList)), e.g. '\(scalar.text)s'")) }
            return .failure(.init("'\(scalar.text)' is not a duration; write a number and a unit (\(durationUnitList))"))
        case .rate:
            if case .string(let text) = value, let r = rate(text) { return .success(r) }
            if case .int = value { return .failure(.init("a rate needs a unit (\(rateUnitList)), e.g. '\(scalar.text)pps'")) }
            return .failure(.init("'\(scalar.text)' is not a rate; write a number and a unit (\(rateUnitList))"))
        case .int:
            if case .int(let i) = value { return .success(.int(i)) }
            return .failure(.init("expected an integer, not \(value.typeName) '\(scalar.text)'"))
        case .bool:
            if case .bool(let b) = value { return .success(.bool(b)) }
            return .failure(.init("expected true or false, not \(value.typeName) '\(scalar.text)'"))
        case .string:
            if value == .null { return .failure(.init("expected a string, not null")) }
            return .success(.string(scalar.text))
        }
    }

    /// A PICS value of the declared type from a YAML scalar.
    static func pics(_ scalar: YAMLScalar, as type: PICSDeclaration.ValueType) -> PICSValue? {
        switch (type, scalar.value) {
        case (.bool, .bool(let b)): return .bool(b)
        case (.int, .int(let i)): return .int(i)
        case (.string, .null): return nil
        case (.string, _): return .string(scalar.text)
        default: return nil
        }
    }

    /// `1.0.0`, `2.1.0-rc.1`, `1.0.0+build.5` (semver.org §2, §9, §10).
    static func isSemanticVersion(_ text: String) -> Bool {
        let withoutBuild = text.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        let parts = withoutBuild[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let core = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy({ isNumericIdentifier($0) }) else { return false }
        let identifier = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }
        if parts.count == 2 {
            for p in parts[1].split(separator: ".", omittingEmptySubsequences: false) {
                guard identifier(p), !p.allSatisfy(\.isNumber) || isNumericIdentifier(p) else { return false }
            }
        }
        if withoutBuild.count == 2 {
            guard withoutBuild[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy(identifier) else { return false }
        }
        return true
    }

    private static func isNumericIdentifier(_ s: Substring) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } && (s == "0" || s.first != "0")
    }
}

/// Why a value does not fit its declared PIXIT type.
struct PIXITTypeError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
