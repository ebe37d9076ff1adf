import ConformTime
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The device program running in the device namespace.
///
/// It is started by `ip netns exec`, which enters the namespace and then executes the
/// program in its own process, so the process this object watches is the device itself. Its
/// standard output and error are appended to a log file. Stopping escalates: SIGTERM, then
/// SIGKILL after the description's stop timeout.
public final class DeviceProcess: @unchecked Sendable {
    public let description: DeviceProcessDescription
    public let logPath: String
    private let process: Process
    private let namespace: String

    /// How long a device without a health check must stay up to count as started.
    static let settleTime = TimeAmount.milliseconds(300)

    /// Starts the device and waits until it is ready.
    /// - Parameters:
    ///   - argv: the device's argv with placeholders already replaced.
    ///   - healthCheck: the health check with placeholders replaced, if any.
    /// - Throws: ``NetnsTestbedError/Code/device`` if it cannot start, exits early, or its
    ///   health check does not pass in time (it is stopped again before throwing).
    public init(_ description: DeviceProcessDescription, argv: [String], healthCheck: [String]?, namespace: String,
                workingDirectory: String?, logPath: String) throws(NetnsTestbedError) {
        self.description = description
        self.logPath = logPath
        self.namespace = namespace
        let process = Process()
        process.executableURL = URL(fileURLWithPath: IPTool.path ?? "ip")
        process.arguments = ["netns", "exec", namespace] + argv
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        guard FileManager.default.fileExists(atPath: logPath) || FileManager.default.createFile(atPath: logPath, contents: nil),
              let log = FileHandle(forWritingAtPath: logPath) else {
            throw NetnsTestbedError(.device, "cannot open the device log \(logPath)")
        }
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        self.process = process
        let commandLine = HelperCommand(argv).commandLine
        do {
            try process.run()
        } catch {
            throw NetnsTestbedError(.device, "cannot start the device `\(commandLine)`: \(error.localizedDescription)")
        }
        try? log.close()
        try waitUntilReady(commandLine: commandLine, healthCheck: healthCheck, workingDirectory: workingDirectory)
    }

    /// The device's process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Whether the device is still running.
    public var isRunning: Bool { process.isRunning }

    private func waitUntilReady(commandLine: String, healthCheck: [String]?, workingDirectory: String?) throws(NetnsTestbedError) {
        let start = RealClock.realtimeNanoseconds()
        let deadline = start + description.readyTimeout.ns
        var lastOutput = ""
        while true {
            guard process.isRunning else {
                throw NetnsTestbedError(.device, "the device `\(commandLine)` exited with status \(process.terminationStatus) while starting; its output is in \(logPath)")
            }
            let now = RealClock.realtimeNanoseconds()
            if let healthCheck {
                let outcome = try HelperCommand.inNamespace(namespace, healthCheck, workingDirectory: workingDirectory)
                    .run(timeout: description.readyTimeout)
                if outcome.succeeded { return }
                lastOutput = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if now - start >= Self.settleTime.ns {
                return
            }
            if now >= deadline {
                stop()
                throw NetnsTestbedError(.device, "the device `\(commandLine)` did not pass its health check `\(HelperCommand(healthCheck ?? []).commandLine)` within \(description.readyTimeout)" + (lastOutput.isEmpty ? "" : ": \(lastOutput)"))
            }
            usleep(20_000)
        }
    }

    /// Stops the device: SIGTERM, then SIGKILL if it is still running after the stop timeout.
    /// Returns how it ended. Stopping a stopped device only reports how it ended.
    @discardableResult
    public func stop() -> String {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = RealClock.realtimeNanoseconds() + description.stopTimeout.ns
            while process.isRunning && RealClock.realtimeNanoseconds() < deadline { usleep(5_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return "killed (SIGKILL) after not stopping within \(description.stopTimeout) of SIGTERM"
            }
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? "ended by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
    }
}
