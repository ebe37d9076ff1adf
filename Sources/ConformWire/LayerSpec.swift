/// One layer of a frame to build, as a template lists it: a protocol and the fields given
/// for it, keyed by full display-filter name.
///
/// Fields not given take the codec's default or are computed (lengths, checksums, next-header
/// numbers, the Ethernet type); a field given explicitly is written verbatim, never "fixed",
/// so negative tests can send a wrong length or checksum.
///
/// A template's layers stack outermost first: `[eth, ipv6, icmpv6, icmpv6.opt, icmpv6.opt]`.
/// Option layers (`icmpv6.opt`) follow the message they belong to, in wire order. The layer
/// `raw` carries `raw.data` bytes verbatim as the rest of the frame.
public struct LayerSpec: Sendable, Hashable {
    public let layer: String
    public var fields: [(abbrev: String, value: FieldValue)]

    public init(_ layer: String, _ fields: [(abbrev: String, value: FieldValue)] = []) {
        self.layer = layer
        self.fields = fields
    }

    /// The value given for `abbrev`, if any.
    public func value(_ abbrev: String) -> FieldValue? {
        fields.first(where: { $0.abbrev == abbrev })?.value
    }

    public static func == (lhs: LayerSpec, rhs: LayerSpec) -> Bool {
        lhs.layer == rhs.layer && lhs.fields.map(\.abbrev) == rhs.fields.map(\.abbrev)
            && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(layer)
        for field in fields {
            hasher.combine(field.abbrev)
            hasher.combine(field.value)
        }
    }
}
