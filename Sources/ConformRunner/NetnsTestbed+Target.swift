import ConformTime
import ConformSuite
import ConformTestbed
import Foundation

extension NetnsTestbed {
    /// The plain test-bed description of a target's `netns` test bed: links with the
    /// target's MAC addresses (the first link's device end takes `nut.mac`, each tester end
    /// its port's `mac`), sysctls, set-up commands, the device process and every named action.
    public static func description(of spec: NetnsTestbedSpec, target: Target) -> TestbedDescription {
        let links = spec.links.enumerated().map { index, link in
            LinkDescription(port: link.port, deviceInterface: link.interface,
                            deviceMAC: link.mac ?? (index == 0 ? target.addresses["nut"]?["mac"] : nil),
                            testerMAC: target.addresses[link.port]?["mac"])
        }
        let device = spec.device.map { device in
            DeviceProcessDescription(argv: device.argv, healthCheck: device.health.map(command),
                                     readyTimeout: device.readyWithin, stopTimeout: device.stopWithin)
        }
        var actions: [String: ActionDescription] = [:]
        for (name, action) in target.actions {
            actions[name] = action.builtin == "restart-device" ? .restartDevice : .command(command(action))
        }
        let folder = target.file.map { URL(fileURLWithPath: $0.path).deletingLastPathComponent().path }
        return TestbedDescription(links: links, sysctls: spec.sysctls.map { SysctlSetting(key: $0.key, value: $0.value) },
                                  setup: spec.setup.map(command), device: device, actions: actions, workingDirectory: folder)
    }

    /// `capture_grace` when a suite of the run declares it, else the default.
    public static func captureGrace(_ binding: SuiteBinding) -> TimeAmount {
        if case .duration(let grace)? = binding.pixit["capture_grace"] { return grace }
        return defaultCaptureGrace
    }

    private static func command(_ action: TargetAction) -> CommandDescription {
        CommandDescription(argv: action.argv, shell: action.shell)
    }
}
