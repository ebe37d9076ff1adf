import CCrypto

/// An Ed25519 signing key (RFC 8032) held by libcrypto.
public struct Ed25519PrivateKey: Signer {
    private let key: EVPKey
    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    private init(key: EVPKey) throws(CryptoError) {
        self.key = key
        publicKey = try Ed25519PublicKey(rawRepresentation: key.rawPublicKey())
    }

    /// A new random key from libcrypto's generator.
    public static func generate() throws(CryptoError) -> Ed25519PrivateKey {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else {
            throw CryptoError("generate an Ed25519 key", LibCrypto.lastError())
        }
        defer { EVP_PKEY_CTX_free(context) }
        var pointer: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_keygen(context, &pointer) == 1, let pointer else {
            throw CryptoError("generate an Ed25519 key", LibCrypto.lastError())
        }
        return try Ed25519PrivateKey(key: EVPKey(pointer))
    }

    /// The key whose 32-byte seed is `rawRepresentation` (RFC 8032 §5.1.5).
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        guard rawRepresentation.count == 32 else {
            throw CryptoError("make an Ed25519 key", "a seed is 32 bytes, not \(rawRepresentation.count)")
        }
        guard let pointer = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, rawRepresentation, 32) else {
            throw CryptoError("make an Ed25519 key", LibCrypto.lastError())
        }
        try self.init(key: EVPKey(pointer))
    }

    /// Reads a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`).
    public init(pemRepresentation pem: String) throws(CryptoError) {
        let operation = "read the private key"
        let pointer = try LibCrypto.readingFromMemory(Array(pem.utf8), operation) { bio in
            PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        try self.init(key: EVPKey.ed25519(pointer, operation))
    }

    /// The key as unencrypted PKCS#8 PEM.
    public func pemRepresentation() throws(CryptoError) -> String {
        let bytes = try LibCrypto.writingToMemory("encode the private key") { bio in
            PEM_write_bio_PrivateKey(bio, key.pointer, nil, nil, 0, nil, nil)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var keyID: String { publicKey.keyID }

    public func publicKeyPEM() throws(CryptoError) -> String { try publicKey.pemRepresentation() }

    /// The 64-byte Ed25519 signature of `message` (one-shot `EVP_DigestSign`, no digest).
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError("sign", LibCrypto.lastError()) }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, key.pointer) == 1 else {
            throw CryptoError("sign", LibCrypto.lastError())
        }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = signature.count
        let ok = message.withUnsafeBufferPointer { input in
            EVP_DigestSign(context, &signature, &length, input.baseAddress, input.count)
        }
        guard ok == 1, length == 64 else { throw CryptoError("sign", LibCrypto.lastError()) }
        return signature
    }
}
