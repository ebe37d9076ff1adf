import ConformWire

/// One option a command accepts.
struct OptionSpec: Sendable {
    let name: String
    /// The value's placeholder (`TARGET`), or nil for a flag.
    let value: String?
    let repeatable: Bool
    let help: String

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, repeatable: false, help: help)
    }

    static func value(_ name: String, _ placeholder: String, repeatable: Bool = false, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: placeholder, repeatable: repeatable, help: help)
    }
}

/// A command line that does not fit a command's options: exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// The parsed arguments of one command.
struct ParsedArguments {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A small hand-written parser: `--name value`, `--name=value`, flags, positionals, and `--`
/// to end options. An unknown option is an error with a did-you-mean.
enum ArgumentParser {
    static func parse(_ arguments: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let hint = NameSuggester.nearest(to: name, among: options.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
                throw UsageError("unknown option \(name)\(hint)")
            }
            guard let placeholder = spec.value else {
                if inlineValue != nil { throw UsageError("\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("\(name) needs a value (\(placeholder))") }
                value = arguments[index]
                index += 1
            }
            if !spec.repeatable, parsed.values[name] != nil { throw UsageError("\(name) given twice") }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }

    /// The options part of a command's help text.
    static func help(for options: [OptionSpec]) -> String {
        let labels = options.map { spec in spec.value.map { "\(spec.name) \($0)" } ?? spec.name }
        let width = (labels.map(\.count).max() ?? 0) + 2
        return zip(labels, options).map { label, spec in
            "  " + label + String(repeating: " ", count: width - label.count) + spec.help
        }.joined(separator: "\n")
    }
}
