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
