/// The state of one dissection in progress: the frame bytes and the ``Dissection`` being
/// filled. Protocol decoders append to it in frame order and never read outside `bytes`.
struct DissectionRecorder {
    let bytes: [UInt8]
    /// The capture kept fewer bytes than the frame had on the wire (a snap length), so a
    /// packet longer than the bytes left was cut by the capture, not by its sender.
    let cutByCapture: Bool
    var dissection = Dissection()

    init(_ bytes: [UInt8], cutByCapture: Bool = false) {
        self.bytes = bytes
        self.cutByCapture = cutByCapture
        dissection.fields.reserveCapacity(64)
    }

    mutating func layer(_ name: String) {
        dissection.layers.append(name)
    }

    mutating func add(_ descriptor: FieldDescriptor, _ value: FieldValue, offset: Int, length: Int) {
        dissection.fields.append(FieldOccurrence(descriptor, value: value, offset: offset, length: length))
    }

    /// Adds every field of a fixed header that lies within `base..<end`.
    /// - Returns: whether the whole header fitted; if not, a malformed expert item is recorded.
    @discardableResult
    mutating func addHeader(_ fields: [HeaderField], base: Int, end: Int, protocolName: String) -> Bool {
        var complete = true
        // Through the buffer, so no header field is copied (a copy retains its names).
        fields.withUnsafeBufferPointer { fields in
            for index in fields.indices {
                guard base + fields[index].end <= end, let value = fields[index].read(bytes, base: base) else {
                    complete = false
                    continue
                }
                add(fields[index].descriptor, value, offset: base + fields[index].offset, length: fields[index].width)
            }
        }
        if !complete {
            malformed("\(protocolName) header truncated: \(max(0, end - base)) bytes left", offset: base)
        }
        return complete
    }

    /// Records a field that runs to `end` as bytes, as Wireshark's `data.data`.
    mutating func addData(from offset: Int, to end: Int) {
        guard offset < end else { return }
        layer("data")
        add(DataLayer.data, .bytes(Array(bytes[offset..<end])), offset: offset, length: end - offset)
        add(DataLayer.length, .int(Int64(end - offset)), offset: offset, length: end - offset)
    }

    mutating func expert(_ abbrev: String, _ group: ExpertItem.Group, _ severity: ExpertItem.Severity,
                         _ message: String, offset: Int) {
        dissection.expert.append(ExpertItem(abbrev: abbrev, group: group, severity: severity,
                                            message: message, offset: offset))
    }

    /// A malformed or truncated structure, as Wireshark's `_ws.malformed`.
    mutating func malformed(_ message: String, offset: Int) {
        expert("_ws.malformed", .malformed, .error, message, offset: offset)
    }
}
