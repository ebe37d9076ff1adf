import Foundation
import Testing
@testable import ConformTestbed
#if canImport(Glibc)
import Glibc
#endif

/// Test beds built for real: they need root and iproute2, and skip visibly without them.
@Suite(.serialized, .enabled(if: Privileges.missing() == nil, Comment(rawValue: Privileges.missing() ?? "")))
struct NetnsBedTests {
    static func namespaces() -> [String] {
        let output = (try? HelperCommand([IPTool.path ?? "ip", "netns", "list"]).check()) ?? ""
        return output.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") }
    }

    /// Running, not merely a zombie waiting for its parent (or a non-reaping init) to reap it.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(end, offsetBy: 2)] != "Z"
    }

    static let host = TestbedDescription(
        links: [LinkDescription(port: "tn1", deviceInterface: "eth0", deviceMAC: "02:00:00:00:00:01", testerMAC: "02:00:00:00:01:01")],
        sysctls: [SysctlSetting(key: "net.ipv6.conf.eth0.addr_gen_mode", value: "0")],
        actions: ["mtu": .command(CommandDescription(argv: ["ip", "link", "set", "dev", "eth0", "mtu"])),
                  "echo-args": .command(CommandDescription(argv: ["f=$1; shift; printf '%s|' \"$@\" > \"$f\"", "{{run_dir}}/args"], shell: true))])

    @Test func buildsTheLinksAndTearsEverythingDown() throws {
        let bed = try NetnsBed.up(Self.host)
        defer { bed.down() }
        let namespaces = bed.token.namespaces
        #expect(Set(namespaces).isSubset(of: Self.namespaces()))
        let device = try HelperCommand([IPTool.path ?? "ip", "-n", bed.deviceNamespace, "-6", "addr", "show", "dev", "eth0"]).check()
        // The kernel's link-local address from the MAC (modified EUI-64), DAD finished.
        #expect(device.contains("fe80::ff:fe00:1/64"))
        #expect(!device.contains("tentative"))
        let tester = try HelperCommand([IPTool.path ?? "ip", "-n", bed.testerNamespace, "link", "show", "dev", bed.testerInterfaces["tn1"] ?? ""]).check()
        #expect(tester.contains("02:00:00:00:01:01"))
        #expect(TestbedLock.isHeld(TestbedLock.path(for: bed.token, in: bed.stateDirectory)))

        try bed.perform(action: "mtu", arguments: ["1280"])
        #expect(try HelperCommand([IPTool.path ?? "ip", "-n", bed.deviceNamespace, "link", "show", "dev", "eth0"]).check().contains("mtu 1280"))
        // A value with shell syntax stays one argument: it reaches the script as $1, never as code.
        let hostile = "a b; touch /tmp/conform-pwned-$$"
        try bed.perform(action: "echo-args", arguments: [hostile, "x"])
        #expect(try String(contentsOfFile: "\(bed.runDirectory)/args", encoding: .utf8) == "\(hostile)|x|")
        #expect(throws: NetnsTestbedError.self) { try bed.perform(action: "nope", arguments: []) }

        bed.down()
        #expect(Set(namespaces).isDisjoint(with: Self.namespaces()))
        #expect(!FileManager.default.fileExists(atPath: TestbedLock.path(for: bed.token, in: bed.stateDirectory)))
        #expect(!FileManager.default.fileExists(atPath: bed.runDirectory))
        bed.down()
    }

    @Test func aDeviceThatIgnoresSIGTERMIsKilledAndNothingOfItRemains() throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("conform-bed-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: logs) }
        var description = Self.host
        description.device = DeviceProcessDescription(
            argv: ["sh", "-c", "trap '' TERM; echo device-up; touch \"$0/ready\"; while :; do sleep 1; done", "{{run_dir}}"],
            healthCheck: CommandDescription(argv: ["test", "-e", "{{run_dir}}/ready"]),
            readyTimeout: .seconds(5), stopTimeout: .milliseconds(200))
        let bed = try NetnsBed.up(description, logDirectory: logs)
        defer { bed.down() }
        let pids = try HelperCommand([IPTool.path ?? "ip", "netns", "pids", bed.deviceNamespace]).check()
        #expect(!pids.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(bed.deviceFailure == nil)
        bed.down()
        #expect(try String(contentsOfFile: bed.deviceLogPath, encoding: .utf8).contains("device-up"))
        #expect(try String(contentsOfFile: bed.setupLogPath, encoding: .utf8).contains("SIGKILL"))
        for pid in pids.split(whereSeparator: \.isWhitespace).compactMap({ Int32($0) }) {
            #expect(!Self.isAlive(pid), "pid \(pid) survived the teardown")
        }
        #expect(Set(bed.token.namespaces).isDisjoint(with: Self.namespaces()))
    }

    @Test func aDeviceThatFailsItsHealthCheckLeavesNothingBehind() throws {
        var description = Self.host
        description.device = DeviceProcessDescription(argv: ["sleep", "30"], healthCheck: CommandDescription(argv: ["false"]),
                                                      readyTimeout: .milliseconds(300), stopTimeout: .milliseconds(200))
        #expect(throws: NetnsTestbedError.self) { try NetnsBed.up(description) }
        // Other suites may be running test beds now; each of theirs holds its lock.
        #expect(LeftoverSweeper.inventory().allSatisfy { $0.held })
    }

    /// A run killed with SIGKILL: a real process holds the lock of a test bed's token, is
    /// killed, and only then does the sweep remove the test bed.
    @Test func aSweepRemovesOnlyTestBedsWhoseRunIsDead() throws {
        let token = RunToken()
        let lockPath = TestbedLock.path(for: token, in: NetnsBed.defaultStateDirectory)
        try TestbedLock.makeDirectory(NetnsBed.defaultStateDirectory)
        let holder = Process()
        // One process holding the lock (flock(1) would leave a child holding it after a SIGKILL).
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 9>\"$0\"; flock -x 9; exec sleep 60", lockPath]
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        while !TestbedLock.isHeld(lockPath) { usleep(5_000) }
        for namespace in token.namespaces { try HelperCommand([IPTool.path ?? "ip", "netns", "add", namespace]).check() }
        let straggler = Process()
        straggler.executableURL = URL(fileURLWithPath: IPTool.path ?? "ip")
        straggler.arguments = ["netns", "exec", token.deviceNamespace, "sleep", "60"]
        try straggler.run()

        #expect(!LeftoverSweeper.sweep().contains { $0.token == token })
        #expect(Set(token.namespaces).isSubset(of: Self.namespaces()))

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let removal = try #require(LeftoverSweeper.sweep().first { $0.token == token })
        #expect(removal.removed.contains("namespace \(token.deviceNamespace)"))
        #expect(removal.removed.contains("pid \(straggler.processIdentifier)"))
        straggler.waitUntilExit()
        #expect(Set(token.namespaces).isDisjoint(with: Self.namespaces()))
        #expect(!FileManager.default.fileExists(atPath: lockPath))
    }
}
