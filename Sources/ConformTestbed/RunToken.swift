/// The short per-run token every name of a test bed carries: `cf` + 6 characters.
///
/// Linux limits interface names to 15 bytes (IFNAMSIZ 16 with the terminating NUL), so
/// names are the 8-byte token plus a short role: the namespaces `cfa1b2c3d` (device) and
/// `cfa1b2c3t` (tester), the tester's interfaces `cfa1b2c3tn1`. The same prefix lets a sweep
/// find leftovers, and the token names the run's lock file.
public struct RunToken: Sendable, Hashable, CustomStringConvertible {
    /// The 8 characters, `cf` included.
    public let text: String

    static let prefix = "cf"
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    /// Longest interface name the kernel accepts.
    public static let interfaceNameLimit = 15

    /// A fresh random token.
    public init() {
        var generator = SystemRandomNumberGenerator()
        text = Self.prefix + String((0..<6).map { _ in Self.alphabet.randomElement(using: &generator) ?? "x" })
    }

    /// The token `text`, if it has the token's shape.
    public init?(_ text: String) {
        guard text.count == 8, text.hasPrefix(Self.prefix),
              text.dropFirst(2).allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        self.text = text
    }

    public var description: String { text }

    /// The namespace the device runs in.
    public var deviceNamespace: String { text + "d" }
    /// The namespace holding the tester's ends of the links.
    public var testerNamespace: String { text + "t" }
    /// Every namespace of the run.
    public var namespaces: [String] { [deviceNamespace, testerNamespace] }

    /// The tester's interface for `port`.
    /// - Throws: ``NetnsTestbedError/Code/name`` when the name would exceed 15 bytes or holds
    ///   characters an interface name cannot.
    public func testerInterface(port: String) throws(NetnsTestbedError) -> String {
        let name = text + port
        try Self.checkInterfaceName(name, what: "the tester interface for port '\(port)'")
        return name
    }

    /// Checks `name` against the kernel's rules for interface names (`dev_valid_name`).
    public static func checkInterfaceName(_ name: String, what: String) throws(NetnsTestbedError) {
        guard !name.isEmpty, name.utf8.count <= interfaceNameLimit, name != ".", name != "..",
              !name.contains(where: { $0 == "/" || $0 == ":" || $0.isWhitespace }) else {
            throw NetnsTestbedError(.name, "\(what) would be '\(name)' (\(name.utf8.count) bytes); an interface name has 1 to \(interfaceNameLimit) bytes without '/', ':' or spaces")
        }
    }

    /// The token of a namespace this harness names, or nil for any other namespace.
    public static func owning(namespace: String) -> RunToken? {
        guard namespace.count == 9, let role = namespace.last, role == "d" || role == "t" else { return nil }
        return RunToken(String(namespace.dropLast()))
    }
}
