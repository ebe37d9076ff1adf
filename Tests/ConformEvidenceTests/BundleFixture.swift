import Foundation
import ConformSuite
import ConformRunner
@testable import ConformEvidence

/// Makes real bundles in temporary folders: the IPv6 core suite against the built-in simulator.
enum BundleFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The test-only key of Fixtures/keys.
    static func testKey() throws -> Ed25519PrivateKey {
        try KeyFiles.privateKey(at: "\(root)/Fixtures/keys/test-lab.key")
    }

    static func temporaryFolder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("conform-evidence-\(name)-\(UUID().uuidString)").path
    }

    struct Loaded {
        let suites: [Suite]
        let target: Target
        let binding: SuiteBinding
    }

    static func load(target argument: String = "sim:ipv6-host") throws -> Loaded {
        let suite = try SuiteLoader.load("\(root)/Suites/ipv6-core")
        let target = try TargetResolver.resolve(argument)
        return Loaded(suites: [suite], target: target, binding: try SuiteBinding.bind([suite], to: target))
    }

    static func settings(_ loaded: Loaded, runId: String = "20260101T000000Z-000001", target: String = "sim:ipv6-host") -> RunSettings {
        RunSettings(runId: runId, startedAt: Date(timeIntervalSince1970: 1_767_225_600), suitePaths: ["\(root)/Suites/ipv6-core"],
                    targetArgument: target,
                    suiteDigests: Dictionary(uniqueKeysWithValues: loaded.suites.map { ($0.id, RunRecord.digest(of: $0)) }),
                    selection: Selection(), seed: 0, operatorName: "A. Tester", lab: "Test Lab", authoriser: nil,
                    invocation: ["run"], toolVersion: "test")
    }

    /// Runs the suite into a new bundle and returns its folder.
    static func make(signer: (any Signer)?, target: String = "sim:ipv6-host") throws -> (String, RunRecord) {
        let loaded = try load(target: target)
        let bundle = temporaryFolder("bundle")
        let session = try RunSession(starting: bundle, settings: settings(loaded, target: target), suites: loaded.suites,
                                     target: loaded.target, binding: loaded.binding, signer: signer)
        return (bundle, try session.run(observer: nil))
    }

    static func copy(_ bundle: String) throws -> String {
        let copy = temporaryFolder("copy")
        try FileManager.default.copyItem(atPath: bundle, toPath: copy)
        return copy
    }
}
