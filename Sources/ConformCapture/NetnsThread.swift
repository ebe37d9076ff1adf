import CLinuxNet
import Dispatch
import Foundation
import Synchronization

/// Runs work inside a named network namespace on a throw-away thread.
///
/// `setns(2)` changes only the calling thread, and any thread it later creates inherits the
/// namespace, so it must never run on a thread that Dispatch or Swift concurrency can reuse.
/// Sockets and pcap handles opened inside keep their namespace and can then be used from any
/// thread. The thread exits as soon as the work returns.
enum NetnsThread {
    /// Where `ip netns add` puts a namespace's handle.
    static let namespaceDirectory = "/var/run/netns"

    /// Runs `body` inside `namespace` and returns its result; with a nil namespace, runs it
    /// on the calling thread.
    static func run<Result: Sendable>(
        in namespace: String?, interface: String,
        _ body: @escaping @Sendable () throws(LivePortError) -> Result
    ) throws(LivePortError) -> Result {
        guard let namespace else { return try body() }
        guard !namespace.isEmpty, !namespace.contains("/"), namespace != ".", namespace != ".." else {
            throw LivePortError(.namespace, interface: interface, namespace: namespace,
                                "'\(namespace)' is not a namespace name")
        }
        let path = "\(namespaceDirectory)/\(namespace)"
        let outcome = Mutex<Swift.Result<Result, LivePortError>>(
            .failure(LivePortError(.namespace, interface: interface, namespace: namespace,
                                   "the namespace thread ended without a result")))
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let entered = clinuxnet_enter_netns(path)
            let result: Swift.Result<Result, LivePortError>
            if entered != 0 {
                result = .failure(LivePortError(.namespace, interface: interface, namespace: namespace,
                                                "cannot enter \(path): \(String(cString: strerror(entered)))"))
            } else {
                do throws(LivePortError) { result = .success(try body()) } catch { result = .failure(error) }
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.name = "conform-netns-\(namespace)"
        thread.start()
        done.wait()
        return try outcome.withLock { $0 }.get()
    }
}
