import ConformSuite
import ConformWire
import Foundation
import Testing
@testable import ConformEvidence

@Suite struct Ed25519Tests {
    // RFC 8032 §7.1, TEST 1: empty message.
    let seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!
    let publicKey = Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")!
    let signature = Hex.decode("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")!

    @Test func rfc8032TestVector1Signs() throws {
        let key = try Ed25519PrivateKey(rawRepresentation: seed)
        #expect(key.publicKey.rawRepresentation == publicKey)
        #expect(try key.signature(for: []) == signature)
    }

    @Test func rfc8032TestVector1Verifies() throws {
        let key = try Ed25519PublicKey(rawRepresentation: publicKey)
        #expect(key.isValidSignature(signature, for: []))
        var flipped = signature
        flipped[10] ^= 0x01
        #expect(!key.isValidSignature(flipped, for: []))
        #expect(!key.isValidSignature(signature, for: [0]))
        #expect(!key.isValidSignature(Array(signature.prefix(63)), for: []))
    }

    @Test func pemRoundTripKeepsTheKey() throws {
        let key = try Ed25519PrivateKey.generate()
        let pem = try key.pemRepresentation()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let again = try Ed25519PrivateKey(pemRepresentation: pem)
        #expect(again.keyID == key.keyID)
        let publicPEM = try key.publicKey.pemRepresentation()
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let message = Array("hello".utf8)
        #expect(try Ed25519PublicKey(pemRepresentation: publicPEM).isValidSignature(try again.signature(for: message), for: message))
    }

    @Test func keyIDIsTheDigestOfTheDER() throws {
        let key = try Ed25519PublicKey(rawRepresentation: publicKey)
        // SubjectPublicKeyInfo for Ed25519 is a fixed 12-byte prefix and the raw key (RFC 8410 §4).
        #expect(key.derRepresentation == Hex.decode("302a300506032b6570032100")! + publicKey)
        #expect(key.keyID == SHA256.hex(key.derRepresentation))
    }

    @Test func garbageIsAnErrorNotATrap() {
        #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: "not a key") }
        #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemRepresentation: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n") }
        #expect(throws: CryptoError.self) { try Ed25519PrivateKey(rawRepresentation: [1, 2, 3]) }
    }

    @Test func keygenWritesModeAndNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keygen-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try KeyFiles.generate(to: folder + "/lab")
        let mode = try FileManager.default.attributesOfItem(atPath: made.privateKeyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try KeyFiles.privateKey(at: made.privateKeyPath).keyID == made.keyID)
        #expect(try KeyFiles.publicKey(at: made.publicKeyPath).keyID == made.keyID)
        let before = try Data(contentsOf: URL(fileURLWithPath: made.privateKeyPath))
        #expect(throws: CryptoError.self) { try KeyFiles.generate(to: folder + "/lab") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: made.privateKeyPath)) == before)
    }

    @Test func dssePAEMatchesTheSpecExample() {
        // DSSE v1 protocol.md: PAE("http://example.com/HelloWorld", "hello world").
        let pae = DSSEEnvelope.pae(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: pae, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }
}

@Suite struct ManifestCodecTests {
    let entry = { (path: String) in ManifestEntry(path: path, size: 1, sha256: String(repeating: "a", count: 64), mediaType: "text/plain") }

    @Test func roundTripsAndSorts() throws {
        let manifest = Manifest(entries: [entry("b.txt"), entry("a.txt")])
        #expect(manifest.entries.map(\.path) == ["a.txt", "b.txt"])
        #expect(try Manifest(jsonBytes: manifest.jsonBytes()) == manifest)
    }

    @Test func refusesUnsortedOrRepeatedPaths() throws {
        for paths in [["b.txt", "a.txt"], ["a.txt", "a.txt"]] {
            let files = paths.map { ["path": $0, "size": 1, "sha256": String(repeating: "a", count: 64), "mediaType": "text/plain"] as [String: Any] }
            let bytes = try JSONText.bytes(["schema": Manifest.schemaID, "files": files] as [String: Any])
            #expect(throws: BundleError.self) { try Manifest(jsonBytes: bytes) }
        }
        #expect(throws: BundleError.self) { try Manifest(jsonBytes: Array("[]".utf8)) }
    }

    @Test func envelopeRoundTripsCanonically() throws {
        let key = try Ed25519PrivateKey.generate()
        let envelope = try DSSEEnvelope.sign(payloadType: Statement.payloadType, payload: Array("{}".utf8), signers: [key])
        let parsed = try DSSEEnvelope(jsonBytes: envelope.jsonBytes())
        #expect(parsed == envelope)
        #expect(parsed.isSigned(by: key.publicKey))
        #expect(!parsed.isSigned(by: try Ed25519PrivateKey.generate().publicKey))
    }
}
