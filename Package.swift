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
        .target(name: "ConformCapture", dependencies: ["ConformTime", "ConformWire", "CPcap", "CLinuxNet"]),
        .target(name: "ConformSuite", dependencies: ["ConformTime", "ConformWire", "CYAML", "CCrypto"]),
        .target(name: "ConformSim", dependencies: ["ConformTime", "ConformWire", "ConformCapture"]),
        .target(name: "ConformRunner", dependencies: ["ConformTime", "ConformWire", "ConformCapture", "ConformSuite", "ConformSim", "ConformTestbed", "ConformMeasure"]),
        .target(name: "ConformEvidence", dependencies: ["ConformTime", "ConformWire", "ConformCapture", "ConformSuite", "ConformRunner", "CCrypto"]),
        .target(name: "ConformCLI", dependencies: ["ConformTime", "ConformWire", "ConformCapture", "ConformSuite", "ConformSim", "ConformRunner", "ConformEvidence", "ConformTestbed", "ConformMeasure"]),
        .executableTarget(name: "conform", dependencies: ["ConformCLI"]),

        .testTarget(name: "ConformTimeTests", dependencies: ["ConformTime"]),
        .testTarget(name: "ConformWireTests", dependencies: ["ConformWire"]),
        .testTarget(name: "ConformCaptureTests", dependencies: ["ConformCapture"]),
        .testTarget(name: "ConformSuiteTests", dependencies: ["ConformSuite"]),
        .testTarget(name: "ConformSimTests", dependencies: ["ConformSim"]),
        .testTarget(name: "ConformRunnerTests", dependencies: ["ConformRunner"]),
        .testTarget(name: "ConformEvidenceTests", dependencies: ["ConformEvidence"]),
        .testTarget(name: "ConformCLITests", dependencies: ["ConformCLI"]),

        // Live capture and injection: libpcap, AF_PACKET with kernel timestamps, and the capture benchmark.
        .systemLibrary(name: "CPcap", path: "Sources/CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .target(name: "CLinuxNet", path: "Sources/CLinuxNet"),
        .executableTarget(name: "conform-bench", dependencies: ["ConformCapture", "ConformTime"], path: "Benchmarks/conform-bench"),

        // Network-namespace test beds: namespaces, veth pairs, device processes, locks and sweeps.
        .target(name: "ConformTestbed", dependencies: ["ConformTime", "ConformCapture", "CLinuxNet"]),
        .testTarget(name: "ConformTestbedTests", dependencies: ["ConformTestbed"]),
        // Timing engine: stream matching, statistics, histograms, uncertainty.
        .target(name: "ConformMeasure", dependencies: ["ConformTime", "ConformCapture"]),
        .testTarget(name: "ConformMeasureTests", dependencies: ["ConformMeasure"]),
        .executableTarget(name: "conform-accuracy", dependencies: ["ConformCapture", "ConformMeasure", "ConformTime"],
                          path: "Benchmarks/accuracy-bench"),
    ],
    swiftLanguageModes: [.v6]
)
