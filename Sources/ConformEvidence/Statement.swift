import Foundation

/// An in-toto Statement v1 (github.com/in-toto/attestation, `spec/v1/statement.md`): subjects
/// named by digest, a predicate type, and the predicate.
public struct Statement {
    public static let type = "https://in-toto.io/Statement/v1"
    /// The DSSE payload type of an in-toto statement.
    public static let payloadType = "application/vnd.in-toto+json"
    /// The predicate type of a run's statement.
    public static let runPredicateType = "conform.run/v1"
    /// The predicate type of an amendment's statement.
    public static let amendmentPredicateType = "conform.run/amendment/v1"

    public struct Subject: Sendable, Hashable {
        public let name: String
        public let sha256: String
        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    public let subjects: [Subject]
    public let predicateType: String
    public let predicate: [String: Any]

    public init(subjects: [Subject], predicateType: String, predicate: [String: Any]) {
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = predicate
    }

    /// The statement's JSON (sorted keys): the DSSE payload.
    public func jsonBytes() throws(BundleError) -> [UInt8] {
        let object: [String: Any] = [
            "_type": Self.type,
            "subject": subjects.map { ["name": $0.name, "digest": ["sha256": $0.sha256]] as [String: Any] },
            "predicateType": predicateType,
            "predicate": predicate,
        ]
        do {
            return try JSONText.bytes(object)
        } catch {
            throw BundleError(path: BundleLayout.attestation, message: "cannot encode the statement: \(error)")
        }
    }

    /// Parses a statement, checking `_type`.
    public init(jsonBytes: [UInt8]) throws(BundleError) {
        let bad = { (why: String) in BundleError(path: BundleLayout.attestation, message: "statement: \(why)") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any] else {
            throw bad("the payload is not a JSON object")
        }
        guard object["_type"] as? String == Self.type else { throw bad("_type is not \(Self.type)") }
        guard let predicateType = object["predicateType"] as? String else { throw bad("predicateType is missing") }
        guard let predicate = object["predicate"] as? [String: Any] else { throw bad("predicate is not an object") }
        guard let list = object["subject"] as? [[String: Any]], !list.isEmpty else { throw bad("subject is empty") }
        var subjects: [Subject] = []
        for entry in list {
            guard let name = entry["name"] as? String, let digest = (entry["digest"] as? [String: Any])?["sha256"] as? String else {
                throw bad("a subject lacks a name or a sha256 digest")
            }
            subjects.append(Subject(name: name, sha256: digest))
        }
        self.init(subjects: subjects, predicateType: predicateType, predicate: predicate)
    }

    /// The digest of the subject called `name`.
    public func digest(of name: String) -> String? { subjects.first { $0.name == name }?.sha256 }
}
