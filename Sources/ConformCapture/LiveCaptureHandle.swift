import CPcap
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A libpcap handle opened in two phases (gopacket's inactive handle): `pcap_create`, then
/// immediate mode (unless configured off), nanosecond precision, snap length, buffer size and promiscuity, then
/// `pcap_activate`, then inbound direction only and the BPF filter.
///
/// With nanosecond precision the header's `ts.tv_usec` holds nanoseconds (pcap_set_tstamp_precision(3PCAP)).
/// On Linux these are the kernel's software receive stamps on `CLOCK_REALTIME`.
final class LiveCaptureHandle: @unchecked Sendable {
    let pcap: OpaquePointer
    private let closed = Atomic<Bool>(false)

    /// Opens and activates the handle; call inside the interface's namespace.
    init(interface: String, namespace: String?, configuration: LivePortConfiguration) throws(LivePortError) {
        func failure(_ code: LivePortError.Code, _ message: String) -> LivePortError {
            LivePortError(code, interface: interface, namespace: namespace, message)
        }
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let pcap = pcap_create(interface, &errorBuffer) else {
            let text = errorBuffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
            throw failure(.capture, "pcap_create: \(String(decoding: text, as: UTF8.self))")
        }
        // From here a thrown error runs deinit, which closes the handle.
        self.pcap = pcap
        let timeoutMs = Int32(clamping: max(1, configuration.captureTimeout.ns / 1_000_000))
        let settings: [(String, Int32)] = [
            ("pcap_set_immediate_mode", pcap_set_immediate_mode(pcap, configuration.immediateMode ? 1 : 0)),
            ("pcap_set_tstamp_precision", pcap_set_tstamp_precision(pcap, Int32(PCAP_TSTAMP_PRECISION_NANO))),
            ("pcap_set_snaplen", pcap_set_snaplen(pcap, Int32(clamping: configuration.snapLength))),
            ("pcap_set_buffer_size", pcap_set_buffer_size(pcap, Int32(clamping: configuration.bufferSize))),
            ("pcap_set_promisc", pcap_set_promisc(pcap, configuration.promiscuous ? 1 : 0)),
            ("pcap_set_timeout", pcap_set_timeout(pcap, timeoutMs)),
        ]
        if let (call, _) = settings.first(where: { $0.1 != 0 }) {
            throw failure(.capture, "\(call): \(Self.message(pcap))")
        }
        let activated = pcap_activate(pcap)
        // Positive values are warnings (e.g. promiscuous mode unsupported): the handle works.
        guard activated >= 0 else {
            let reason = activated == PCAP_ERROR_NO_SUCH_DEVICE ? "no such interface" : Self.message(pcap)
            throw failure(.capture, "pcap_activate: \(reason)")
        }
        guard pcap_setdirection(pcap, PCAP_D_IN) == 0 else {
            throw failure(.capture, "pcap_setdirection(PCAP_D_IN): \(Self.message(pcap))")
        }
        if let filter = configuration.filter {
            var program = bpf_program()
            guard pcap_compile(pcap, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                    throw failure(.filter, "'\(filter)': \(Self.message(pcap))")
            }
            defer { pcap_freecode(&program) }
            guard pcap_setfilter(pcap, &program) == 0 else {
                    throw failure(.filter, "pcap_setfilter '\(filter)': \(Self.message(pcap))")
            }
        }
    }

    deinit { close() }

    /// Frees the handle; only once no thread uses it any more. Closing twice does nothing.
    func close() {
        if !closed.exchange(true, ordering: .acquiringAndReleasing) { pcap_close(pcap) }
    }

    /// Frames the kernel and the interface dropped so far (`ps_drop + ps_ifdrop`), or nil
    /// when libpcap cannot tell.
    func drops() -> UInt64? {
        var stats = pcap_stat()
        guard pcap_stats(pcap, &stats) == 0 else { return nil }
        return UInt64(stats.ps_drop) + UInt64(stats.ps_ifdrop)
    }

    /// Makes a running `pcap_dispatch` return `PCAP_ERROR_BREAK`; safe from another thread.
    func breakLoop() { pcap_breakloop(pcap) }

    static func message(_ pcap: OpaquePointer) -> String { String(cString: pcap_geterr(pcap)) }
}
