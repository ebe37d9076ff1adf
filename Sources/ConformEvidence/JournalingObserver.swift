import Foundation
import ConformTime
import ConformSuite
import ConformRunner

/// Journals each case as it finishes (frames first, then the journal line) and passes every
/// event on to the display.
final class JournalingObserver: RunObserver {
    private let recorder: CaptureRecorder
    private let journal: RunJournal
    private let testbed: any TestbedSession
    private let forward: (any RunObserver)?
    private let kept: Set<String>
    private let pace: TimeAmount
    private(set) var entries: [JournalEntry] = []
    /// The first journaling failure; the run ends with it.
    private(set) var failure: BundleError?

    init(recorder: CaptureRecorder, journal: RunJournal, testbed: any TestbedSession,
         forward: (any RunObserver)?, kept: Set<String>, pace: TimeAmount) {
        self.recorder = recorder
        self.journal = journal
        self.testbed = testbed
        self.forward = forward
        self.kept = kept
        self.pace = pace
    }

    func caseStarted(suite: Suite, testCase: TestCase, index: Int, of total: Int) {
        forward?.caseStarted(suite: suite, testCase: testCase, index: index, of: total)
    }

    func caseFinished(_ record: CaseRecord, testCase: TestCase) {
        if !kept.contains("\(record.suite)/\(record.id)"), failure == nil {
            do {
                let entry = JournalEntry(record: record, captures: try recorder.record(testbed.ports), clockNs: testbed.clock.now().ns)
                try journal.append(entry)
                entries.append(entry)
            } catch {
                failure = error
            }
            if pace.ns > 0 { Thread.sleep(forTimeInterval: Double(pace.ns) / 1e9) }
        }
        forward?.caseFinished(record, testCase: testCase)
    }
}
