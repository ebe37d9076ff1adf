import ConformTime
import ConformCapture

/// The device side of a run as the runner sees it: a clock, the tester ports, and the means
/// to bring the device to its initial state and to run the target's named actions.
///
/// A simulator test bed and (later) a network-namespace or physical test bed implement it;
/// the runner knows nothing else about either.
public protocol TestbedSession: AnyObject {
    var clock: any HarnessClock { get }
    /// Tester ports by name (`tn1`); they live for the whole run, so frame numbers are
    /// numbers in the run's capture files.
    var ports: [String: any Port] { get }
    /// Brings the device to its known initial state; called before every case so that a
    /// case run alone gets the verdict it gets in a full run.
    func resetDevice() throws(TestbedError)
    /// Runs a named action of the target with arguments as whole argv elements.
    func perform(action: String, arguments: [String]) throws(TestbedError)
    /// Releases everything the session holds.
    func close()
    /// How long the runner still waits for frames after a window closes; zero on virtual time.
    var captureGrace: TimeAmount { get }
}

extension TestbedSession {
    /// Virtual test beds deliver frames at once: no grace.
    public var captureGrace: TimeAmount { .zero }
}

/// A test bed could not do what the run asked of it.
public struct TestbedError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
