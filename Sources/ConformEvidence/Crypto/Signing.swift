/// Signs messages with a lab key (shaped like swift-crypto's `signature(for:)`).
public protocol Signer {
    /// The key id: the SHA-256 of the public key's DER, in hex.
    var keyID: String { get }
    func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8]
    /// The public key as PEM, stored in a signed bundle so the signature can be checked offline.
    func publicKeyPEM() throws(CryptoError) -> String
}

/// Checks signatures against a trusted public key (swift-crypto's `isValidSignature(_:for:)`).
public protocol SignatureVerifier {
    /// The key id: the SHA-256 of the public key's DER, in hex.
    var keyID: String { get }
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool
}
