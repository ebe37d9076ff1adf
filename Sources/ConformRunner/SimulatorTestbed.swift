import ConformTime
import ConformCapture
import ConformSim

/// A built-in simulator on virtual links and virtual time.
///
/// The links (and so the capture numbering) last the whole run; every reset drops all pending
/// events and builds a fresh simulator on the same links.
public final class SimulatorTestbed: TestbedSession {
    public let clock: any HarnessClock
    public let ports: [String: any Port]
    private let links: [String: VirtualLink]
    private let descriptor: SimulatorDescriptor
    private let fault: FaultDescriptor?
    private let addresses: [String: String]
    private let parameters: [String: String]
    private var device: (any DeviceSimulator)?

    /// - Parameters:
    ///   - addresses: the device's addresses (the target's `nut` entry).
    ///   - parameters: PIXIT values as text, handed to the simulator.
    public convenience init(simulator descriptor: SimulatorDescriptor, fault: FaultDescriptor?, portNames: [String],
                            addresses: [String: String], parameters: [String: String]) {
        self.init(simulator: descriptor, fault: fault, portNames: portNames, addresses: addresses, parameters: parameters,
                  firstFrameNumbers: [:])
    }

    /// A test bed whose ports number their frames from `firstFrameNumbers[port]` (1 when
    /// absent): a resumed run continues the numbering of its capture files.
    public init(simulator descriptor: SimulatorDescriptor, fault: FaultDescriptor?, portNames: [String],
                addresses: [String: String], parameters: [String: String], firstFrameNumbers: [String: Int]) {
        let clock = VirtualScheduler()
        var links: [String: VirtualLink] = [:]
        for name in portNames { links[name] = VirtualLink(port: name, clock: clock, delay: .microseconds(1), firstFrameNumber: firstFrameNumbers[name] ?? 1) }
        self.clock = clock
        self.links = links
        self.ports = links.mapValues { $0.tester }
        self.descriptor = descriptor
        self.fault = fault
        self.addresses = addresses
        self.parameters = parameters
    }

    public func resetDevice() throws(TestbedError) {
        clock.cancelAll()
        device = nil
        let environment = SimulatorEnvironment(clock: clock, links: links.mapValues(\.device), addresses: addresses,
                                               parameters: parameters, fault: fault)
        do {
            device = try descriptor.make(environment)
        } catch {
            throw TestbedError("simulator \(descriptor.name): \(error)")
        }
    }

    public func perform(action: String, arguments: [String]) throws(TestbedError) {
        switch action {
        case "reset": try resetDevice()
        default: throw TestbedError("simulator \(descriptor.name) has no action '\(action)' (it offers: reset)")
        }
    }

    public func close() {
        clock.cancelAll()
        device = nil
    }
}
