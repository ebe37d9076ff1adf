/// Decodes frames into field occurrences, as tshark would show them.
public enum Dissector {
    /// Decodes an Ethernet frame. Never traps and never loops on any bytes: every read is
    /// bounds-checked, and every loop advances by at least one byte.
    public static func dissect(_ bytes: [UInt8]) -> Dissection {
        var recorder = DissectionRecorder(bytes)
        recorder.add(FrameFields.length, .uint(UInt64(bytes.count)), offset: 0, length: 0)
        Ethernet.dissect(&recorder)
        var dissection = recorder.dissection
        let protocols = FieldOccurrence(abbrev: FrameFields.protocols.abbrev,
                                        value: .string(dissection.layers.joined(separator: ":")), offset: 0, length: 0)
        dissection.fields.insert(protocols, at: 1)
        return dissection
    }
}
