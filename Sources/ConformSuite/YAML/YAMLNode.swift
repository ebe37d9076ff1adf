/// A node of a YAML document as written: nothing is expanded, every node keeps its place.
public struct YAMLNode: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Key/value pairs in document order; keys are unique (duplicates are refused).
        case mapping([YAMLPair])
    }

    public let content: Content
    public let location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value for a scalar key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first(where: { $0.key.text == key })?.value
    }

    /// What the node is, for messages: "a list", "a mapping", "an integer"...
    public var kindName: String {
        switch content {
        case .scalar(let s): return s.value.typeName
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// A mapping entry. Keys are scalars (complex keys are refused when loading).
public struct YAMLPair: Sendable, Hashable {
    public let key: YAMLScalar
    public let keyLocation: SourceLocation
    public let value: YAMLNode

    public init(key: YAMLScalar, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
