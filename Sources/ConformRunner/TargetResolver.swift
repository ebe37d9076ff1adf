import ConformSuite
import ConformSim
import ConformWire
import ConformTestbed

/// Turns a TARGET argument into a target: a target file, or `sim:NAME[+FAULT]` for a
/// built-in simulator (optionally built with one named fault).
public enum TargetResolver {
    public static func resolve(_ argument: String) throws(DiagnosticsError) -> Target {
        guard argument.hasPrefix("sim:") else { return try TargetLoader.load(argument) }
        let spec = argument.dropFirst("sim:".count)
        let parts = spec.split(separator: "+", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let here = SourceLocation(file: argument, line: 1, column: 1)
        guard let descriptor = SimulatorCatalog.named(name) else {
            let known = SimulatorCatalog.all.map(\.name)
            throw DiagnosticsError([Diagnostic("target.unknown-simulator", at: here, "no built-in simulator '\(name)'",
                                               hint: suggestion(name, known) ?? "simulators: \(known.joined(separator: ", "))")])
        }
        let builtIn = try TargetLoader.load(text: descriptor.targetYAML, name: "sim:\(name)")
        guard parts.count == 2 else { return builtIn }
        let fault = parts[1]
        guard descriptor.fault(named: fault) != nil else {
            let known = descriptor.faults.map(\.name)
            throw DiagnosticsError([Diagnostic("target.unknown-fault", at: here, "simulator '\(name)' has no fault '\(fault)'",
                                               hint: suggestion(fault, known) ?? "faults: \(known.joined(separator: ", "))")])
        }
        return builtIn.replacing(id: "\(builtIn.id)+\(fault)", testbed: .simulator(name: name, fault: fault))
    }

    private static func suggestion(_ name: String, _ known: [String]) -> String? {
        NameSuggester.nearest(to: name, among: known).map { "did you mean '\($0)'?" }
    }
}

/// Opens the test bed a target describes.
public enum TestbedFactory {
    /// What this machine or process lacks to open the target's test bed (root for a netns
    /// test bed), as one message; nil when nothing is missing. Check it before creating anything.
    public static func unmetRequirement(for target: Target) -> String? {
        switch target.testbed {
        case .simulator: nil
        case .netns: Privileges.missing()
        }
    }

    /// - Parameters:
    ///   - ports: the tester ports the suites use.
    public static func open(for target: Target, binding: SuiteBinding, ports: [String]) throws(TestbedError) -> any TestbedSession {
        try open(for: target, binding: binding, ports: ports, firstFrameNumbers: [:])
    }

    /// Opens the test bed with each port numbering its frames from `firstFrameNumbers[port]`
    /// (1 when absent): a resumed run continues the numbering of its capture files.
    public static func open(for target: Target, binding: SuiteBinding, ports: [String],
                            firstFrameNumbers: [String: Int]) throws(TestbedError) -> any TestbedSession {
        try open(for: target, binding: binding, ports: ports, firstFrameNumbers: firstFrameNumbers, logDirectory: nil)
    }

    /// Opens the test bed, with the device's output and the test bed's set-up log written to
    /// `logDirectory` (the run's `logs/`) when the test bed has any.
    public static func open(for target: Target, binding: SuiteBinding, ports: [String],
                            firstFrameNumbers: [String: Int], logDirectory: String?) throws(TestbedError) -> any TestbedSession {
        switch target.testbed {
        case .netns(let spec):
            // Live ports number frames from 1; a resumed run would need them to continue.
            if let port = firstFrameNumbers.first(where: { $0.value > 1 })?.key {
                throw TestbedError("a netns test bed cannot continue the frame numbering of port '\(port)'; start a new run instead of resuming")
            }
            return try NetnsTestbed(description: NetnsTestbed.description(of: spec, target: target), portNames: ports,
                                    captureGrace: NetnsTestbed.captureGrace(binding), logDirectory: logDirectory)
        case .simulator(let name, let faultName):
            guard let descriptor = SimulatorCatalog.named(name) else {
                throw TestbedError("no built-in simulator '\(name)'")
            }
            var fault: FaultDescriptor?
            if let faultName {
                guard let found = descriptor.fault(named: faultName) else {
                    throw TestbedError("simulator '\(name)' has no fault '\(faultName)'")
                }
                fault = found
            }
            return SimulatorTestbed(simulator: descriptor, fault: fault, portNames: ports,
                                    addresses: target.addresses["nut"] ?? [:],
                                    parameters: binding.pixit.mapValues(\.description),
                                    firstFrameNumbers: firstFrameNumbers)
        }
    }
}
