import ConformTime
import ConformCapture

/// A fault a simulator can be built with: it breaks exactly one requirement.
public struct FaultDescriptor: Sendable, Hashable {
    /// `na-hop-limit-64`.
    public let name: String
    /// The clause the fault breaks, in the form suites write it (`RFC 4861 §7.1.2`).
    public let clause: String
    public let summary: String
    public init(name: String, clause: String, summary: String) {
        self.name = name
        self.clause = clause
        self.summary = summary
    }
}

/// What a simulator is given when it is built for one case.
public struct SimulatorEnvironment {
    public let clock: any HarnessClock
    /// The device side of each virtual link, by tester port name (`tn1`).
    public let links: [String: VirtualLink.DeviceEnd]
    /// The device's addresses from the target (`mac`, `ll`, ...), for the `nut` role.
    public let addresses: [String: String]
    /// PIXIT values as text, e.g. `retrans_timer: 1s`.
    public let parameters: [String: String]
    public let fault: FaultDescriptor?

    public init(clock: any HarnessClock, links: [String: VirtualLink.DeviceEnd], addresses: [String: String],
                parameters: [String: String], fault: FaultDescriptor?) {
        self.clock = clock
        self.links = links
        self.addresses = addresses
        self.parameters = parameters
        self.fault = fault
    }
}

/// A reference device of one class: behaves as a conforming device would (resolves addresses
/// before replying, runs its own timers on the clock it is given) unless built with a fault.
public protocol DeviceSimulator: AnyObject {
    init(environment: SimulatorEnvironment) throws(SimulatorError)
}

/// A simulator the catalog can build by name.
public struct SimulatorDescriptor: Sendable {
    /// `ipv6-host`.
    public let name: String
    public let summary: String
    /// Tester ports the simulator's links attach to.
    public let ports: [String]
    public let faults: [FaultDescriptor]
    /// The text of the built-in target file `sim:NAME` stands for.
    public let targetYAML: String
    public let make: @Sendable (SimulatorEnvironment) throws(SimulatorError) -> any DeviceSimulator

    public init(name: String, summary: String, ports: [String], faults: [FaultDescriptor], targetYAML: String,
                make: @escaping @Sendable (SimulatorEnvironment) throws(SimulatorError) -> any DeviceSimulator) {
        self.name = name
        self.summary = summary
        self.ports = ports
        self.faults = faults
        self.targetYAML = targetYAML
        self.make = make
    }

    public func fault(named name: String) -> FaultDescriptor? { faults.first { $0.name == name } }
}

/// A simulator could not be built (bad parameters or addresses).
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
