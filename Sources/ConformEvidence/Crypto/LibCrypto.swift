import CCrypto

/// Small helpers over libcrypto's C interface: the error queue and memory BIOs.
enum LibCrypto {
    /// The oldest error on libcrypto's queue as text (the queue is then cleared).
    static func lastError() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "libcrypto gave no reason" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `body` with a memory BIO it writes into, and returns what it wrote.
    static func writingToMemory(_ operation: String, _ body: (OpaquePointer) -> Int32) throws(CryptoError) -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError(operation, lastError()) }
        defer { BIO_free(bio) }
        guard body(bio) == 1 else { throw CryptoError(operation, lastError()) }
        let pending = Int(BIO_ctrl_pending(bio))
        var bytes = [UInt8](repeating: 0, count: pending)
        let read = bytes.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(pending)) }
        guard read == pending else { throw CryptoError(operation, "short read from a memory BIO") }
        return bytes
    }

    /// Runs `body` with a read-only memory BIO over `bytes`.
    static func readingFromMemory<T>(_ bytes: [UInt8], _ operation: String,
                                     _ body: (OpaquePointer) -> T?) throws(CryptoError) -> T {
        let result: T? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return body(bio)
        }
        guard let result else { throw CryptoError(operation, lastError()) }
        return result
    }
}
