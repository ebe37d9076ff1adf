import ConformTime

/// The lab-owned description of one device under test: identity, what it claims (PICS),
/// its parameters (PIXIT), how tester ports reach it, and named actions.
public struct Target: Sendable {
    public let id: String
    public let identity: DeviceIdentity
    /// Device class, e.g. `ipv6-host`.
    public let kind: String
    public let testbed: Testbed
    /// Addresses of device roles (`nut`) and tester ports (`tn1`), each a map of
    /// attribute → value (`mac`, `ll`, `global`), referenced in suites as `{{nut.ll}}`.
    public let addresses: [String: [String: String]]
    public let pics: [String: PICSValue]
    /// PIXIT values as written; typed against the suite's declarations when a run starts.
    public let pixit: [String: TargetValue]
    public let actions: [String: TargetAction]
    public let file: SourceFile?
    public let location: SourceLocation
    /// Where each PICS answer is written, for diagnostics when a run binds the target.
    public let picsLocations: [String: SourceLocation]

    /// - Parameter picsLocations: where each PICS answer is written, as ``TargetLoader`` records it.
    public init(id: String, identity: DeviceIdentity, kind: String, testbed: Testbed, addresses: [String: [String: String]],
                pics: [String: PICSValue], picsLocations: [String: SourceLocation] = [:], pixit: [String: TargetValue],
                actions: [String: TargetAction], file: SourceFile?, location: SourceLocation) {
        self.id = id
        self.identity = identity
        self.kind = kind
        self.testbed = testbed
        self.addresses = addresses
        self.pics = pics
        self.pixit = pixit
        self.actions = actions
        self.file = file
        self.location = location
        self.picsLocations = picsLocations
    }

    /// The same device reached through another test bed, under another id
    /// (`sim:ipv6-host+FAULT` is the built-in target with a fault).
    public func replacing(id: String, testbed: Testbed) -> Target {
        Target(id: id, identity: identity, kind: kind, testbed: testbed, addresses: addresses, pics: pics,
               picsLocations: picsLocations, pixit: pixit, actions: actions, file: file, location: location)
    }
}

/// A scalar in a target file, with where it was written (for diagnostics at run time).
public struct TargetValue: Sendable, Hashable {
    public let text: String
    public let location: SourceLocation
    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// Who made the device and which one it is (ISO/IEC 17025 §7.8.2.1 "item tested").
public struct DeviceIdentity: Sendable, Hashable {
    public let vendor: String
    public let model: String
    public let hardwareVersion: String?
    public let firmwareVersion: String?
    public let serial: String?
    /// `sha256:<hex>` of the firmware image, when the lab has it.
    public let firmwareDigest: String?

    public init(vendor: String, model: String, hardwareVersion: String?, firmwareVersion: String?, serial: String?, firmwareDigest: String?) {
        self.vendor = vendor
        self.model = model
        self.hardwareVersion = hardwareVersion
        self.firmwareVersion = firmwareVersion
        self.serial = serial
        self.firmwareDigest = firmwareDigest
    }
}

/// How tester ports reach the device.
public enum Testbed: Sendable, Hashable {
    /// A built-in simulator on virtual links and virtual time, with an optional fault.
    case simulator(name: String, fault: String?)
    /// Network namespaces on this machine joined by veth pairs: the device (the kernel's own
    /// stack, or a program started in the device namespace) in one, the tester ports in another.
    case netns(NetnsTestbedSpec)
}

/// A network-namespace test bed as a target file writes it (`testbed: {kind: netns, ...}`).
public struct NetnsTestbedSpec: Sendable, Hashable {
    /// One veth pair per tester port.
    public let links: [NetnsLinkSpec]
    /// Kernel parameters of the device namespace, in file order.
    public let sysctls: [NetnsSysctlSpec]
    /// Commands run in the device namespace once its interfaces are up, in order.
    public let setup: [TargetAction]
    /// The device program to start, if the device is not the kernel alone.
    public let device: DeviceProcessSpec?

    public init(links: [NetnsLinkSpec], sysctls: [NetnsSysctlSpec], setup: [TargetAction], device: DeviceProcessSpec?) {
        self.links = links
        self.sysctls = sysctls
        self.setup = setup
        self.device = device
    }
}

/// One link of a netns test bed: the tester port and the device's interface on it.
public struct NetnsLinkSpec: Sendable, Hashable {
    public let port: String
    /// The device's interface name inside its namespace (`eth0`).
    public let interface: String
    /// The device's MAC address on this link; the first link defaults to the `nut` address.
    public let mac: String?
    public let location: SourceLocation

    public init(port: String, interface: String, mac: String?, location: SourceLocation) {
        self.port = port
        self.interface = interface
        self.mac = mac
        self.location = location
    }
}

/// One sysctl of the device namespace (`net.ipv6.icmp.echo_ignore_all: 1`).
public struct NetnsSysctlSpec: Sendable, Hashable {
    public let key: String
    public let value: String
    public let location: SourceLocation

    public init(key: String, value: String, location: SourceLocation) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// The device program of a netns test bed.
public struct DeviceProcessSpec: Sendable, Hashable {
    public let argv: [String]
    /// A command that succeeds once the device is ready.
    public let health: TargetAction?
    public let readyWithin: TimeAmount
    /// How long the device gets between SIGTERM and SIGKILL.
    public let stopWithin: TimeAmount
    public let location: SourceLocation

    public init(argv: [String], health: TargetAction?, readyWithin: TimeAmount, stopWithin: TimeAmount, location: SourceLocation) {
        self.argv = argv
        self.health = health
        self.readyWithin = readyWithin
        self.stopWithin = stopWithin
        self.location = location
    }
}

/// A command the lab allows suites to invoke by name.
public struct TargetAction: Sendable, Hashable {
    public let argv: [String]
    /// Run through `/bin/sh -c` instead of directly; only when the target says so.
    public let shell: Bool
    /// A harness operation instead of a command (`restart-device`); `argv` is then empty.
    public let builtin: String?
    public let location: SourceLocation
    public init(argv: [String], shell: Bool, location: SourceLocation) {
        self.init(argv: argv, shell: shell, builtin: nil, location: location)
    }

    public init(argv: [String], shell: Bool, builtin: String?, location: SourceLocation) {
        self.argv = argv
        self.shell = shell
        self.builtin = builtin
        self.location = location
    }

    /// Harness operations an action may name with `builtin:`.
    public static let builtins = ["restart-device"]
}
