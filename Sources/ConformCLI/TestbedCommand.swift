import ConformRunner
import ConformSuite
import ConformTestbed
#if canImport(Glibc)
import Glibc
#endif

/// `conform testbed up|down|sweep [TARGET|TOKEN]`: build a target's netns test bed and keep
/// it until Ctrl-C, tear one down, or remove what killed runs left behind.
enum TestbedCommand {
    static let command = Conform.Command(
        name: "testbed",
        synopsis: "conform testbed up TARGET | conform testbed down TOKEN | conform testbed sweep | conform testbed list",
        abstract: "Network-namespace test beds: 'up' builds a target's test bed and keeps it until Ctrl-C; 'down' tears down the test bed of a run token; 'sweep' removes leftovers of killed runs (never a test bed a live run holds); 'list' shows every test bed here.",
        options: [],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        let words = arguments.positionals
        switch (words.first, words.count) {
        case ("up"?, 2): return up(words[1], console)
        case ("down"?, 2): return down(words[1], console)
        case ("sweep"?, 1): return sweep(console)
        case ("list"?, 1): return list(console)
        default:
            console.error("conform testbed: expected 'up TARGET', 'down TOKEN', 'sweep' or 'list'\nusage: \(command.synopsis)")
            return ExitStatus.usage
        }
    }

    private static func up(_ argument: String, _ console: Console) -> Int32 {
        let target: Target
        do {
            target = try TargetResolver.resolve(argument)
        } catch {
            for diagnostic in error.diagnostics { console.error(diagnostic.description) }
            return ExitStatus.usage
        }
        guard case .netns(let spec) = target.testbed else {
            console.error("conform testbed: target '\(target.id)' does not use a netns test bed; nothing to build")
            return ExitStatus.usage
        }
        let bed: NetnsBed
        do {
            bed = try NetnsBed.up(NetnsTestbed.description(of: spec, target: target))
        } catch {
            console.error("conform testbed: \(error)")
            return error.code == .command || error.code == .device ? ExitStatus.problem : ExitStatus.usage
        }
        for note in bed.notes { console.out(note) }
        console.out("test bed \(bed.token) is up for \(target.id)")
        console.out("  device namespace: \(bed.deviceNamespace)  (ip netns exec \(bed.deviceNamespace) ...)")
        for link in bed.description.links {
            console.out("  port \(link.port): \(bed.testerInterfaces[link.port] ?? "?") in \(bed.testerNamespace) <-> \(link.deviceInterface)")
        }
        console.out("  logs: \(bed.logDirectory)")
        console.out("Ctrl-C (or conform testbed down \(bed.token)) tears it down.")
        while true { pause() }
    }

    private static func down(_ word: String, _ console: Console) -> Int32 {
        guard let token = RunToken(word) else {
            console.error("conform testbed down: '\(word)' is not a run token (cf + 6 characters; see conform testbed list)")
            return ExitStatus.usage
        }
        let lockPath = TestbedLock.path(for: token, in: NetnsBed.defaultStateDirectory)
        if TestbedLock.isHeld(lockPath) {
            guard let pid = TestbedLock.holder(lockPath), kill(pid, SIGTERM) == 0 else {
                console.error("conform testbed down: \(token) is held by a live run that could not be signalled")
                return ExitStatus.problem
            }
            console.out("asked the run holding \(token) (pid \(pid)) to tear its test bed down")
            return ExitStatus.success
        }
        let removed = LeftoverSweeper.sweep(only: token)
        guard !removed.isEmpty else {
            console.out("no test bed \(token) here")
            return ExitStatus.success
        }
        report(removed, console)
        return ExitStatus.success
    }

    private static func sweep(_ console: Console) -> Int32 {
        if let missing = Privileges.missing() {
            console.error("conform testbed sweep: \(missing)")
            return ExitStatus.usage
        }
        let removed = LeftoverSweeper.sweep()
        if removed.isEmpty { console.out("no leftovers") }
        report(removed, console)
        let live = LeftoverSweeper.inventory().filter(\.held)
        for entry in live { console.out("kept \(entry.token): its run is alive") }
        return ExitStatus.success
    }

    private static func list(_ console: Console) -> Int32 {
        let entries = LeftoverSweeper.inventory()
        if entries.isEmpty { console.out("no test beds") }
        for entry in entries { console.out("\(entry.token)  \(entry.held ? "in use" : "leftover (conform testbed sweep removes it)")") }
        return ExitStatus.success
    }

    private static func report(_ removals: [LeftoverSweeper.Removal], _ console: Console) {
        for removal in removals {
            console.out("removed \(removal.token): \(removal.removed.isEmpty ? "nothing left" : removal.removed.joined(separator: ", "))")
        }
    }
}
