import Foundation
import Testing
@testable import ConformTestbed

@Suite struct LockAndPrivilegeTests {
    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("conform-lock-\(UUID().uuidString)").path
    }

    @Test func aHeldLockIsSeenAsHeldAndCannotBeTakenOver() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let token = RunToken()
        let lock = try TestbedLock.acquire(token, in: directory)
        #expect(TestbedLock.isHeld(lock.path))
        #expect(TestbedLock.holder(lock.path) == getpid())
        #expect(TestbedLock.takeOver(lock.path) == nil)
        #expect(throws: NetnsTestbedError.self) { try TestbedLock.acquire(token, in: directory) }
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: lock.path))
        #expect(!TestbedLock.isHeld(lock.path))
    }

    @Test func anUnheldLockFileCanBeTakenOverOnce() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let token = RunToken()
        try TestbedLock.acquire(token, in: directory).release(removingFile: false)
        let path = TestbedLock.path(for: token, in: directory)
        #expect(FileManager.default.fileExists(atPath: path))
        let taken = try #require(TestbedLock.takeOver(path))
        #expect(TestbedLock.takeOver(path) == nil)
        taken.release()
        #expect(TestbedLock.takeOver(path) == nil)
    }

    @Test func withoutCapabilitiesOneMessageSaysRootIsNeeded() throws {
        let status = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: status) }
        try "Name:\tconform\nCapEff:\t0000000000000000\n".write(toFile: status, atomically: true, encoding: .utf8)
        let message = try #require(Privileges.missing(statusFile: status))
        #expect(message.contains("needs root"))
        #expect(message.contains("CAP_NET_ADMIN") && message.contains("CAP_SYS_ADMIN"))
        try "CapEff:\t000001ffffffffff\n".write(toFile: status, atomically: true, encoding: .utf8)
        #expect(IPTool.path == nil || Privileges.missing(statusFile: status) == nil)
        // Only CAP_NET_ADMIN (bit 12) is not enough: namespaces need CAP_SYS_ADMIN too.
        try "CapEff:\t0000000000001000\n".write(toFile: status, atomically: true, encoding: .utf8)
        #expect(Privileges.missing(statusFile: status)?.contains("CAP_SYS_ADMIN") == true)
    }
}
