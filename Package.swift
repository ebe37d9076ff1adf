// swift-tools-version: 6.0
// Conform — conformance test harness for networked devices.
// No SwiftPM package dependencies: system C libraries only, through systemLibrary targets.
import PackageDescription

let package = Package(
    name: "Conform",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "conform", targets: ["conform"]),
    ],
    targets: [
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "ConformTime"),
        .target(name: "ConformWire"),
        .target(name: "ConformCapture", dependencies: ["ConformTime", "ConformWire"]),
        .target(name: "ConformSuite", dependencies: ["ConformTime", "ConformWire", "CYAML"]),
        .target(name: "ConformSim", dependencies: ["ConformTime", "ConformWire", "ConformCapture"]),
        .target(name: "ConformRunner", dependencies: ["ConformTime", "ConformWire", "ConformCapture", "ConformSuite", "ConformSim"]),
        .target(name: "ConformEvidence", dependencies: ["ConformTime", "ConformWire", "ConformCapture", "ConformSuite", "ConformRunner", "CCrypto"]),
        .target(name: "ConformCLI", dependencies: ["ConformTime", "ConformWire", "ConformCapture", "ConformSuite", "ConformSim", "ConformRunner", "ConformEvidence"]),
        .executableTarget(name: "conform", dependencies: ["ConformCLI"]),

        // Fuzz targets (libFuzzer), one per entry point for untrusted bytes. Built with
        // `-Xswiftc -sanitize=fuzzer` they fuzz; built without, they replay a corpus (CI/fuzz.sh).
        .target(name: "CFuzzerShim", path: "Fuzz/CFuzzerShim"),
        .executableTarget(name: "fuzz-dissect", dependencies: ["CFuzzerShim", "ConformWire"], path: "Fuzz/fuzz-dissect"),
        .executableTarget(name: "fuzz-pcap", dependencies: ["CFuzzerShim", "ConformCapture"], path: "Fuzz/fuzz-pcap"),
        .executableTarget(name: "fuzz-pcapng", dependencies: ["CFuzzerShim", "ConformCapture"], path: "Fuzz/fuzz-pcapng"),
        .executableTarget(name: "fuzz-suite-yaml", dependencies: ["CFuzzerShim", "ConformSuite"], path: "Fuzz/fuzz-suite-yaml"),
        .executableTarget(name: "fuzz-pics", dependencies: ["CFuzzerShim", "ConformSuite"], path: "Fuzz/fuzz-pics"),

        .testTarget(name: "ConformTimeTests", dependencies: ["ConformTime"]),
        .testTarget(name: "ConformWireTests", dependencies: ["ConformWire"]),
        .testTarget(name: "ConformCaptureTests", dependencies: ["ConformCapture"]),
        .testTarget(name: "ConformSuiteTests", dependencies: ["ConformSuite"]),
        .testTarget(name: "ConformSimTests", dependencies: ["ConformSim"]),
        .testTarget(name: "ConformRunnerTests", dependencies: ["ConformRunner"]),
        .testTarget(name: "ConformEvidenceTests", dependencies: ["ConformEvidence"]),
        .testTarget(name: "ConformCLITests", dependencies: ["ConformCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
