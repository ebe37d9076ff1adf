/// The keys each target mapping takes; the loader and the JSON Schema both read these.
enum TargetKeys {
    static let top = ["actions", "addresses", "identity", "kind", "pics", "pixit", "target", "testbed"]
    static let topRequired = ["identity", "kind", "target", "testbed"]
    static let identity = ["firmware", "firmware_digest", "hardware", "model", "serial", "vendor"]
    static let identityRequired = ["model", "vendor"]
    static let testbed = ["fault", "kind", "simulator"]
    /// Keys of a `netns` test bed.
    static let netnsTestbed = ["device", "kind", "links", "setup", "sysctls"]
    static let netnsLink = ["interface", "mac", "port"]
    static let deviceProcess = ["argv", "health", "ready_within", "stop_within"]
    static let command = ["argv", "shell"]
    /// Test bed kinds this version runs.
    static let testbedKinds = ["netns", "sim"]
    static let action = ["argv", "builtin", "shell"]
}
