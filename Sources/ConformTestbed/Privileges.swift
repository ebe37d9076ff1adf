import Foundation

/// Whether this process may build a network-namespace test bed.
///
/// Creating namespaces and veth pairs needs CAP_SYS_ADMIN and CAP_NET_ADMIN in the initial
/// user namespace: in practice, root. The check reads the effective capability set from
/// `/proc/self/status`, so it is right for root without capabilities and for a capable
/// non-root user alike.
public enum Privileges {
    /// capabilities(7) bit numbers.
    static let netAdmin = 12
    static let sysAdmin = 21

    /// Why a test bed cannot be built here, or nil when it can: one message saying what is needed.
    public static func missing(statusFile: String = "/proc/self/status") -> String? {
        if IPTool.path == nil {
            return "a netns test bed needs the `ip` tool (iproute2); install it (Debian: apt-get install iproute2)"
        }
        let effective = effectiveCapabilities(statusFile: statusFile)
        let needed = [(netAdmin, "CAP_NET_ADMIN"), (sysAdmin, "CAP_SYS_ADMIN")].filter { effective & (1 << UInt64($0.0)) == 0 }
        guard !needed.isEmpty else { return nil }
        return "a netns test bed needs root (\(needed.map(\.1).joined(separator: " and ")) to create network namespaces and veth pairs); run conform as root, e.g. with sudo"
    }

    /// The `CapEff` mask of the status file; 0 when it cannot be read.
    static func effectiveCapabilities(statusFile: String) -> UInt64 {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("CapEff:") {
            return UInt64(line.dropFirst("CapEff:".count).trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
        }
        return 0
    }
}
