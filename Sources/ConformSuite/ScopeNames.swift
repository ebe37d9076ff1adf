/// Names a `{{ }}` reference may start with besides PIXIT, addresses and saved values, shared by
/// the loader's checks and the runner's scope.
public enum ScopeNames {
    /// `request.FIELD` and `request.time`: the frame a handler is answering, in the template it sends.
    public static let request = "request"
    /// The receive timestamp of the frame a handler is answering, in nanoseconds.
    public static let requestTime = [request, "time"]
    /// The transmit timestamp of the tester's last frame in the case (a step's or a handler's), in nanoseconds.
    public static let sentTime = ["sent", "time"]
}
