extension SuiteParser {
    /// A template: a list of one-key layer mappings. A layer's value is a mapping of fields
    /// relative to the layer (`ipv6` + `hlim` → `ipv6.hlim`; a list value repeats the field),
    /// a list of such mappings (one layer each, for options), or a scalar when the layer has a
    /// single field (`raw: "beef"`).
    mutating func template(name: String, _ node: YAMLNode, at location: SourceLocation) -> Template? {
        guard let items = reader.list(node, "template '\(name)'") else { return nil }
        var layers: [TemplateLayer] = []
        for item in items {
            guard let pairs = item.mapping, pairs.count == 1 else {
                reader.error("bad-layer", at: item.location, "a layer of template '\(name)' is a mapping with one key, the layer name",
                             hint: "e.g. '- ipv6: {hlim: 255}'")
                continue
            }
            let layer = pairs[0].key.text
            guard FieldCatalog.check(layer: layer, at: pairs[0].keyLocation, &reader) else { continue }
            let value = pairs[0].value
            switch value.content {
            case .sequence(let entries):
                for entry in entries {
                    if let l = templateLayer(layer, entry, at: entry.location) { layers.append(l) }
                }
            default:
                if let l = templateLayer(layer, value, at: pairs[0].keyLocation) { layers.append(l) }
            }
        }
        return Template(name: name, layers: layers, location: location)
    }

    private mutating func templateLayer(_ layer: String, _ node: YAMLNode, at location: SourceLocation) -> TemplateLayer? {
        let settable = FieldCatalog.settableFields(of: layer)
        switch node.content {
        case .scalar(let scalar) where scalar.value == .null:
            return TemplateLayer(layer: layer, fields: [], location: location)
        case .scalar:
            guard settable.count == 1, let value = templateValue(node, settable[0]) else {
                reader.wrongType(node, "layer '\(layer)'", expected: "a mapping of its fields")
                return nil
            }
            if let descriptor = FieldCatalog.descriptor(settable[0]) { FieldCatalog.check(value: value, for: descriptor, &reader) }
            return TemplateLayer(layer: layer, fields: [TemplateField(abbrev: settable[0], value: value)], location: location)
        case .mapping(let pairs):
            var fields: [TemplateField] = []
            for pair in pairs {
                let abbrev = "\(layer).\(pair.key.text)"
                let descriptor = FieldCatalog.check(field: abbrev, inLayer: layer, at: pair.keyLocation, &reader)
                // A field that repeats within one layer (routing addresses, RDNSS servers) is
                // written as a list and becomes one occurrence per item, in order.
                let items: [YAMLNode]
                if case .sequence(let entries) = pair.value.content { items = entries } else { items = [pair.value] }
                for item in items {
                    guard let value = templateValue(item, abbrev) else { continue }
                    if let descriptor { FieldCatalog.check(value: value, for: descriptor, &reader) }
                    fields.append(TemplateField(abbrev: abbrev, value: value))
                }
            }
            return TemplateLayer(layer: layer, fields: fields, location: location)
        case .sequence:
            reader.wrongType(node, "an entry of layer '\(layer)'", expected: "a mapping of its fields")
            return nil
        }
    }

    /// A template value; single-word names are checked once every case is known.
    private mutating func templateValue(_ node: YAMLNode, _ what: String) -> Interpolated? {
        guard let value = reader.interpolated(node, what) else { return nil }
        for name in scope.check(names: value, locals: nil, &reader) { templateNames.append((name, value.location)) }
        return value
    }
}
