/// A syntax error in a PICS expression or an interpolation, at a 1-based column of its text.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The diagnostic id it becomes (`suite.pics-syntax`, `suite.unterminated-interpolation`...).
    public let id: String
    public let message: String
    /// 1-based column within the expression text, in characters.
    public let column: Int

    public init(id: String, message: String, column: Int) {
        self.id = id
        self.message = message
        self.column = column
    }

    public var description: String { "column \(column): \(message)" }
}
