#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ConformTime

/// `environment.json`: the tool, the operating system and kernel, and each port's timestamp source.
enum EnvironmentInfo {
    /// A NUL-terminated `utsname` field as text.
    private static func text<Field>(_ field: Field) -> String {
        withUnsafeBytes(of: field) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }

    static func object(toolVersion: String, clock: TimestampSource, ports: [String: TimestampSource]) -> [String: Any] {
        var name = utsname()
        uname(&name)
        var object: [String: Any] = [
            "tool": ["name": "conform", "version": toolVersion],
            "kernel": ["name": text(name.sysname), "release": text(name.release), "machine": text(name.machine)],
            "clock": clock.rawValue,
            "ports": ports.mapValues { ["timestamps": $0.rawValue] },
        ]
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            object["os"] = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return object
    }
}
