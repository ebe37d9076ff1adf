/// One occurrence of a field in a decoded frame, with the bytes it came from.
public struct FieldOccurrence: Sendable, Hashable {
    public let abbrev: String
    public let value: FieldValue
    /// Byte offset of the field in the frame.
    public let offset: Int
    /// Length of the field in bytes (for bit fields, of the containing integer).
    public let length: Int
    /// The ``FieldDescriptor/serial`` of the descriptor that made it, or -1. Not part of equality.
    let descriptorSerial: Int

    public init(abbrev: String, value: FieldValue, offset: Int, length: Int) {
        self.init(abbrev: abbrev, value: value, offset: offset, length: length, descriptorSerial: -1)
    }

    init(_ descriptor: FieldDescriptor, value: FieldValue, offset: Int, length: Int) {
        self.init(abbrev: descriptor.abbrev, value: value, offset: offset, length: length, descriptorSerial: descriptor.serial)
    }

    init(abbrev: String, value: FieldValue, offset: Int, length: Int, descriptorSerial: Int) {
        self.abbrev = abbrev
        self.value = value
        self.offset = offset
        self.length = length
        self.descriptorSerial = descriptorSerial
    }

    /// The same occurrence with another value.
    func replacingValue(_ value: FieldValue) -> FieldOccurrence {
        FieldOccurrence(abbrev: abbrev, value: value, offset: offset, length: length, descriptorSerial: descriptorSerial)
    }

    public static func == (lhs: FieldOccurrence, rhs: FieldOccurrence) -> Bool {
        lhs.abbrev == rhs.abbrev && lhs.value == rhs.value && lhs.offset == rhs.offset && lhs.length == rhs.length
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(abbrev)
        hasher.combine(value)
        hasher.combine(offset)
        hasher.combine(length)
    }
}

/// A finding about a frame that is not a field: malformed, truncated, bad checksum.
///
/// As Wireshark's expert info, a problem is recorded with its place and decoding goes on
/// where it can; a decoder never throws on hostile bytes.
public struct ExpertItem: Sendable, Hashable {
    public enum Group: String, Sendable { case malformed, checksum, `protocol`, sequence }
    public enum Severity: String, Sendable { case note, warning, error }

    public let abbrev: String
    public let group: Group
    public let severity: Severity
    public let message: String
    public let offset: Int

    public init(abbrev: String, group: Group, severity: Severity, message: String, offset: Int) {
        self.abbrev = abbrev
        self.group = group
        self.severity = severity
        self.message = message
        self.offset = offset
    }
}

/// Everything decoded from one frame: the layer stack, every field occurrence in frame
/// order, and expert items.
public struct Dissection: Sendable, Hashable {
    /// Layer names outermost first, as in Wireshark's `frame.protocols` (`eth:ethertype:ipv6:icmpv6`).
    public var layers: [String] = []
    public var fields: [FieldOccurrence] = []
    public var expert: [ExpertItem] = []

    public init() {}

    /// Every value of the field, in frame order.
    public func values(_ abbrev: String) -> [FieldValue] {
        fields.compactMap { $0.abbrev == abbrev ? $0.value : nil }
    }

    /// The first value of the field.
    public func first(_ abbrev: String) -> FieldValue? {
        fields.first(where: { $0.abbrev == abbrev })?.value
    }

    /// Whether the frame contains the protocol (`"icmpv6"`), as a display filter would test it.
    public func contains(layer name: String) -> Bool { layers.contains(name) }
}
