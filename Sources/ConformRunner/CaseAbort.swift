import ConformSuite

/// Ends a case's steps with a verdict: a failed expectation (`fail`), an unjudgeable one
/// (`inconc`), or a harness problem (`error`: a value that cannot be built, a port that
/// cannot send, a clock that gave up).
struct CaseAbort: Error {
    let verdict: Verdict
    let expected: String
    let observed: String
    let frames: [FrameReference]
    let location: SourceLocation?

    init(_ verdict: Verdict, at location: SourceLocation?, expected: String = "", _ observed: String,
         frames: [FrameReference] = []) {
        self.verdict = verdict
        self.location = location
        self.expected = expected
        self.observed = observed
        self.frames = frames
    }
}
