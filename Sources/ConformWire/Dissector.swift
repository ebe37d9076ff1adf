/// Decodes frames into field occurrences, as tshark would show them.
public enum Dissector {
    /// Decodes an Ethernet frame. Never traps and never loops on any bytes: every read is
    /// bounds-checked, and every loop advances by at least one byte.
    public static func dissect(_ bytes: [UInt8]) -> Dissection {
        var recorder = DissectionRecorder(bytes)
        recorder.add(FrameFields.length, .uint(UInt64(bytes.count)), offset: 0, length: 0)
        recorder.add(FrameFields.protocols, .string(""), offset: 0, length: 0)
        Ethernet.dissect(&recorder)
        recorder.dissection.fields[1] = protocols(of: recorder.dissection)
        return recorder.dissection
    }

    /// Decodes an Ethernet frame read from a capture file, with the frame-level fields of
    /// its record first: `frame.time_epoch`, `frame.number`, `frame.len` (the length on
    /// the wire), `frame.cap_len` and `frame.protocols`, in Wireshark's order.
    /// - Parameter linkTypeEthernet: false for a frame of another link type, which gets
    ///   only its frame-level fields.
    public static func dissect(_ bytes: [UInt8], frame: FrameInfo, linkTypeEthernet: Bool = true) -> Dissection {
        var dissection = Dissection()
        dissection.fields.reserveCapacity(64)
        dissect(bytes, frame: frame, linkTypeEthernet: linkTypeEthernet, into: &dissection)
        return dissection
    }

    /// As ``dissect(_:frame:linkTypeEthernet:)``, replacing the contents of `dissection`
    /// and reusing its storage: a loop over a capture decodes without allocating arrays
    /// per frame.
    public static func dissect(_ bytes: [UInt8], frame: FrameInfo, linkTypeEthernet: Bool = true,
                               into dissection: inout Dissection) {
        var recorder = DissectionRecorder(bytes, cutByCapture: frame.originalLength > bytes.count)
        // The recorder takes the storage (so it stays uniquely referenced) and gives it back.
        swap(&recorder.dissection, &dissection)
        recorder.dissection.layers.removeAll(keepingCapacity: true)
        recorder.dissection.fields.removeAll(keepingCapacity: true)
        recorder.dissection.expert.removeAll(keepingCapacity: true)
        recorder.add(FrameFields.timeEpoch, .string(frame.epochText), offset: 0, length: 0)
        recorder.add(FrameFields.number, .uint(UInt64(max(0, frame.number))), offset: 0, length: 0)
        recorder.add(FrameFields.length, .uint(UInt64(max(0, frame.originalLength))), offset: 0, length: 0)
        recorder.add(FrameFields.capturedLength, .uint(UInt64(bytes.count)), offset: 0, length: 0)
        // A place for frame.protocols, filled in once the layers are known.
        recorder.add(FrameFields.protocols, .string(""), offset: 0, length: 0)
        if linkTypeEthernet { Ethernet.dissect(&recorder) }
        recorder.dissection.fields[4] = protocols(of: recorder.dissection)
        swap(&recorder.dissection, &dissection)
    }

    /// `frame.protocols`: the layer names joined by colons.
    private static func protocols(of dissection: Dissection) -> FieldOccurrence {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for (index, layer) in dissection.layers.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ":")) }
            text.append(contentsOf: layer.utf8)
        }
        return FieldOccurrence(FrameFields.protocols, value: .string(String(decoding: text, as: UTF8.self)), offset: 0, length: 0)
    }
}
