import ConformTime
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs one command to completion as a child process, argv as given (no shell), and collects
/// its output.
///
/// Work inside a namespace goes through `ip netns exec NS ...`: the helper process enters the
/// namespace, never a thread of this process.
public struct HelperCommand: Sendable {
    /// How a finished command ended.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public let status: Int32
        /// Standard output and standard error, interleaved.
        public let output: String
        public var succeeded: Bool { status == 0 }
    }

    public let argv: [String]
    public let workingDirectory: String?

    public init(_ argv: [String], workingDirectory: String? = nil) {
        self.argv = argv
        self.workingDirectory = workingDirectory
    }

    /// `argv` run inside the network namespace `namespace` by `ip netns exec`.
    public static func inNamespace(_ namespace: String, _ argv: [String], workingDirectory: String? = nil) -> HelperCommand {
        HelperCommand([IPTool.path ?? "ip", "netns", "exec", namespace] + argv, workingDirectory: workingDirectory)
    }

    /// The text a user can paste to run it again.
    public var commandLine: String { argv.map(Self.quoted).joined(separator: " ") }

    /// Runs the command; kills it (SIGKILL) if it has not finished after `timeout`.
    /// - Throws: ``NetnsTestbedError/Code/command`` when it cannot start.
    public func run(timeout: TimeAmount = .seconds(30)) throws(NetnsTestbedError) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv.first ?? "")
        process.arguments = Array(argv.dropFirst())
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let output = OutputCollector(pipe.fileHandleForReading)
        do {
            try process.run()
        } catch {
            throw NetnsTestbedError(.command, "cannot start `\(commandLine)`: \(error.localizedDescription)")
        }
        try? pipe.fileHandleForWriting.close()
        let deadline = RealClock.realtimeNanoseconds() + timeout.ns
        var timedOut = false
        while process.isRunning {
            if RealClock.realtimeNanoseconds() >= deadline {
                kill(process.processIdentifier, SIGKILL)
                timedOut = true
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        var text = output.finish()
        if timedOut { text += "\n(killed after \(timeout))" }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Outcome(status: status, output: text)
    }

    /// Runs the command and requires exit status 0.
    /// - Throws: ``NetnsTestbedError/Code/command`` naming the command and its output.
    @discardableResult
    public func check(timeout: TimeAmount = .seconds(30)) throws(NetnsTestbedError) -> String {
        let outcome = try run(timeout: timeout)
        guard outcome.succeeded else {
            let said = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            throw NetnsTestbedError(.command, "`\(commandLine)` exited with status \(outcome.status)" + (said.isEmpty ? "" : ": \(said)"))
        }
        return outcome.output
    }

    /// An argument as a POSIX shell reads it back unchanged.
    static func quoted(_ argument: String) -> String {
        let safe = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:+=,@%".contains($0) }
        return safe && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Reads a pipe to its end on a dedicated thread, so a chatty command never blocks on a full pipe.
private final class OutputCollector: @unchecked Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                bytes.withLock { $0 += chunk }
            }
            done.signal()
        }
        thread.name = "conform-helper-output"
        thread.start()
    }

    /// The output so far once the pipe closed, or after one second if a process the command
    /// left behind still holds the pipe open.
    func finish() -> String {
        _ = done.wait(timeout: .now() + .seconds(1))
        return String(decoding: bytes.withLock { $0 }, as: UTF8.self)
    }
}

/// Where the `ip` tool (iproute2) is.
public enum IPTool {
    public static let path: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
