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
        var recorder = DissectionRecorder(bytes, cutByCapture: frame.originalLength > bytes.count)
        recorder.add(FrameFields.timeEpoch, .string(frame.epochText), offset: 0, length: 0)
        recorder.add(FrameFields.number, .uint(UInt64(max(0, frame.number))), offset: 0, length: 0)
        recorder.add(FrameFields.length, .uint(UInt64(max(0, frame.originalLength))), offset: 0, length: 0)
        recorder.add(FrameFields.capturedLength, .uint(UInt64(bytes.count)), offset: 0, length: 0)
        // A place for frame.protocols, filled in once the layers are known.
        recorder.add(FrameFields.protocols, .string(""), offset: 0, length: 0)
        if linkTypeEthernet { Ethernet.dissect(&recorder) }
        recorder.dissection.fields[4] = protocols(of: recorder.dissection)
        return recorder.dissection
    }

    private static func protocols(of dissection: Dissection) -> FieldOccurrence {
        FieldOccurrence(FrameFields.protocols, value: .string(dissection.layers.joined(separator: ":")), offset: 0, length: 0)
    }
}
