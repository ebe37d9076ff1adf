import ConformWire

/// The suite loader's view of ConformWire: which fields, layers and helper functions exist.
///
/// Every check against the codecs goes through here, so the loader and the builder agree on
/// names by construction.
enum FieldCatalog {
    /// Pseudo-fields an `expect` may save besides real fields.
    static let frameSources = ["frame.time", "frame.number"]

    static var layerNames: [String] { FrameBuilder.layerNames }

    /// The full abbrevs a template may set in a layer; empty for an unknown layer.
    static func settableFields(of layer: String) -> [String] { FrameBuilder.settableFields(of: layer) ?? [] }

    static func descriptor(_ abbrev: String) -> FieldDescriptor? { FieldRegistry.descriptor(for: abbrev) }

    /// A field name, or an `unknown-field` diagnostic with the nearest registered name.
    static func check(field abbrev: String, at location: SourceLocation, _ reader: inout NodeReader) -> FieldDescriptor? {
        if let descriptor = descriptor(abbrev) { return descriptor }
        reader.error("unknown-field", at: location, "unknown field '\(abbrev)'",
                     hint: FieldRegistry.suggestion(for: abbrev).map { "did you mean '\($0)'?" })
        return nil
    }

    /// A layer name, or an `unknown-layer` diagnostic with the nearest known layer.
    static func check(layer: String, at location: SourceLocation, _ reader: inout NodeReader) -> Bool {
        guard FrameBuilder.settableFields(of: layer) != nil else {
            reader.error("unknown-layer", at: location, "unknown layer '\(layer)'",
                         hint: DiagnosticLog.didYouMean(layer, among: layerNames) ?? "layers: \(layerNames.joined(separator: ", "))")
            return false
        }
        return true
    }

    /// A field a template sets in a layer: known, and settable there.
    static func check(field abbrev: String, inLayer layer: String, at location: SourceLocation, _ reader: inout NodeReader) -> FieldDescriptor? {
        guard let descriptor = check(field: abbrev, at: location, &reader) else { return nil }
        let settable = FrameBuilder.settableFields(of: layer) ?? []
        guard settable.contains(abbrev) else {
            reader.error("field-not-settable", at: location, "field '\(abbrev)' cannot be set in layer '\(layer)'",
                         hint: DiagnosticLog.didYouMean(abbrev, among: settable))
            return nil
        }
        return descriptor
    }

    /// A literal value must parse as the field's type; values with `{{ }}` are checked at run time.
    static func check(value: Interpolated, for descriptor: FieldDescriptor, _ reader: inout NodeReader) {
        guard let text = value.literalText, FieldRegistry.parse(text, as: descriptor) == nil else { return }
        reader.error("bad-value", at: value.location, "'\(text)' is not a valid value for \(descriptor.abbrev) (\(descriptor.type.rawValue))")
    }

    /// The number of arguments a Wire helper takes, or nil when there is none by that name.
    static func arity(ofFunction name: String) -> Int? { WireFunctions.named(name)?.arity }

    static func suggestFunction(_ name: String) -> String? {
        DiagnosticLog.didYouMean(name, among: WireFunctions.all.map(\.name))
    }
}
