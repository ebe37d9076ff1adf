import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Tears down every live test bed of this process when it gets SIGINT or SIGTERM, then lets
/// the signal end the process as it would have.
///
/// The signal handler only writes the signal number to a pipe (all a handler may safely do);
/// a dedicated thread reads it, tears the test beds down, restores the default action and
/// raises the signal again. SIGKILL cannot be caught: its leftovers are removed by the next
/// run's sweep or `conform testbed sweep`.
enum SignalTeardown {
    private static let beds = Mutex<[ObjectIdentifier: NetnsBed]>([:])
    private static let pipeEnds: (read: Int32, write: Int32) = {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return (-1, -1) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }()
    private static let installed = Mutex(false)

    /// Tears `bed` down if the process is interrupted before ``unregister(_:)``.
    static func register(_ bed: NetnsBed) {
        installIfNeeded()
        beds.withLock { $0[ObjectIdentifier(bed)] = bed }
    }

    static func unregister(_ bed: NetnsBed) {
        _ = beds.withLock { $0.removeValue(forKey: ObjectIdentifier(bed)) }
    }

    private static func installIfNeeded() {
        let first = installed.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        let ends = pipeEnds
        guard ends.write >= 0 else { return }
        let thread = Thread {
            var signal: UInt8 = 0
            while read(ends.read, &signal, 1) != 1 {}
            let live = beds.withLock { Array($0.values) }
            for bed in live { bed.down() }
            Glibc.signal(Int32(signal), SIG_DFL)
            raise(Int32(signal))
        }
        thread.name = "conform-testbed-signals"
        thread.start()
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(SignalTeardown.pipeEnds.write, &byte, 1)
            }
        }
    }
}
