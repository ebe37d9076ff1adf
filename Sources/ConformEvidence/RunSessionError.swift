/// A run could not be started, resumed or finished.
public struct RunSessionError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The bundle folder cannot take the run, or a file cannot be written.
        case bundle
        /// The test bed could not be opened.
        case testbed
        /// The unfinished run cannot be continued as asked (changed suites, other key, nothing to resume).
        case resume
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    init(_ error: BundleError) {
        self.init(.bundle, error.description)
    }

    public var description: String { message }
}
