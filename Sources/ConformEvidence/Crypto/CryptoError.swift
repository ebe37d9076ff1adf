/// A key could not be made, read or used, with what was being done and libcrypto's reason.
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    /// What was being done (`read the private key`).
    public let operation: String
    /// Why it failed, as libcrypto or the caller says.
    public let reason: String

    public init(_ operation: String, _ reason: String) {
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "cannot \(operation): \(reason)" }
}
