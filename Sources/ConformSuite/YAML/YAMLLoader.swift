import CYAML
import Foundation

/// Reads YAML from untrusted sources over libyaml's event API.
///
/// Nothing is expanded and nothing recurses: anchors, aliases and tags are refused, nesting is
/// bounded by ``maximumDepth`` on an explicit stack, and the size and UTF-8 well-formedness
/// are checked before libyaml sees a byte. Every problem is a ``Diagnostic`` at FILE:LINE:COL.
public enum YAMLLoader {
    /// Files larger than this are refused before parsing (`yaml.too-large`).
    public static let maximumBytes = 4 * 1024 * 1024
    /// Collections nested deeper than this stop the parse (`yaml.too-deep`).
    public static let maximumDepth = 64
    /// A parse stops after this many diagnostics, so hostile input cannot flood the output.
    static let maximumDiagnostics = 100

    /// The outcome of a parse: the document (nil if it could not be built) and every problem.
    public struct Result: Sendable {
        public let root: YAMLNode?
        public let diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Reads and parses a file; the bytes read are returned for hashing.
    public static func load(path: String) -> (result: Result, bytes: [UInt8]) {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        if let size, size > maximumBytes {
            let d = Diagnostic("yaml.too-large", at: start, "file is \(size) bytes; the limit is \(maximumBytes) bytes (4 MiB)")
            return (Result(root: nil, diagnostics: [d]), [])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let d = Diagnostic("file.unreadable", at: start, "cannot read '\(path)'")
            return (Result(root: nil, diagnostics: [d]), [])
        }
        let bytes = [UInt8](data)
        return (parse(bytes, file: path), bytes)
    }

    /// Parses one YAML document from bytes; `file` names it in diagnostics.
    public static func parse(_ bytes: [UInt8], file: String) -> Result {
        if bytes.count > maximumBytes {
            let d = Diagnostic("yaml.too-large", at: SourceLocation(file: file, line: 1, column: 1),
                               "input is \(bytes.count) bytes; the limit is \(maximumBytes) bytes (4 MiB)")
            return Result(root: nil, diagnostics: [d])
        }
        if let bad = firstInvalidUTF8Offset(bytes) {
            let (line, column) = lineAndColumn(of: bad, in: bytes)
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            let d = Diagnostic("yaml.invalid-utf8", at: SourceLocation(file: file, line: line, column: column),
                               "invalid UTF-8: byte 0x\(hex) at offset \(bad)", hint: "save the file as UTF-8")
            return Result(root: nil, diagnostics: [d])
        }
        var builder = YAMLTreeBuilder(file: file)
        bytes.withUnsafeBufferPointer { buffer in builder.run(buffer) }
        return Result(root: builder.root, diagnostics: builder.diagnostics)
    }
}

/// Turns libyaml events into a ``YAMLNode`` tree with an explicit stack.
struct YAMLTreeBuilder {
    private struct Frame {
        let isMapping: Bool
        let location: SourceLocation
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: (key: YAMLScalar, location: SourceLocation)?
        /// The next node is a value to drop (after a refused key).
        var dropNextValue = false
        var awaitingValue = false
        var firstSeen: [String: SourceLocation] = [:]
    }

    let file: String
    private(set) var root: YAMLNode?
    private(set) var diagnostics: [Diagnostic] = []
    private var stack: [Frame] = []
    private var documents = 0
    /// Where the first anchor and alias were reported, and how many followed; a bomb gives
    /// one diagnostic of each kind, not thousands.
    private var repeated: [String: (index: Int, more: Int)] = [:]

    init(file: String) { self.file = file }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private mutating func report(_ d: Diagnostic) { diagnostics.append(d) }

    /// Reports the first of a kind; later ones only count, and become a note on the first.
    private mutating func reportOnce(_ d: Diagnostic) {
        if let first = repeated[d.id] {
            repeated[d.id] = (first.index, first.more + 1)
        } else {
            repeated[d.id] = (diagnostics.count, 0)
            report(d)
        }
    }

    /// Adds the "N more" notes to the first anchor and alias diagnostics.
    private mutating func summariseRepeats() {
        for (id, entry) in repeated where entry.more > 0 {
            let d = diagnostics[entry.index]
            let kind = id == "yaml.alias" ? "aliases" : "anchors"
            diagnostics[entry.index] = Diagnostic(d.id, d.severity, at: d.location, d.message, hint: d.hint,
                                                  notes: d.notes + ["\(entry.more) more \(kind) in this file"])
        }
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        defer { summariseRepeats() }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            report(Diagnostic("yaml.syntax", at: SourceLocation(file: file, line: 1, column: 1), "cannot initialise the YAML parser"))
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var empty: UInt8 = 0
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(&parser, base, buffer.count)
        } else {
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportSyntaxError(parser)
                root = nil
                return
            }
            let keepGoing = handle(event)
            yaml_event_delete(&event)
            guard keepGoing else { return }
            if diagnostics.count >= YAMLLoader.maximumDiagnostics {
                report(Diagnostic("yaml.too-many-problems", at: location(event.end_mark),
                                  "stopped after \(YAMLLoader.maximumDiagnostics) problems"))
                return
            }
        }
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        var message = problem
        var notes: [String] = []
        if let context = parser.context {
            message = "\(String(cString: context)): \(problem)"
            notes.append("\(location(parser.context_mark)): context starts here")
        }
        let hint = problem.contains("tab") || problem.contains("cannot start any token") ? "YAML indentation must use spaces, not tabs" : nil
        report(Diagnostic("yaml.syntax", at: location(parser.problem_mark), message, hint: hint, notes: notes))
    }

    /// Handles one event; false when parsing must stop.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let at = location(event.start_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return false
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                report(Diagnostic("yaml.multiple-documents", at: at, "a file holds exactly one YAML document",
                                  hint: "remove the '---' separator or split the file"))
                return false
            }
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            reportOnce(Diagnostic("yaml.alias", at: at, "alias '*\(name)' refused: aliases are not allowed",
                              hint: "use a template to reuse frames"))
            attach(YAMLNode(.scalar(YAMLScalar(text: "", style: .plain)), at: at))
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            checkAnchorAndTag(anchor: s.anchor, tag: s.tag, at: at)
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(s.length)), as: UTF8.self) } ?? ""
            attach(YAMLNode(.scalar(YAMLScalar(text: text, style: Self.style(s.style))), at: at))
        case YAML_SEQUENCE_START_EVENT:
            checkAnchorAndTag(anchor: event.data.sequence_start.anchor, tag: event.data.sequence_start.tag, at: at)
            return push(isMapping: false, at: at)
        case YAML_MAPPING_START_EVENT:
            checkAnchorAndTag(anchor: event.data.mapping_start.anchor, tag: event.data.mapping_start.tag, at: at)
            return push(isMapping: true, at: at)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return false }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            attach(YAMLNode(content, at: frame.location))
        default:
            break
        }
        return true
    }

    private mutating func push(isMapping: Bool, at: SourceLocation) -> Bool {
        guard stack.count < YAMLLoader.maximumDepth else {
            report(Diagnostic("yaml.too-deep", at: at, "nesting deeper than \(YAMLLoader.maximumDepth) levels"))
            root = nil
            return false
        }
        stack.append(Frame(isMapping: isMapping, location: at))
        return true
    }

    private mutating func checkAnchorAndTag(anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
                                            at: SourceLocation) {
        if let anchor {
            reportOnce(Diagnostic("yaml.anchor", at: at, "anchor '&\(String(cString: anchor))' refused: anchors are not allowed",
                              hint: "use a template to reuse frames"))
        }
        if let tag {
            report(Diagnostic("yaml.tag", at: at, "tag '\(String(cString: tag))' refused: tags are not allowed"))
        }
    }

    private mutating func attach(_ node: YAMLNode) {
        guard var frame = stack.popLast() else {
            root = node
            return
        }
        defer { stack.append(frame) }
        guard frame.isMapping else {
            frame.items.append(node)
            return
        }
        if frame.awaitingValue {
            frame.awaitingValue = false
            if frame.dropNextValue {
                frame.dropNextValue = false
            } else if let key = frame.pendingKey {
                frame.pairs.append(YAMLPair(key: key.key, keyLocation: key.location, value: node))
            }
            frame.pendingKey = nil
            return
        }
        frame.awaitingValue = true
        guard let key = node.scalar else {
            report(Diagnostic("yaml.complex-key", at: node.location, "mapping keys must be scalars"))
            frame.dropNextValue = true
            return
        }
        if let first = frame.firstSeen[key.text] {
            report(Diagnostic("yaml.duplicate-key", at: node.location, "duplicate key '\(key.text)'",
                              notes: ["\(first): first defined here"]))
            frame.dropNextValue = true
            return
        }
        frame.firstSeen[key.text] = node.location
        frame.pendingKey = (key, node.location)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
