/// The fields a template gives for one layer while that layer is being built: checks that
/// each one is settable, then writes defaults and given values into a fixed header.
///
/// Given values are written after defaults and computed values, and are never adjusted
/// afterwards, so a template can send a wrong length or checksum on purpose.
struct LayerFields {
    let spec: LayerSpec
    let index: Int
    var header: [UInt8]

    /// - Parameter allowed: the abbrevs this layer accepts (for the chosen message type).
    init(_ spec: LayerSpec, at index: Int, length: Int, allowed: [String]) throws(BuildError) {
        self.spec = spec
        self.index = index
        self.header = [UInt8](repeating: 0, count: length)
        for field in spec.fields where !allowed.contains(field.abbrev) {
            throw failure(field.abbrev, "is not settable in layer \(spec.layer)"
                + (NameSuggester.nearest(to: field.abbrev, among: allowed).map { " (did you mean \($0)?)" } ?? ""))
        }
    }

    func isGiven(_ abbrev: String) -> Bool {
        spec.value(abbrev) != nil
    }

    func failure(_ field: String?, _ message: String) -> BuildError {
        BuildError(layerIndex: index, layer: spec.layer, field: field, message: message)
    }

    /// Writes `value` unless the template gives the field.
    mutating func setDefault(_ field: HeaderField, _ value: FieldValue) throws(BuildError) {
        guard !isGiven(field.abbrev) else { return }
        if let problem = field.write(value, into: &header) { throw failure(field.abbrev, problem) }
    }

    /// Writes the protocol number of the next layer into a Next Header field, unless given.
    mutating func setNextHeader(_ field: HeaderField, announcing nextLayer: String?) throws(BuildError) {
        guard !isGiven(field.abbrev) else { return }
        guard let next = IPProtocol.announcing(nextLayer) else {
            throw failure(field.abbrev, "cannot be derived from the next layer \(nextLayer ?? "(none)"); give it explicitly")
        }
        try setDefault(field, .uint(UInt64(next.rawValue)))
    }

    /// Writes every given value of `fields`, in table order (a whole flags word before its bits).
    mutating func applyGiven(_ fields: [HeaderField]) throws(BuildError) {
        for field in fields {
            guard let value = spec.value(field.abbrev) else { continue }
            if let problem = field.write(value, into: &header) { throw failure(field.abbrev, problem) }
        }
    }

    /// The given value of a field, as the field's own case, or nil when not given.
    func given(_ descriptor: FieldDescriptor) throws(BuildError) -> FieldValue? {
        guard let value = spec.value(descriptor.abbrev) else { return nil }
        guard let coerced = FieldRegistry.coerce(value, to: descriptor) else {
            throw failure(descriptor.abbrev, "\(value) is not a valid \(descriptor.type.rawValue) value")
        }
        return coerced
    }

    /// The bytes given for a variable-length bytes field of a layer that has only that field.
    static func bytes(of spec: LayerSpec, at index: Int, field: FieldDescriptor,
                      allowed: [String]) throws(BuildError) -> [UInt8] {
        let fields = try LayerFields(spec, at: index, length: 0, allowed: allowed)
        guard case .bytes(let bytes)? = try fields.given(field) else { return [] }
        return bytes
    }
}
