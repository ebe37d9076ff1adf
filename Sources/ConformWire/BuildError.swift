/// Why a frame could not be built from a template's layers.
///
/// Carries the position of the offending layer in the template (outermost first, from 0),
/// the layer name, the field when one is to blame, and a message for the suite author.
public struct BuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Index of the layer in the list given to ``FrameBuilder/build(_:)``.
    public let layerIndex: Int
    public let layer: String
    /// The full abbrev of the field at fault, or nil when the layer as a whole is.
    public let field: String?
    public let message: String

    public init(layerIndex: Int, layer: String, field: String?, message: String) {
        self.layerIndex = layerIndex
        self.layer = layer
        self.field = field
        self.message = message
    }

    public var description: String {
        let place = field.map { "layer \(layerIndex) (\(layer)), field \($0)" } ?? "layer \(layerIndex) (\(layer))"
        return "\(place): \(message)"
    }
}
