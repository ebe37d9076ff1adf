import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Two fresh network namespaces joined by a veth pair, both ends up and IPv6 kept quiet (no
/// link-local address, so no DAD, router solicitations or MLD reports). Names carry a
/// random `cf` tag; exactly the namespaces made here are deleted again in ``remove()`` or
/// `deinit`, which also removes the veth pair.
final class LiveVethPair {
    /// The namespace and interface of each end.
    let left: (namespace: String, interface: String)
    let right: (namespace: String, interface: String)
    private var created: [String] = []

    /// Why live tests cannot run here, or nil when they can.
    static let unavailableReason: String? = {
        if geteuid() != 0 { return "live capture tests need root (network namespaces, AF_PACKET)" }
        if ipTool == nil { return "live capture tests need the `ip` tool (iproute2)" }
        return nil
    }()

    static let ipTool: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    init() throws {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let tag = "cf" + String((0..<6).map { _ in alphabet.randomElement() ?? "x" })
        left = (tag + "l", tag + "l0")
        right = (tag + "r", tag + "r0")
        do {
            for namespace in [left.namespace, right.namespace] {
                try Self.ip(["netns", "add", namespace])
                created.append(namespace)
            }
            try Self.ip(["link", "add", left.interface, "netns", left.namespace, "type", "veth",
                         "peer", "name", right.interface, "netns", right.namespace])
            for end in [left, right] {
                let quiet = ["addr_gen_mode=1", "accept_dad=0", "dad_transmits=0", "router_solicitations=0"]
                for setting in quiet {
                    try Self.ip(["netns", "exec", end.namespace, "sysctl", "-q", "-w",
                                 "net.ipv6.conf.\(end.interface).\(setting)"])
                }
                try Self.ip(["-n", end.namespace, "link", "set", end.interface, "up"])
            }
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    /// Deletes the namespaces this pair created (and with them the veth pair).
    func remove() {
        while let namespace = created.popLast() {
            try? Self.ip(["netns", "del", namespace])
        }
    }

    struct CommandFailure: Error, CustomStringConvertible {
        let command: String
        let output: String
        var description: String { "`\(command)` failed: \(output)" }
    }

    static func ip(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ipTool ?? "ip")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandFailure(command: "ip " + arguments.joined(separator: " "), output: output)
        }
    }
}
