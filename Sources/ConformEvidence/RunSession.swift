import Foundation
import ConformTime
import ConformSuite
import ConformRunner

/// One run and its evidence bundle, from the empty folder to the sealed bundle.
///
/// Starting a run prepares the folder, opens the test bed, writes the capture headers, the
/// suites and `run-in-progress.json`. Running it journals each finished case (frames fsynced
/// to the captures first, then the journal line), then writes run.json, junit.xml, target.json,
/// environment.json, report.html and registry-record.json, and seals the bundle (manifest and
/// signed statement). A killed run is continued by ``init(resuming:suites:target:binding:signer:)``.
public final class RunSession {
    public let bundle: String
    public let settings: RunSettings
    private let suites: [Suite]
    private let target: Target
    private let binding: SuiteBinding
    private let signer: (any Signer)?
    private let testbed: any TestbedSession
    private let recorder: CaptureRecorder
    private let journal: RunJournal
    /// Cases journaled before a resume, in order.
    private let previous: [JournalEntry]

    /// Starts a new run in `bundle`, which must be absent or empty.
    public init(starting bundle: String, settings: RunSettings, suites: [Suite], target: Target, binding: SuiteBinding,
                signer: (any Signer)?) throws(RunSessionError) {
        do {
            try BundleWriter.prepare(bundle)
        } catch {
            throw RunSessionError(.bundle, error.description)
        }
        var settings = settings
        settings.authoriser = signer?.keyID
        let testbed = try Self.openTestbed(target, binding, suites, firstFrameNumbers: [:], logDirectory: "\(bundle)/logs")
        do {
            let recorder = try CaptureRecorder(bundle: bundle, ports: testbed.ports.mapValues(\.timestampSource),
                                               application: "conform \(settings.toolVersion)")
            settings.captureStart = try recorder.record(testbed.ports)
            try BundleWriter.writeSuites(suites, to: bundle)
            try BundleFiles.write(settings.jsonBytes(), bundle, BundleLayout.inProgress)
            self.recorder = recorder
            journal = try RunJournal(bundle: bundle)
        } catch {
            testbed.close()
            throw RunSessionError(error)
        }
        self.bundle = bundle
        self.settings = settings
        self.suites = suites
        self.target = target
        self.binding = binding
        self.signer = signer
        self.testbed = testbed
        previous = []
    }

    /// The settings of the unfinished run in `bundle`.
    public static func pendingSettings(in bundle: String) throws(RunSessionError) -> RunSettings {
        guard BundleFiles.exists(bundle, BundleLayout.inProgress) else {
            let why = BundleFiles.exists(bundle, BundleLayout.manifest) ? "its run finished" : "it has no unfinished run"
            throw RunSessionError(.resume, "\(bundle): nothing to resume: \(why)")
        }
        do {
            return try RunSettings(jsonBytes: BundleFiles.read(bundle, BundleLayout.inProgress))
        } catch {
            throw RunSessionError(.resume, "\(bundle): \(error)")
        }
    }

    /// Continues the killed run in `bundle`: cuts the torn tail of the journal and the captures,
    /// keeps the journaled cases and runs the rest. The suites must be unchanged and the key
    /// the one the run started with.
    public init(resuming bundle: String, suites: [Suite], target: Target, binding: SuiteBinding,
                signer: (any Signer)?) throws(RunSessionError) {
        let settings = try Self.pendingSettings(in: bundle)
        for suite in suites where settings.suiteDigests[suite.id] != RunRecord.digest(of: suite) {
            throw RunSessionError(.resume, "suite \(suite.id) changed since the run started; a resumed run must use the same suites")
        }
        guard Set(suites.map(\.id)) == Set(settings.suiteDigests.keys) else {
            throw RunSessionError(.resume, "the suites differ from those the run started with")
        }
        guard signer?.keyID == settings.authoriser else {
            throw RunSessionError(.resume, settings.authoriser.map { "the run was started signed by key \($0); resume with --sign and that key" }
                                  ?? "the run was started unsigned; resume without --sign")
        }
        let entries: [JournalEntry]
        let recorder: CaptureRecorder
        do {
            entries = try RunJournal.recover(bundle: bundle)
            recorder = try CaptureRecorder(resuming: bundle, marks: entries.last?.captures ?? settings.captureStart)
        } catch {
            throw RunSessionError(.resume, error.description)
        }
        let marks = entries.last?.captures ?? settings.captureStart
        let testbed = try Self.openTestbed(target, binding, suites, firstFrameNumbers: marks.mapValues { $0.frames + 1 },
                                           logDirectory: "\(bundle)/logs")
        // On virtual time, continue the clock where the journal left it, so the captures'
        // timestamps and the cases still to run are exactly those of an uninterrupted run.
        if testbed.clock.source == .virtual, let clockNs = entries.last?.clockNs, clockNs > testbed.clock.now().ns {
            do {
                try testbed.clock.wait(until: clockNs)
            } catch {
                testbed.close()
                throw RunSessionError(.resume, "cannot continue the virtual clock: \(error)")
            }
        }
        do {
            journal = try RunJournal(bundle: bundle)
        } catch {
            testbed.close()
            throw RunSessionError(error)
        }
        self.bundle = bundle
        self.settings = settings
        self.suites = suites
        self.target = target
        self.binding = binding
        self.signer = signer
        self.testbed = testbed
        self.recorder = recorder
        previous = entries
    }

    deinit { testbed.close() }

    /// Cases kept from the journal of the interrupted run.
    public var resumedCases: Int { previous.count }

    /// Runs the cases not yet journaled and writes and seals the bundle.
    /// - Parameters:
    ///   - observer: hears every case, those kept from the journal included.
    ///   - pace: wall-clock pause after each case run (demonstrations and crash tests).
    public func run(observer: (any RunObserver)?, pace: TimeAmount = .zero) throws(RunSessionError) -> RunRecord {
        let journaling = JournalingObserver(recorder: recorder, journal: journal, testbed: testbed, forward: observer,
                                            kept: Set(previous.map(Self.key)), pace: pace)
        let runner = Runner(suites: suites, target: target, binding: binding, testbed: testbed, selection: settings.selection,
                            options: RunOptions(measurementsDirectory: bundle + "/" + BundleLayout.measurements))
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let done = Dictionary(previous.map { (Self.key($0), $0.record) }, uniquingKeysWith: { first, _ in first })
        let records = runner.run(observer: journaling, resuming: done)
        // A live test bed is torn down before sealing, so nothing (the device's last log lines)
        // changes the bundle after its manifest.
        testbed.close()
        let wall = Int64(DispatchTime.now().uptimeNanoseconds - wallStart)
        do throws(BundleError) {
            if let failure = journaling.failure { throw failure }
            try recorder.finish(testbed.ports, endNs: testbed.clock.now().ns)
            let record = RunRecord(runId: settings.runId, seed: settings.seed, toolVersion: settings.toolVersion,
                                   operatorName: settings.operatorName, startedAt: settings.startedAt, finishedAt: Date(),
                                   wallClockNs: wall, clock: testbed.clock.source, suites: suites, target: target,
                                   binding: binding, selection: settings.selection, cases: records,
                                   invocation: settings.invocation, lab: settings.lab, authoriser: signer?.keyID)
            try finish(record, entries: previous + journaling.entries)
            return record
        } catch {
            throw RunSessionError(error)
        }
    }

    private func finish(_ run: RunRecord, entries: [JournalEntry]) throws(BundleError) {
        try BundleWriter.writeResults(run, to: bundle)
        let environment = EnvironmentInfo.object(toolVersion: run.toolVersion, clock: run.clock,
                                                 ports: testbed.ports.mapValues(\.timestampSource))
        try BundleFiles.write(try JSONText.encoded(environment, path: BundleLayout.environment), bundle, BundleLayout.environment)
        if let signer {
            let pem: String
            do {
                pem = try signer.publicKeyPEM()
            } catch {
                throw BundleError(path: BundleLayout.authoriserKey, message: error.description)
            }
            try BundleFiles.write(Array(pem.utf8), bundle, BundleLayout.authoriserKey)
        }
        let facts = ReportFacts(reportID: ReportFacts.reportID(runId: run.runId), lab: run.lab, authoriser: run.authoriser,
                                issuedAt: Date(), caseFrames: caseFrames(entries),
                                deviations: ReportFacts.deviations(of: run, resumedCases: previous.count))
        try BundleFiles.write(Array(HTMLReport.html(for: run, facts: facts).utf8), bundle, BundleLayout.report)
        var digests: [String: String] = [:]
        for path in [BundleLayout.runRecord, BundleLayout.report] + testbed.ports.keys.map(BundleLayout.capture(port:)) {
            digests[path] = SHA256.hex(try BundleFiles.read(bundle, path))
        }
        let registry = RegistryRecord.object(for: run, facts: facts, files: digests)
        try BundleFiles.write(try JSONText.encoded(registry, path: BundleLayout.registryRecord), bundle, BundleLayout.registryRecord)
        try BundleSealer.seal(bundle, scope: .run, extraSubjects: [BundleSealer.firmwareSubject(run.target.identity.firmwareDigest)].compactMap { $0 },
                              predicateType: Statement.runPredicateType, predicate: Self.predicate(run, facts: facts), signer: signer)
        try BundleFiles.remove(bundle, BundleLayout.inProgress)
    }

    /// The statement's predicate: what the run was and what it found.
    static func predicate(_ run: RunRecord, facts: ReportFacts) -> [String: Any] {
        let summary = run.summary
        var target: [String: Any] = ["id": run.target.id]
        target["firmwareDigest"] = run.target.identity.firmwareDigest
        var predicate: [String: Any] = [
            "runId": run.runId,
            "reportId": facts.reportID,
            "tool": ["name": "conform", "version": run.toolVersion],
            "suites": run.suites.map { ["id": $0.id, "version": $0.version, "sha256": RunRecord.digest(of: $0)] },
            "target": target,
            "summary": ["pass": summary.pass, "fail": summary.fail, "inconc": summary.inconc, "error": summary.error,
                        "notSelected": summary.notSelected, "skipped": summary.skipped],
        ]
        predicate["operator"] = run.operatorName
        predicate["lab"] = run.lab
        predicate["authoriser"] = run.authoriser
        return predicate
    }

    /// Frame numbers per case, from where each capture stood before and after the case.
    private func caseFrames(_ entries: [JournalEntry]) -> [String: [FrameSpan]] {
        var before = settings.captureStart
        var spans: [String: [FrameSpan]] = [:]
        for entry in entries {
            for (port, mark) in entry.captures.sorted(by: { $0.key < $1.key }) {
                let first = (before[port]?.frames ?? 0) + 1
                if mark.frames >= first {
                    spans[Self.key(entry), default: []].append(FrameSpan(capture: BundleLayout.capture(port: port), first: first, last: mark.frames))
                }
            }
            before = entry.captures
        }
        return spans
    }

    private static func key(_ entry: JournalEntry) -> String { "\(entry.record.suite)/\(entry.record.id)" }

    private static func openTestbed(_ target: Target, _ binding: SuiteBinding, _ suites: [Suite],
                                    firstFrameNumbers: [String: Int], logDirectory: String) throws(RunSessionError) -> any TestbedSession {
        do {
            return try TestbedFactory.open(for: target, binding: binding, ports: Array(Set(suites.flatMap(\.ports))).sorted(),
                                           firstFrameNumbers: firstFrameNumbers, logDirectory: logDirectory)
        } catch {
            throw RunSessionError(.testbed, "cannot open the test bed: \(error)")
        }
    }
}
