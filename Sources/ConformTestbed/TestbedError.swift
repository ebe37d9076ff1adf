/// Why a network-namespace test bed could not be built, used, or torn down.
///
/// The code says which stage failed; the message names the command, namespace or file
/// involved and carries the tool's own words.
public struct NetnsTestbedError: Error, Sendable, CustomStringConvertible {
    /// The stage that failed. New stages may be added, so switch with a default.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Stage: String {
            case privileges, lock, name, command, device, action
        }

        private let stage: Stage
        private init(_ stage: Stage) { self.stage = stage }

        /// The harness lacks what building a test bed needs (root, or the `ip` tool).
        public static let privileges = Code(.privileges)
        /// The run's lock file could not be made or held.
        public static let lock = Code(.lock)
        /// A port or interface name does not fit the kernel's limits.
        public static let name = Code(.name)
        /// A helper command (`ip`, `sysctl`, a set-up command) failed.
        public static let command = Code(.command)
        /// The device process did not start, did not become healthy, or died.
        public static let device = Code(.device)
        /// A named action is unknown or failed.
        public static let action = Code(.action)

        public var description: String { stage.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
