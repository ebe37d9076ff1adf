/// The built-in simulators, by name: what `sim:NAME[+FAULT]` targets and `conform mutate
/// --sim NAME` resolve against.
public enum SimulatorCatalog {
    /// Every built-in simulator, in name order.
    public static let all: [SimulatorDescriptor] = [GPTPSystem.bridge, GPTPSystem.endStation, IPv6Host.descriptor, TSNBridge.descriptor]

    /// The simulator called `name` (`ipv6-host`), if there is one.
    public static func named(_ name: String) -> SimulatorDescriptor? {
        all.first { $0.name == name }
    }
}
