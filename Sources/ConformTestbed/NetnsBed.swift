import ConformTime
import Foundation
import Synchronization

/// A network-namespace test bed, built from a ``TestbedDescription`` and torn down again.
///
/// ```
///   tester namespace cfTOKENt              device namespace cfTOKENd
///   ┌──────────────────────┐   veth pair   ┌──────────────────────────────┐
///   │ cfTOKENtn1 (IPv6 off)├───────────────┤ eth0   sysctls, set-up cmds, │
///   │ cfTOKENtn2           ├───────────────┤ eth1   device process        │
///   └──────────────────────┘               └──────────────────────────────┘
/// ```
///
/// The tester's interfaces have IPv6 disabled, so the tester namespace's kernel stays silent
/// and every frame on a link comes from the device or from the harness's live ports.
/// Every namespace operation runs in a helper process (`ip`, `ip netns exec`), never on a
/// thread of this process.
///
/// Teardown happens on ``down()``, on SIGINT or SIGTERM, and — after a SIGKILL — in the next
/// ``up(_:stateDirectory:logDirectory:)`` or ``LeftoverSweeper/sweep(stateDirectory:)``,
/// which remove only test beds whose run no longer holds its lock.
public final class NetnsBed: @unchecked Sendable {
    public let token: RunToken
    public let description: TestbedDescription
    /// Where lock files and the runs' private folders live.
    public let stateDirectory: String
    /// Where the device's output and the set-up log go.
    public let logDirectory: String
    /// The tester's interface of each port, in ``testerNamespace``.
    public let testerInterfaces: [String: String]
    /// What the test bed found or did on the way up (leftovers swept, commands run).
    public private(set) var notes: [String] = []

    private let state = Mutex(State())

    private struct State {
        var lock: TestbedLock?
        var namespaces: [String] = []
        var device: DeviceProcess?
        var torndown = false
    }

    /// Where lock files and run folders go unless told otherwise.
    public static let defaultStateDirectory = "/run/conform"

    public var deviceNamespace: String { token.deviceNamespace }
    public var testerNamespace: String { token.testerNamespace }
    /// The run's private folder (`{{run_dir}}` in commands); removed at teardown.
    public var runDirectory: String { "\(stateDirectory)/\(token.text)" }
    /// The device's output, when the description has a device process.
    public var deviceLogPath: String { "\(logDirectory)/device.log" }
    /// Every command the set-up ran, with its output.
    public var setupLogPath: String { "\(logDirectory)/testbed.log" }

    /// Builds the test bed: sweeps leftovers of killed runs, takes a fresh token and its lock,
    /// then creates the namespaces, links, addresses, sysctls, set-up commands and the
    /// device. On any failure everything made so far is removed before the error is thrown.
    /// - Parameters:
    ///   - logDirectory: where the device's output goes; the run's private folder when nil.
    /// - Throws: ``NetnsTestbedError``; with code `privileges` before anything is created.
    public static func up(_ description: TestbedDescription, stateDirectory: String = defaultStateDirectory,
                          logDirectory: String? = nil) throws(NetnsTestbedError) -> NetnsBed {
        if let missing = Privileges.missing() { throw NetnsTestbedError(.privileges, missing) }
        let swept = LeftoverSweeper.sweep(stateDirectory: stateDirectory)
        let token = RunToken()
        var interfaces: [String: String] = [:]
        for link in description.links {
            interfaces[link.port] = try token.testerInterface(port: link.port)
            try RunToken.checkInterfaceName(link.deviceInterface, what: "the device interface of port '\(link.port)'")
        }
        let lock = try TestbedLock.acquire(token, in: stateDirectory)
        let bed = NetnsBed(token: token, description: description, stateDirectory: stateDirectory,
                           logDirectory: logDirectory ?? "\(stateDirectory)/\(token.text)", testerInterfaces: interfaces, lock: lock)
        bed.notes += swept.map { "swept leftover test bed \($0.token): \($0.removed.joined(separator: ", "))" }
        SignalTeardown.register(bed)
        do {
            try bed.build()
        } catch {
            bed.down()
            throw error
        }
        return bed
    }

    private init(token: RunToken, description: TestbedDescription, stateDirectory: String, logDirectory: String,
                 testerInterfaces: [String: String], lock: TestbedLock) {
        self.token = token
        self.description = description
        self.stateDirectory = stateDirectory
        self.logDirectory = logDirectory
        self.testerInterfaces = testerInterfaces
        state.withLock { $0.lock = lock }
    }

    deinit { down() }

    private func build() throws(NetnsTestbedError) {
        try TestbedLock.makeDirectory(runDirectory)
        try TestbedLock.makeDirectory(logDirectory)
        for namespace in token.namespaces {
            try ip(["netns", "add", namespace])
            state.withLock { $0.namespaces.append(namespace) }
        }
        try ip(["-n", deviceNamespace, "link", "set", "lo", "up"])
        for link in description.links {
            let tester = testerInterfaces[link.port] ?? ""
            try ip(["link", "add", tester, "netns", testerNamespace, "type", "veth",
                    "peer", "name", link.deviceInterface, "netns", deviceNamespace])
            if let mac = link.testerMAC { try ip(["-n", testerNamespace, "link", "set", tester, "address", mac]) }
            if let mac = link.deviceMAC { try ip(["-n", deviceNamespace, "link", "set", link.deviceInterface, "address", mac]) }
            // No IPv6 on the tester's end: its kernel must not add DAD, RS or MLD traffic to the link.
            try inNamespace(testerNamespace, ["sysctl", "-q", "-w", "net.ipv6.conf.\(tester).disable_ipv6=1"])
        }
        for setting in description.sysctls {
            try inNamespace(deviceNamespace, ["sysctl", "-q", "-w", "\(setting.key)=\(setting.value)"])
        }
        for link in description.links {
            try ip(["-n", testerNamespace, "link", "set", testerInterfaces[link.port] ?? "", "up"])
            try ip(["-n", deviceNamespace, "link", "set", link.deviceInterface, "up"])
        }
        for command in description.setup {
            try run(command, arguments: [], stage: .command)
        }
        try waitForAddresses()
        if let device = description.device {
            let started = try DeviceProcess(device, argv: expand(device.argv), healthCheck: device.healthCheck.map { shellForm($0, arguments: []) },
                                            namespace: deviceNamespace, workingDirectory: description.workingDirectory,
                                            logPath: deviceLogPath)
            state.withLock { $0.device = started }
            log("device started: \(HelperCommand(device.argv).commandLine) (pid \(started.processIdentifier))")
        }
    }

    /// Waits until every device interface has carrier and, where IPv6 makes one, its
    /// link-local address, and duplicate address detection has finished on every address
    /// (RFC 4862 §5.4: a tentative address is not yet the device's); fails if DAD failed.
    ///
    /// The kernel raises carrier (and so creates the link-local address) from its link-watch
    /// work, up to a second after `ip link set up`, so the address can be missing at first.
    private func waitForAddresses() throws(NetnsTestbedError) {
        let deadline = RealClock.realtimeNanoseconds() + description.addressSettleTimeout.ns
        var needsLinkLocal: [String] = []
        for link in description.links {
            let settings = try HelperCommand.inNamespace(deviceNamespace, [
                "sysctl", "-n", "net.ipv6.conf.\(link.deviceInterface).disable_ipv6", "net.ipv6.conf.\(link.deviceInterface).addr_gen_mode",
            ]).check().split(whereSeparator: \.isWhitespace)
            if settings.count == 2, settings[0] == "0", settings[1] != "1" { needsLinkLocal.append(link.deviceInterface) }
        }
        while true {
            let failed = try ip(["-n", deviceNamespace, "-6", "addr", "show", "dadfailed"])
            if !failed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw NetnsTestbedError(.device, "duplicate address detection failed in the device namespace:\n\(failed)")
            }
            var waitingFor: [String] = []
            for link in description.links {
                let state = try ip(["-n", deviceNamespace, "link", "show", "dev", link.deviceInterface])
                if !state.contains("LOWER_UP") { waitingFor.append("carrier on \(link.deviceInterface)") }
            }
            for interface in needsLinkLocal {
                let linkLocal = try ip(["-n", deviceNamespace, "-6", "addr", "show", "dev", interface, "scope", "link"])
                if !linkLocal.contains("inet6") { waitingFor.append("a link-local address on \(interface)") }
            }
            let tentative = try ip(["-n", deviceNamespace, "-6", "addr", "show", "tentative"])
            if !tentative.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { waitingFor.append("DAD:\n\(tentative)") }
            if waitingFor.isEmpty { return }
            if RealClock.realtimeNanoseconds() >= deadline {
                throw NetnsTestbedError(.device, "the device namespace was not ready after \(description.addressSettleTimeout): still waiting for \(waitingFor.joined(separator: "; "))")
            }
            usleep(50_000)
        }
    }

    /// Runs the named action with `arguments` appended as whole argv elements (or, with a
    /// shell, as the script's positional parameters).
    /// - Throws: ``NetnsTestbedError/Code/action`` for an unknown action or one that fails.
    public func perform(action name: String, arguments: [String]) throws(NetnsTestbedError) {
        guard let action = description.actions[name] else {
            let known = description.actions.keys.sorted().joined(separator: ", ")
            throw NetnsTestbedError(.action, "the test bed has no action '\(name)' (it has: \(known.isEmpty ? "none" : known))")
        }
        switch action {
        case .command(let command):
            try run(command, arguments: arguments, stage: .action)
        case .restartDevice:
            try restartDevice()
        }
    }

    /// Stops the device process with escalation and starts it again.
    public func restartDevice() throws(NetnsTestbedError) {
        guard let description = description.device else {
            throw NetnsTestbedError(.action, "the test bed has no device process to restart")
        }
        let old = state.withLock { $0.device }
        if let old { log("device stopped for restart: \(old.stop())") }
        let started = try DeviceProcess(description, argv: expand(description.argv),
                                        healthCheck: description.healthCheck.map { shellForm($0, arguments: []) },
                                        namespace: deviceNamespace, workingDirectory: self.description.workingDirectory,
                                        logPath: deviceLogPath)
        state.withLock { $0.device = started }
        log("device restarted (pid \(started.processIdentifier))")
    }

    /// Why the device process is no longer running, if it was started and has stopped.
    public var deviceFailure: String? {
        guard let device = state.withLock({ $0.device }), !device.isRunning else { return nil }
        return "the device process \(device.stop()); its output is in \(device.logPath)"
    }

    /// Tears everything down: the device (SIGTERM, then SIGKILL), any other process left in
    /// the namespaces, the namespaces (and with them the veth pairs), the run's folder and
    /// its lock file. Safe to call more than once and from the signal thread.
    public func down() {
        let taken = state.withLock { state -> State? in
            guard !state.torndown else { return nil }
            state.torndown = true
            let copy = state
            state.device = nil
            state.lock = nil
            state.namespaces = []
            return copy
        }
        guard let taken else { return }
        if let device = taken.device { log("device stopped: \(device.stop())") }
        for namespace in taken.namespaces.reversed() {
            LeftoverSweeper.removeNamespace(namespace)
        }
        try? FileManager.default.removeItem(atPath: runDirectory)
        taken.lock?.release()
        SignalTeardown.unregister(self)
    }

    // MARK: commands

    private func run(_ command: CommandDescription, arguments: [String], stage: NetnsTestbedError.Code) throws(NetnsTestbedError) {
        let argv = shellForm(command, arguments: arguments)
        let outcome = try HelperCommand.inNamespace(deviceNamespace, argv, workingDirectory: description.workingDirectory).run()
        log("$ \(HelperCommand(argv).commandLine)\n\(outcome.output)(status \(outcome.status))")
        guard outcome.succeeded else {
            let said = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            throw NetnsTestbedError(stage, "`\(HelperCommand(argv).commandLine)` in the device namespace exited with status \(outcome.status)" + (said.isEmpty ? "" : ": \(said)"))
        }
    }

    /// The argv that runs `command` with `arguments`: appended directly, or as positional
    /// parameters of `/bin/sh -c SCRIPT`, so a value never becomes shell text.
    private func shellForm(_ command: CommandDescription, arguments: [String]) -> [String] {
        let argv = expand(command.argv)
        guard command.shell, let script = argv.first else { return argv + arguments }
        return ["/bin/sh", "-c", script, "conform-action"] + argv.dropFirst() + arguments
    }

    private func expand(_ argv: [String]) -> [String] {
        argv.map { $0.replacingOccurrences(of: "{{run_dir}}", with: runDirectory) }
    }

    @discardableResult
    private func ip(_ arguments: [String]) throws(NetnsTestbedError) -> String {
        let command = HelperCommand([IPTool.path ?? "ip"] + arguments)
        let output = try command.check()
        log("$ \(command.commandLine)")
        return output
    }

    private func inNamespace(_ namespace: String, _ argv: [String]) throws(NetnsTestbedError) {
        let command = HelperCommand.inNamespace(namespace, argv)
        try command.check()
        log("$ \(command.commandLine)")
    }

    private func log(_ line: String) {
        let files = FileManager.default
        guard files.fileExists(atPath: setupLogPath) || files.createFile(atPath: setupLogPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: setupLogPath) else { return }
        handle.seekToEndOfFile()
        handle.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
        try? handle.close()
    }
}
