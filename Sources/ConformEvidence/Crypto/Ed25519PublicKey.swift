import CCrypto
import ConformSuite

/// An Ed25519 public key (RFC 8032) held by libcrypto.
public struct Ed25519PublicKey: SignatureVerifier {
    private let key: EVPKey
    /// The SubjectPublicKeyInfo DER.
    public let derRepresentation: [UInt8]
    /// The 32-byte raw key.
    public let rawRepresentation: [UInt8]

    private init(key: EVPKey) throws(CryptoError) {
        self.key = key
        derRepresentation = try key.publicKeyDER()
        rawRepresentation = try key.rawPublicKey()
    }

    /// The key whose raw 32 bytes are `rawRepresentation`.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        guard rawRepresentation.count == 32 else {
            throw CryptoError("make an Ed25519 public key", "a public key is 32 bytes, not \(rawRepresentation.count)")
        }
        guard let pointer = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, rawRepresentation, 32) else {
            throw CryptoError("make an Ed25519 public key", LibCrypto.lastError())
        }
        try self.init(key: EVPKey(pointer))
    }

    /// Reads a PEM public key (`-----BEGIN PUBLIC KEY-----`).
    public init(pemRepresentation pem: String) throws(CryptoError) {
        let operation = "read the public key"
        let pointer = try LibCrypto.readingFromMemory(Array(pem.utf8), operation) { bio in
            PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        try self.init(key: EVPKey.ed25519(pointer, operation))
    }

    /// The key as PEM (SubjectPublicKeyInfo).
    public func pemRepresentation() throws(CryptoError) -> String {
        let bytes = try LibCrypto.writingToMemory("encode the public key") { bio in PEM_write_bio_PUBKEY(bio, key.pointer) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// SHA-256 of the DER, in hex: how bundles and reports name the key.
    public var keyID: String { SHA256.hex(derRepresentation) }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1 else {
            ERR_clear_error()
            return false
        }
        let ok = message.withUnsafeBufferPointer { input in
            EVP_DigestVerify(context, signature, signature.count, input.baseAddress, input.count)
        }
        ERR_clear_error()
        return ok == 1
    }
}
