/// A signed span of time in integer nanoseconds.
///
/// Named after swift-nio's `TimeAmount` so that it cannot be confused with the standard
/// library's `Duration`. Suites write spans with a unit (`ns`, `us`, `ms`, `s`, `min`);
/// ``init(parsing:)`` accepts exactly those.
public struct TimeAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ns: Int64

    public init(ns: Int64) { self.ns = ns }

    public static func nanoseconds(_ n: Int64) -> TimeAmount { TimeAmount(ns: n) }
    public static func microseconds(_ n: Int64) -> TimeAmount { TimeAmount(ns: n * 1_000) }
    public static func milliseconds(_ n: Int64) -> TimeAmount { TimeAmount(ns: n * 1_000_000) }
    public static func seconds(_ n: Int64) -> TimeAmount { TimeAmount(ns: n * 1_000_000_000) }
    public static let zero = TimeAmount(ns: 0)

    public static func < (lhs: TimeAmount, rhs: TimeAmount) -> Bool { lhs.ns < rhs.ns }
    public static func + (lhs: TimeAmount, rhs: TimeAmount) -> TimeAmount { TimeAmount(ns: lhs.ns &+ rhs.ns) }
    public static func - (lhs: TimeAmount, rhs: TimeAmount) -> TimeAmount { TimeAmount(ns: lhs.ns &- rhs.ns) }
    public static func * (lhs: TimeAmount, rhs: Int64) -> TimeAmount { TimeAmount(ns: lhs.ns &* rhs) }

    /// The units a suite may write, with their length in nanoseconds.
    public static let units: [(suffix: String, ns: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("min", 60_000_000_000),
    ]

    /// Parses `"1s"`, `"250ms"`, `"1.5s"`, `"20us"`. A number without a unit is refused: a
    /// bare `10` in a suite is ambiguous and a classic source of thousand-fold errors.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: " ")
        guard let unitStart = trimmed.firstIndex(where: { !($0.isNumber || $0 == "." || $0 == "-") }) else { return nil }
        let number = String(trimmed[..<unitStart])
        let unit = String(trimmed[unitStart...]).trimmingCharacters(in: " ")
        guard !number.isEmpty, let scale = Self.units.first(where: { $0.suffix == unit })?.ns else { return nil }
        if let whole = Int64(number) {
            let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            self.ns = product
        } else if let value = Double(number), value.isFinite {
            let product = (value * Double(scale)).rounded()
            guard abs(product) < 9.2e18 else { return nil }
            self.ns = Int64(product)
        } else {
            return nil
        }
    }

    /// The shortest exact rendering with a unit, e.g. `1s`, `250ms`, `1500us`.
    public var description: String {
        if ns == 0 { return "0s" }
        for (suffix, scale) in [("s", Int64(1_000_000_000)), ("ms", 1_000_000), ("us", 1_000)] where ns % scale == 0 {
            return "\(ns / scale)\(suffix)"
        }
        return "\(ns)ns"
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
