#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ConformTime
import ConformCapture

/// Writes each tester port's frames to `captures/PORT.pcapng` as the run goes: after every
/// case the new frames are appended and fsynced, before the case is journaled.
final class CaptureRecorder {
    private let bundle: String
    private var writers: [String: PcapNGWriter] = [:]
    /// The number of the last frame written, per port.
    private var written: [String: Int] = [:]
    private static let snapLength = 65_535

    /// Creates one capture file per port with its section header and interface description.
    init(bundle: String, ports: [String: TimestampSource], application: String) throws(BundleError) {
        self.bundle = bundle
        let folder = "\(bundle)/\(BundleLayout.captures)"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BundleError(path: folder, message: "cannot create: \(error.localizedDescription)")
        }
        for (port, source) in ports.sorted(by: { $0.key < $1.key }) {
            let path = "\(bundle)/\(BundleLayout.capture(port: port))"
            do {
                let writer = try PcapNGWriter(path: path, application: application)
                _ = try writer.addInterface(name: port, description: "timestamps: \(source.rawValue)", snapLength: Self.snapLength)
                try writer.synchronize()
                writers[port] = writer
                written[port] = 0
            } catch {
                throw BundleError(path: path, message: "cannot write the capture: \(error)")
            }
        }
    }

    /// Continues the capture files of a killed run: each is cut back to `marks` (the state the
    /// last journaled case left), which drops torn blocks and the frames of the unjournaled case.
    init(resuming bundle: String, marks: [String: CaptureMark]) throws(BundleError) {
        self.bundle = bundle
        for (port, mark) in marks.sorted(by: { $0.key < $1.key }) {
            let path = "\(bundle)/\(BundleLayout.capture(port: port))"
            try PcapNGBlocks.cut(path, to: mark.size)
            do {
                writers[port] = try PcapNGWriter(appendingTo: path, snapLengths: [Self.snapLength])
            } catch {
                throw BundleError(path: path, message: "cannot reopen the capture: \(error)")
            }
            written[port] = mark.frames
        }
    }

    /// Appends the frames each port saw since the last call, makes them durable, and returns
    /// where each file now stands.
    func record(_ ports: [String: any ConformCapture.Port]) throws(BundleError) -> [String: CaptureMark] {
        var marks: [String: CaptureMark] = [:]
        for (name, writer) in writers.sorted(by: { $0.key < $1.key }) {
            let last = written[name] ?? 0
            let frames = ports[name]?.frames(after: last) ?? []
            do {
                try writer.write(contentsOf: frames, interface: 0)
                try writer.synchronize()
            } catch {
                throw BundleError(path: "\(bundle)/\(BundleLayout.capture(port: name))", message: "cannot append frames: \(error)")
            }
            written[name] = frames.last?.number ?? last
            marks[name] = CaptureMark(size: writer.position, frames: written[name] ?? 0)
        }
        return marks
    }

    /// Writes the last frames and each port's statistics (`isb_ifdrop`), and closes the files.
    func finish(_ ports: [String: any ConformCapture.Port], endNs: Int64) throws(BundleError) {
        _ = try record(ports)
        for (name, writer) in writers.sorted(by: { $0.key < $1.key }) {
            do {
                try writer.writeStatistics(interface: 0, dropped: ports[name]?.dropCount ?? 0, timestampNs: max(0, endNs))
                try writer.close()
            } catch {
                throw BundleError(path: "\(bundle)/\(BundleLayout.capture(port: name))", message: "cannot finish the capture: \(error)")
            }
        }
    }
}

/// Walks pcapng blocks (§3.1: type, total length, body, total length again) to cut a file back.
enum PcapNGBlocks {
    /// Cuts `path` to `size` bytes after checking that its first `size` bytes are whole blocks.
    static func cut(_ path: String, to size: Int) throws(BundleError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BundleError(path: path, message: "the capture of the unfinished run is missing")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= size else {
            throw BundleError(path: path, message: "is \(bytes.count) bytes, shorter than the \(size) the journal records")
        }
        var offset = 0
        while offset < size {
            guard offset + 12 <= size else { break }
            let length = Int(littleEndian32(bytes, offset + 4))
            guard length >= 12, length % 4 == 0, offset + length <= size,
                  Int(littleEndian32(bytes, offset + length - 4)) == length else { break }
            offset += length
        }
        guard offset == size else {
            throw BundleError(path: path, message: "the first \(size) bytes are not whole pcapng blocks (stopped at \(offset))")
        }
        guard truncate(path, off_t(size)) == 0 else {
            throw BundleError(path: path, message: "cannot cut torn blocks: \(String(cString: strerror(errno)))")
        }
    }

    private static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) }
    }
}
