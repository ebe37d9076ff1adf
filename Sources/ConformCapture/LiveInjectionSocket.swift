import CLinuxNet
import ConformTime
#if canImport(Glibc)
import Glibc
#endif

/// An AF_PACKET raw socket bound to one interface that sends whole Ethernet frames and reads
/// back each frame's kernel transmit timestamp.
///
/// `SO_TIMESTAMPING` with `TX_SOFTWARE | SOFTWARE | OPT_TSONLY | OPT_ID` makes the kernel
/// queue, for every frame the driver hands on, a record on the socket's error queue holding
/// the stamp and the frame's sequence number (Documentation/networking/timestamping.rst
/// §1.3.1–1.3.3). The socket is opened with protocol 0, so it receives no frames itself.
///
/// Used by one thread at a time (the port's caller); the handle may be opened in another
/// namespace than the thread that uses it.
final class LiveInjectionSocket: @unchecked Sendable {
    let descriptor: Int32
    private let interface: String
    private let namespace: String?
    /// The kernel's OPT_ID counter: the id the next sent frame will get.
    private var nextID: UInt32 = 0

    /// Opens and binds the socket; call inside the interface's namespace.
    init(interface: String, namespace: String?) throws(LivePortError) {
        self.interface = interface
        self.namespace = namespace
        let index = if_nametoindex(interface)
        guard index != 0 else {
            throw LivePortError(.socket, interface: interface, namespace: namespace,
                                "no such interface (\(Self.lastError()))")
        }
        let fd = socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw LivePortError(.socket, interface: interface, namespace: namespace,
                                "socket(AF_PACKET, SOCK_RAW): \(Self.lastError())")
        }
        // From here a thrown error runs deinit, which closes the socket.
        descriptor = fd
        var address = sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_ifindex = Int32(index)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_ll>.size))
            }
        }
        guard bound == 0 else {
            let reason = Self.lastError()
            throw LivePortError(.socket, interface: interface, namespace: namespace, "bind: \(reason)")
        }
        var flags = UInt32(SOF_TIMESTAMPING_TX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE
            | SOF_TIMESTAMPING_OPT_TSONLY | SOF_TIMESTAMPING_OPT_ID)
        guard setsockopt(fd, SOL_SOCKET, clinuxnet_so_timestamping, &flags, socklen_t(MemoryLayout<UInt32>.size)) == 0 else {
            let reason = Self.lastError()
            throw LivePortError(.timestamping, interface: interface, namespace: namespace,
                                "setsockopt(SO_TIMESTAMPING): \(reason)")
        }
    }

    deinit { close(descriptor) }

    /// Sends one frame and returns its transmit timestamp: the kernel's software stamp, or
    /// a user-space reading taken just before the send (source `.user`) when the kernel gave
    /// none within `timeout`.
    func send(_ bytes: [UInt8], timeout: TimeAmount) throws(LivePortError) -> Timestamp {
        let before = RealClock.realtimeNanoseconds()
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else {
            let reason = sent < 0 ? Self.lastError() : "only \(sent) of \(bytes.count) bytes went out"
            throw LivePortError(.send, interface: interface, namespace: namespace, "send: \(reason)")
        }
        let id = nextID
        nextID &+= 1
        if let stamp = readTransmitTimestamp(id: id, deadline: monotonicNow() + timeout.ns) {
            return Timestamp(ns: stamp, source: .kernelSoftware)
        }
        return Timestamp(ns: before, source: .user)
    }

    /// Reads error-queue records until the one for `id` (older ones are skipped) or until
    /// `deadline` on the monotonic clock.
    private func readTransmitTimestamp(id: UInt32, deadline: Int64) -> Int64? {
        while true {
            switch readErrorQueue() {
            case .stamp(let recordID, let ns) where recordID == id:
                return ns
            case .stamp, .other:
                continue
            case .empty:
                let remaining = deadline - monotonicNow()
                guard remaining > 0 else { return nil }
                var waiting = pollfd(fd: descriptor, events: 0, revents: 0)
                // POLLERR is always reported: it means the error queue has a record.
                _ = poll(&waiting, 1, Int32(min((remaining + 999_999) / 1_000_000, 1_000)))
            }
        }
    }

    private enum ErrorQueueRecord {
        case stamp(id: UInt32, ns: Int64)
        case other
        case empty
    }

    private func readErrorQueue() -> ErrorQueueRecord {
        let controlLength = clinuxnet_cmsg_space(MemoryLayout<scm_timestamping>.size)
            + clinuxnet_cmsg_space(MemoryLayout<sock_extended_err>.size + MemoryLayout<sockaddr_ll>.size)
        var control = [UInt8](repeating: 0, count: controlLength)
        return control.withUnsafeMutableBytes { buffer -> ErrorQueueRecord in
            var message = msghdr()
            message.msg_control = buffer.baseAddress
            message.msg_controllen = buffer.count
            let received = recvmsg(descriptor, &message, Int32(MSG_ERRQUEUE) | Int32(MSG_DONTWAIT))
            guard received >= 0 else { return .empty }
            var stamp: Int64?
            var id: UInt32?
            var cursor = clinuxnet_cmsg_firsthdr(&message)
            while let header = cursor {
                let data = UnsafeRawPointer(clinuxnet_cmsg_data(header))
                if header.pointee.cmsg_level == SOL_SOCKET, header.pointee.cmsg_type == clinuxnet_so_timestamping,
                   let data {
                    // scm_timestamping.ts[0] is the software stamp.
                    let time = data.loadUnaligned(as: timespec.self)
                    stamp = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
                } else if header.pointee.cmsg_level == SOL_PACKET, header.pointee.cmsg_type == PACKET_TX_TIMESTAMP,
                          let data {
                    let error = data.loadUnaligned(as: sock_extended_err.self)
                    if error.ee_errno == UInt32(ENOMSG), error.ee_origin == UInt8(SO_EE_ORIGIN_TIMESTAMPING) {
                        id = error.ee_data
                    }
                }
                cursor = clinuxnet_cmsg_nxthdr(&message, header)
            }
            guard let stamp, let id else { return .other }
            return .stamp(id: id, ns: stamp)
        }
    }

    private func monotonicNow() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
