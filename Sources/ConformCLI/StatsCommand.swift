#if canImport(Glibc)
import Glibc
#endif
import ConformMeasure

/// `conform stats EVENTS.csv`: the statistics of a stream's event log, as JSON.
///
/// The log is read a line at a time, so memory stays bounded however long it is; the same
/// file can be fed to an independent implementation (Tests/independent/test_measure.py).
enum StatsCommand {
    static let command = Conform.Command(
        name: "stats",
        synopsis: "conform stats EVENTS.csv [--link-rate BIT/S] [--exact-limit N]",
        abstract: "Print the statistics (latency, jitter, IPDV, PDV, loss, reordering) of a stream event log as JSON.",
        options: [
            .value("--link-rate", "BIT/S", "apply the store-and-forward correction for this link rate"),
            .value("--exact-limit", "N", "samples up to which percentiles are exact (default 1000000)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) -> Int32 {
        guard arguments.positionals.count == 1 else {
            console.error("conform stats: expected one event log (lines 'tx,SEQ,NS' and 'rx,SEQ,NS,LENGTH')")
            return ExitStatus.usage
        }
        var correction: StoreAndForwardCorrection?
        if let text = arguments.value("--link-rate") {
            guard let rate = Int64(text), rate > 0 else {
                console.error("conform stats: --link-rate takes a positive number of bits per second")
                return ExitStatus.usage
            }
            correction = StoreAndForwardCorrection(bitsPerSecond: rate)
        }
        var exactLimit = 1_000_000
        if let text = arguments.value("--exact-limit") {
            guard let limit = Int(text), limit > 0 else {
                console.error("conform stats: --exact-limit takes a positive integer")
                return ExitStatus.usage
            }
            exactLimit = limit
        }
        let path = arguments.positionals[0]
        guard let file = fopen(path, "r") else {
            console.error("conform stats: cannot open \(path): \(String(cString: strerror(errno)))")
            return ExitStatus.usage
        }
        defer { fclose(file) }
        var analyzer = StreamAnalyzer(correction: correction, exactLimit: exactLimit)
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        var lineNumber = 0
        while getline(&buffer, &capacity, file) > 0, let buffer {
            lineNumber += 1
            let line = String(cString: buffer).trimmingSuffixNewline()
            if line.isEmpty || (lineNumber == 1 && line.hasPrefix("event")) { continue }
            do {
                analyzer.record(try StreamEvent(csvLine: Substring(line), lineNumber: lineNumber))
            } catch {
                console.error("conform stats: \(path): \(error)")
                return ExitStatus.usage
            }
        }
        let statistics = analyzer.statistics(transmitSource: .kernelSoftware, receiveSource: .kernelSoftware)
        var members = statistics.quantities.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value.integer)" }
        members.append("\"exact\": \(statistics.latency?.exact ?? true)")
        console.out("{" + members.joined(separator: ", ") + "}")
        return ExitStatus.success
    }
}

private extension String {
    func trimmingSuffixNewline() -> String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
