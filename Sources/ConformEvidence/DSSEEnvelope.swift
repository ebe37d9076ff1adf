import Foundation

/// A DSSE v1 envelope (github.com/secure-systems-lab/dsse, `envelope.md`): a typed payload and
/// signatures over its pre-authentication encoding.
public struct DSSEEnvelope: Sendable, Hashable {
    public struct Signature: Sendable, Hashable {
        public let keyid: String
        public let sig: [UInt8]
        public init(keyid: String, sig: [UInt8]) {
            self.keyid = keyid
            self.sig = sig
        }
    }

    public let payloadType: String
    public let payload: [UInt8]
    public let signatures: [Signature]

    public init(payloadType: String, payload: [UInt8], signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// Signs `payload` with each signer (none: an unsigned envelope).
    public static func sign(payloadType: String, payload: [UInt8], signers: [any Signer]) throws(CryptoError) -> DSSEEnvelope {
        let message = pae(payloadType: payloadType, payload: payload)
        var signatures: [Signature] = []
        for signer in signers { signatures.append(Signature(keyid: signer.keyID, sig: try signer.signature(for: message))) }
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures)
    }

    /// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN in ASCII decimal
    /// (DSSE v1 `protocol.md`): what every signature covers.
    public static func pae(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        return Array("DSSEv1 \(type.count) ".utf8) + type + Array(" \(payload.count) ".utf8) + payload
    }

    /// Whether a signature by `verifier`'s key id verifies.
    public func isSigned(by verifier: any SignatureVerifier) -> Bool {
        let message = Self.pae(payloadType: payloadType, payload: payload)
        return signatures.contains { $0.keyid == verifier.keyID && verifier.isValidSignature($0.sig, for: message) }
    }

    /// The canonical JSON text: sorted keys, two-space indentation, standard base64, final newline.
    /// A bundle's envelope must be exactly these bytes.
    public func jsonBytes() -> [UInt8] {
        let object: [String: Any] = [
            "payloadType": payloadType,
            "payload": Data(payload).base64EncodedString(),
            "signatures": signatures.map { ["keyid": $0.keyid, "sig": Data($0.sig).base64EncodedString()] },
        ]
        return (try? JSONText.bytes(object)) ?? []
    }

    /// Parses an envelope; errors say what is wrong.
    public init(jsonBytes: [UInt8]) throws(BundleError) {
        let bad = { (why: String) in BundleError(path: BundleLayout.attestation, message: why) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any] else {
            throw bad("is not a JSON object")
        }
        guard Set(object.keys) == ["payloadType", "payload", "signatures"] else {
            throw bad("must have exactly payloadType, payload and signatures")
        }
        guard let payloadType = object["payloadType"] as? String else { throw bad("payloadType is not a string") }
        guard let text = object["payload"] as? String, let payload = Data(base64Encoded: text) else {
            throw bad("payload is not base64")
        }
        guard let list = object["signatures"] as? [[String: Any]] else { throw bad("signatures is not a list of objects") }
        var signatures: [Signature] = []
        for entry in list {
            guard let keyid = entry["keyid"] as? String, let text = entry["sig"] as? String,
                  let sig = Data(base64Encoded: text) else { throw bad("a signature lacks keyid or a base64 sig") }
            signatures.append(Signature(keyid: keyid, sig: Array(sig)))
        }
        self.init(payloadType: payloadType, payload: Array(payload), signatures: signatures)
    }
}
