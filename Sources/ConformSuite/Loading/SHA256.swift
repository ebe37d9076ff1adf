import CCrypto
import ConformWire

/// SHA-256 through libcrypto's EVP interface: the digest of suite files, bundles and keys.
public enum SHA256 {
    /// The digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "libcrypto could not compute SHA-256")
        return Array(output.prefix(32))
    }

    /// The digest as lowercase hex.
    public static func hex(_ bytes: [UInt8]) -> String {
        Hex.encode(digest(bytes))
    }
}
