import ConformTime
import ConformCapture
import ConformTestbed

/// A device in a network namespace on this machine, reached through live ports on veth
/// pairs, on real time.
///
/// The namespaces, links, sysctls, set-up commands and device process are ConformTestbed's
/// ``NetnsBed``; this session adds the tester's live ports (libpcap capture with kernel
/// timestamps, AF_PACKET injection) and a ``RealClock`` they wake. Closing stops the ports
/// and tears the test bed down.
public final class NetnsTestbed: TestbedSession {
    public let clock: any HarnessClock
    public let ports: [String: any Port]
    /// How long the runner still waits for frames after a window: kernel-to-user delivery
    /// reaches milliseconds here (PIXIT `capture_grace`, default 50 ms).
    public let captureGrace: TimeAmount
    /// The namespaces, links and device process.
    public let bed: NetnsBed
    private let livePorts: [LivePort]

    /// Capture grace when no suite declares `capture_grace`.
    public static let defaultCaptureGrace = TimeAmount.milliseconds(50)

    /// Builds the test bed and opens a live port on the tester's end of each link.
    /// - Parameters:
    ///   - portNames: the tester ports the suites use; each needs a link.
    ///   - logDirectory: where the device's output and the set-up log go.
    /// - Throws: ``TestbedError`` saying what is missing (root, a link) or which step failed;
    ///   nothing built stays behind.
    public init(description: TestbedDescription, portNames: [String], captureGrace: TimeAmount = defaultCaptureGrace,
                logDirectory: String? = nil) throws(TestbedError) {
        let linked = Set(description.links.map(\.port))
        if let missing = portNames.first(where: { !linked.contains($0) }) {
            throw TestbedError("the netns test bed has no link for port '\(missing)' (links: \(description.links.map(\.port).joined(separator: ", ")))")
        }
        let bed: NetnsBed
        do {
            bed = try NetnsBed.up(description, logDirectory: logDirectory)
        } catch {
            throw TestbedError(error.description)
        }
        let clock = RealClock()
        var opened: [LivePort] = []
        do throws(LivePortError) {
            for name in portNames.sorted() {
                opened.append(try LivePort(name: name, interface: bed.testerInterfaces[name] ?? name, namespace: bed.testerNamespace,
                                           onFrameArrival: { clock.notify() }))
            }
        } catch {
            for port in opened { port.close() }
            bed.down()
            throw TestbedError(error.description)
        }
        self.clock = clock
        self.bed = bed
        self.livePorts = opened
        self.ports = Dictionary(uniqueKeysWithValues: opened.map { ($0.name, $0 as any Port) })
        self.captureGrace = captureGrace
    }

    /// Runs the target's `reset` action, if it has one, and checks the device is still running.
    public func resetDevice() throws(TestbedError) {
        if let failure = bed.deviceFailure { throw TestbedError(failure) }
        guard bed.description.actions["reset"] != nil else { return }
        try perform(action: "reset", arguments: [])
    }

    public func perform(action: String, arguments: [String]) throws(TestbedError) {
        do {
            try bed.perform(action: action, arguments: arguments)
        } catch {
            throw TestbedError(error.description)
        }
    }

    /// Stops the capture threads and tears the test bed down; closing twice does nothing.
    public func close() {
        for port in livePorts { port.close() }
        bed.down()
    }
}
