/// One event of a stream in an event log: a transmission or a reception.
///
/// The CSV form, one event per line in time order, is `tx,SEQUENCE,NS` or
/// `rx,SEQUENCE,NS,FRAME-LENGTH`; `conform stats` reads it, and an independent
/// implementation can read the same file.
public enum StreamEvent: Sendable, Hashable {
    case transmit(sequence: UInt64, ns: Int64)
    case receive(sequence: UInt64, ns: Int64, frameLength: Int)

    /// Parses one CSV line.
    public init(csvLine line: Substring, lineNumber: Int) throws(StreamEventError) {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 3, let sequence = UInt64(fields[1]), let ns = Int64(fields[2]) else {
            throw StreamEventError(line: lineNumber, "expected 'tx,SEQUENCE,NS' or 'rx,SEQUENCE,NS,LENGTH'")
        }
        switch fields[0] {
        case "tx" where fields.count == 3:
            self = .transmit(sequence: sequence, ns: ns)
        case "rx" where fields.count == 4:
            guard let length = Int(fields[3]), length >= 0 else {
                throw StreamEventError(line: lineNumber, "frame length '\(fields[3])' is not a non-negative integer")
            }
            self = .receive(sequence: sequence, ns: ns, frameLength: length)
        default:
            throw StreamEventError(line: lineNumber, "expected 'tx,SEQUENCE,NS' or 'rx,SEQUENCE,NS,LENGTH'")
        }
    }
}

/// A line of an event log that does not parse.
public struct StreamEventError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

extension StreamAnalyzer {
    /// Feeds one event.
    public mutating func record(_ event: StreamEvent) {
        switch event {
        case .transmit(let sequence, let ns): transmitted(sequence: sequence, at: ns)
        case .receive(let sequence, let ns, let length): received(sequence: sequence, at: ns, frameLength: length)
        }
    }
}
