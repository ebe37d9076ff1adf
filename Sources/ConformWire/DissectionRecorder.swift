/// The state of one dissection in progress: the frame bytes and the ``Dissection`` being
/// filled. Protocol decoders append to it in frame order and never read outside `bytes`.
struct DissectionRecorder {
    let bytes: [UInt8]
    /// The capture kept fewer bytes than the frame had on the wire (a snap length), so a
    /// packet longer than the bytes left was cut by the capture, not by its sender.
    let cutByCapture: Bool
    var dissection = Dissection()

    /// An empty dissection: ``Dissector`` gives it the storage to fill.
    init(_ bytes: [UInt8], cutByCapture: Bool = false) {
        self.bytes = bytes
        self.cutByCapture = cutByCapture
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
        // Through the buffer and the placement, so no header field is copied (a copy
        // retains its names); only the abbrev is taken, into the occurrence.
        fields.withUnsafeBufferPointer { fields in
            for index in fields.indices {
                let placement = fields[index].placement
                guard base + placement.end <= end, let value = placement.read(bytes, base: base) else {
                    complete = false
                    continue
                }
                dissection.fields.append(FieldOccurrence(abbrev: fields[index].descriptor.abbrev, value: value,
                                                         offset: base + placement.offset, length: placement.width,
                                                         descriptorSerial: fields[index].descriptor.serial))
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
