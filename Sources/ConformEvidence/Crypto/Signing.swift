/// Signs messages with a lab key (shaped like swift-crypto's `signature(for:)`).
public protocol Signer {
    /// The key id: the SHA-256 of the public key's DER, in hex.
    var keyID: String { get }
    func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8]
}

/// Checks signatures against a trusted public key (swift-crypto's `isValidSignature(_:for:)`).
public protocol SignatureVerifier {
    /// The key id: the SHA-256 of the public key's DER, in hex.
    var keyID: String { get }
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool
}
