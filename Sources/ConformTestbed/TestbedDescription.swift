import ConformTime

/// What a network-namespace test bed is made of, in plain terms: the links between the
/// device's namespace and the tester's, the device namespace's sysctls and set-up commands,
/// the device process to start, and the named actions.
///
/// The harness's target model is converted into this by the runner, so this module knows
/// nothing of suites or target files.
public struct TestbedDescription: Sendable, Hashable {
    /// One veth pair per tester port, in the order the device's interfaces are created.
    public var links: [LinkDescription]
    /// Written with `sysctl -w` in the device namespace, in this order, after the interfaces
    /// exist and before they come up (so per-interface keys such as `accept_dad` apply).
    public var sysctls: [SysctlSetting]
    /// Run in the device namespace, in order, once the interfaces are up.
    public var setup: [CommandDescription]
    /// The device process, if the device is a program rather than the kernel itself.
    public var device: DeviceProcessDescription?
    /// Named actions, run in the device namespace with the caller's values appended as
    /// whole argv elements.
    public var actions: [String: ActionDescription]
    /// The folder relative paths in commands are resolved against (the target file's folder).
    public var workingDirectory: String?
    /// Longest wait for the device's addresses to finish duplicate address detection.
    public var addressSettleTimeout: TimeAmount

    public init(links: [LinkDescription], sysctls: [SysctlSetting] = [], setup: [CommandDescription] = [],
                device: DeviceProcessDescription? = nil, actions: [String: ActionDescription] = [:],
                workingDirectory: String? = nil, addressSettleTimeout: TimeAmount = .seconds(10)) {
        self.links = links
        self.sysctls = sysctls
        self.setup = setup
        self.device = device
        self.actions = actions
        self.workingDirectory = workingDirectory
        self.addressSettleTimeout = addressSettleTimeout
    }
}

/// One link: a veth pair with the device's end in the device namespace and the tester's end
/// in the tester namespace.
public struct LinkDescription: Sendable, Hashable {
    /// The tester port's name in suites (`tn1`); also the role in the tester interface name.
    public var port: String
    /// The device's interface name inside its namespace (`eth0`), as set-up commands use it.
    public var deviceInterface: String
    /// MAC address of the device's end; the kernel's choice when nil.
    public var deviceMAC: String?
    /// MAC address of the tester's end; the kernel's choice when nil.
    public var testerMAC: String?

    public init(port: String, deviceInterface: String, deviceMAC: String? = nil, testerMAC: String? = nil) {
        self.port = port
        self.deviceInterface = deviceInterface
        self.deviceMAC = deviceMAC
        self.testerMAC = testerMAC
    }
}

/// One kernel parameter of the device namespace (`net.ipv6.conf.all.forwarding` = `1`).
public struct SysctlSetting: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A command as an argv array, run without a shell unless `shell` is true.
///
/// With `shell`, the first element is the script given to `/bin/sh -c` and the other
/// elements and any caller values become its positional parameters (`$1`...), never part of
/// the script's text. `{{run_dir}}` in an element is replaced by the run's private folder
/// (for pid and configuration files the device writes).
public struct CommandDescription: Sendable, Hashable {
    public var argv: [String]
    public var shell: Bool
    public init(argv: [String], shell: Bool = false) {
        self.argv = argv
        self.shell = shell
    }
}

/// What a named action does.
public enum ActionDescription: Sendable, Hashable {
    /// Runs a command in the device namespace.
    case command(CommandDescription)
    /// Stops the device process (with escalation) and starts it again, waiting for its health check.
    case restartDevice
}

/// The device program: how to start it, how to know it is ready, how long it gets to stop.
public struct DeviceProcessDescription: Sendable, Hashable {
    /// Started in the device namespace; its standard output and error go to the run's logs.
    public var argv: [String]
    /// Succeeds once the device is ready; retried until ``readyTimeout``. Without one, the
    /// device is ready when it is still running after a short settling time.
    public var healthCheck: CommandDescription?
    public var readyTimeout: TimeAmount
    /// How long the device has to exit after SIGTERM before it gets SIGKILL.
    public var stopTimeout: TimeAmount

    public init(argv: [String], healthCheck: CommandDescription? = nil, readyTimeout: TimeAmount = .seconds(10),
                stopTimeout: TimeAmount = .seconds(3)) {
        self.argv = argv
        self.healthCheck = healthCheck
        self.readyTimeout = readyTimeout
        self.stopTimeout = stopTimeout
    }
}
