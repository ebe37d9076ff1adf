import ConformWire

/// The `conform` command line: parses arguments and calls the library. Nothing else.
public enum Conform {
    /// The tool's version, written into every bundle.
    public static let version = "0.1.0"

    struct Command: Sendable {
        let name: String
        let synopsis: String
        let abstract: String
        let options: [OptionSpec]
        let run: @Sendable (ParsedArguments, Console) -> Int32
    }

    static let commands: [Command] = [
        RunCommand.command, ListCommand.command, LintCommand.command, SchemaCommand.command,
        VerifyCommand.command, KeygenCommand.command, AmendCommand.command, MutateCommand.command,
        TestbedCommand.command, StatsCommand.command,
    ]

    /// Runs the command line `arguments` (the first is the program name) and returns the exit status.
    public static func main(_ arguments: [String], console: Console = .standard()) -> Int32 {
        let rest = Array(arguments.dropFirst())
        guard let first = rest.first else {
            console.error(usage())
            return ExitStatus.usage
        }
        switch first {
        case "--help", "-h", "help":
            if rest.count > 1, let command = commands.first(where: { $0.name == rest[1] }) {
                console.out(help(for: command))
            } else {
                console.out(usage())
            }
            return ExitStatus.success
        case "--version":
            console.out("conform \(version)")
            return ExitStatus.success
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            let hint = NameSuggester.nearest(to: first, among: commands.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            console.error("conform: unknown command '\(first)'\(hint)\n\n\(usage())")
            return ExitStatus.usage
        }
        let arguments = Array(rest.dropFirst())
        if arguments.contains("--help") || arguments.contains("-h") {
            console.out(help(for: command))
            return ExitStatus.success
        }
        do {
            let parsed = try ArgumentParser.parse(arguments, options: command.options)
            return command.run(parsed, console)
        } catch {
            console.error("conform \(command.name): \(error)\nusage: \(command.synopsis)\nsee: conform \(command.name) --help")
            return ExitStatus.usage
        }
    }

    static func usage() -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        let list = commands.map { "  " + $0.name + String(repeating: " ", count: width - $0.name.count) + $0.abstract }
        return """
        conform \(version): conformance tests for networked devices

        usage: conform COMMAND [OPTIONS]

        commands:
        \(list.joined(separator: "\n"))

        conform COMMAND --help shows a command's options; conform --version prints the version.
        exit status: 0 success, 1 a case failed or was inconclusive or errored, 2 usage/suite/target error
        or no case selected (nothing run), 3 internal error.
        """
    }

    static func help(for command: Command) -> String {
        var text = "usage: \(command.synopsis)\n\n\(command.abstract)\n"
        if !command.options.isEmpty { text += "\noptions:\n" + ArgumentParser.help(for: command.options) + "\n" }
        return text
    }
}
