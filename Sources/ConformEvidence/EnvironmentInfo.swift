#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ConformTime

/// `environment.json`: the tool, the operating system and kernel, and each port's timestamp source.
enum EnvironmentInfo {
    static func object(toolVersion: String, clock: TimestampSource, ports: [String: TimestampSource]) -> [String: Any] {
        var name = utsname()
        uname(&name)
        let field = { (value: Any) -> String in
            withUnsafeBytes(of: value) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        var object: [String: Any] = [
            "tool": ["name": "conform", "version": toolVersion],
            "kernel": ["name": field(name.sysname), "release": field(name.release), "machine": field(name.machine)],
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
