import CCrypto

/// Owns one libcrypto `EVP_PKEY` and frees it.
final class EVPKey {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// Adopts a key read from outside, checking that it is an Ed25519 key.
    static func ed25519(_ pointer: OpaquePointer, _ operation: String) throws(CryptoError) -> EVPKey {
        let key = EVPKey(pointer)
        guard EVP_PKEY_get_id(pointer) == EVP_PKEY_ED25519 else {
            throw CryptoError(operation, "the key is not an Ed25519 key")
        }
        return key
    }

    /// The 32-byte raw public key (RFC 8032 §5.1.5).
    func rawPublicKey() throws(CryptoError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        var length = bytes.count
        guard EVP_PKEY_get_raw_public_key(pointer, &bytes, &length) == 1, length == 32 else {
            throw CryptoError("read the raw public key", LibCrypto.lastError())
        }
        return bytes
    }

    /// The SubjectPublicKeyInfo DER of the public key.
    func publicKeyDER() throws(CryptoError) -> [UInt8] {
        let length = i2d_PUBKEY(pointer, nil)
        guard length > 0 else { throw CryptoError("encode the public key", LibCrypto.lastError()) }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return i2d_PUBKEY(pointer, &cursor)
        }
        guard written == length else { throw CryptoError("encode the public key", LibCrypto.lastError()) }
        return bytes
    }
}
