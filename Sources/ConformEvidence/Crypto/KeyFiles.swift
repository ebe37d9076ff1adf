#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The lab key on disk: `NAME.key` (PKCS#8 PEM, mode 0600) and `NAME.pub` (PEM).
public enum KeyFiles {
    /// What `conform keygen` made.
    public struct Generated: Sendable {
        public let privateKeyPath: String
        public let publicKeyPath: String
        public let keyID: String
    }

    /// Makes a new Ed25519 key and writes `base.key` and `base.pub`; never overwrites either.
    public static func generate(to base: String) throws(CryptoError) -> Generated {
        let keyPath = base + ".key", publicPath = base + ".pub"
        for path in [keyPath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw CryptoError("write \(path)", "it exists; keygen never overwrites a key")
        }
        let key = try Ed25519PrivateKey.generate()
        try create(keyPath, Array(try key.pemRepresentation().utf8), mode: 0o600)
        try create(publicPath, Array(try key.publicKey.pemRepresentation().utf8), mode: 0o644)
        return Generated(privateKeyPath: keyPath, publicKeyPath: publicPath, keyID: key.keyID)
    }

    /// Reads a private key file.
    public static func privateKey(at path: String) throws(CryptoError) -> Ed25519PrivateKey {
        try Ed25519PrivateKey(pemRepresentation: text(at: path))
    }

    /// Reads a public key file.
    public static func publicKey(at path: String) throws(CryptoError) -> Ed25519PublicKey {
        try Ed25519PublicKey(pemRepresentation: text(at: path))
    }

    private static func text(at path: String) throws(CryptoError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CryptoError("read \(path)", "no such file") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Creates `path` exclusively (O_EXCL) with `mode`, so a race cannot overwrite a key either.
    private static func create(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(CryptoError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw CryptoError("create \(path)", String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fchmod(fd, mode) == 0 else { throw CryptoError("set the mode of \(path)", String(cString: strerror(errno))) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw CryptoError("write \(path)", String(cString: strerror(errno)))
        }
    }
}
