import Testing
@testable import ConformTime

@Suite struct VirtualSchedulerTests {
    @Test func eventsRunInDeadlineOrderTiesByInsertion() throws {
        let clock = VirtualScheduler()
        var order: [String] = []
        clock.schedule(at: 30) { order.append("c") }
        clock.schedule(at: 10) { order.append("a1") }
        clock.schedule(at: 10) { order.append("a2") }
        clock.schedule(at: 20) { order.append("b") }
        try clock.wait(until: 100)
        #expect(order == ["a1", "a2", "b", "c"])
        #expect(clock.now().ns == 100)
        #expect(clock.now().source == .virtual)
    }

    @Test func timeMovesToEachEventAsItRuns() throws {
        let clock = VirtualScheduler()
        var seen: [Int64] = []
        clock.schedule(at: 5) { seen.append(clock.now().ns) }
        clock.schedule(at: 7) { seen.append(clock.now().ns) }
        try clock.wait(until: 6)
        #expect(seen == [5])
        #expect(clock.now().ns == 6)
        try clock.wait(until: 10)
        #expect(seen == [5, 7])
    }

    @Test func waitStopsWhenTheConditionHolds() throws {
        let clock = VirtualScheduler()
        var flag = false
        clock.schedule(at: 1_000) { flag = true }
        clock.schedule(at: 2_000) { Issue.record("ran past the condition") }
        let met = try clock.wait(until: 1_000_000, for: { flag })
        #expect(met)
        #expect(clock.now().ns == 1_000)
    }

    @Test func eventsScheduledByEventsRunInTheSameWait() throws {
        let clock = VirtualScheduler()
        var count = 0
        func tick() {
            count += 1
            if count < 5 { clock.schedule(after: .milliseconds(1), tick) }
        }
        clock.schedule(at: 0, tick)
        try clock.wait(until: TimeAmount.seconds(1).ns)
        #expect(count == 5)
    }

    @Test func cancelledAndClearedEventsNeverRun() throws {
        let clock = VirtualScheduler()
        let id = clock.schedule(at: 10) { Issue.record("cancelled event ran") }
        clock.cancel(id)
        clock.schedule(at: 20) { Issue.record("event ran after cancelAll") }
        clock.cancelAll()
        try clock.wait(until: 100)
        #expect(clock.now().ns == 100)
    }

    @Test func tenSecondsOfVirtualTimeCostLittleWallTime() throws {
        let clock = VirtualScheduler()
        var ticks = 0
        func tick() {
            ticks += 1
            clock.schedule(after: .milliseconds(10), tick)
        }
        clock.schedule(at: 0, tick)
        let start = monotonicNanoseconds()
        try clock.wait(.seconds(10))
        let wall = monotonicNanoseconds() - start
        #expect(ticks == 1_001)
        #expect(wall < 100_000_000, "10 s of virtual time took \(wall) ns of wall time")
    }

    @Test func aSimulatorThatReschedulesForeverIsStopped() {
        let clock = VirtualScheduler(eventBudget: 10_000)
        func spin() { clock.schedule(after: .zero, spin) }
        clock.schedule(at: 0, spin)
        #expect(throws: ClockError.self) { try clock.wait(.seconds(1)) }
    }
}

@Suite struct TimeAmountTests {
    @Test(arguments: [
        ("1s", Int64(1_000_000_000)), ("250ms", 250_000_000), ("20us", 20_000), ("20µs", 20_000),
        ("7ns", 7), ("1.5s", 1_500_000_000), ("2min", 120_000_000_000), (" 3 ms", 3_000_000),
    ])
    func parsesUnits(text: String, ns: Int64) {
        #expect(TimeAmount(parsing: text)?.ns == ns)
    }

    @Test(arguments: ["10", "", "ms", "1 parsec", "1e400s", "9999999999999s", "1.2.3s"])
    func refusesTextWithoutAValidUnitOrValue(text: String) {
        #expect(TimeAmount(parsing: text) == nil)
    }

    @Test func printsTheShortestExactUnit() {
        #expect(TimeAmount.seconds(3).description == "3s")
        #expect(TimeAmount.milliseconds(1500).description == "1500ms")
        #expect(TimeAmount(ns: 1_001).description == "1001ns")
        #expect(TimeAmount.zero.description == "0s")
    }
}

@Suite struct RealClockTests {
    @Test func nowIsRealtimeAndUserSourced() {
        let clock = RealClock()
        let a = clock.now()
        #expect(a.source == .user)
        #expect(a.ns > 1_600_000_000_000_000_000)
    }

    @Test func scheduledEventsRunOnTheWaitingThreadInOrder() throws {
        let clock = RealClock()
        var order: [Int] = []
        let base = clock.now().ns
        clock.schedule(at: base + 2_000_000) { order.append(2) }
        clock.schedule(at: base + 1_000_000) { order.append(1) }
        let met = try clock.wait(until: base + 500_000_000, for: { order.count == 2 })
        #expect(met)
        #expect(order == [1, 2])
    }

    @Test func notifyWakesAWaiterEarly() throws {
        let clock = RealClock()
        let flag = Flag()
        let thread = Thread { flag.set(); clock.notify() }
        let start = clock.now().ns
        thread.start()
        let met = try clock.wait(until: start + 5_000_000_000, for: { flag.isSet })
        #expect(met)
        #expect(clock.now().ns - start < 2_000_000_000)
    }
}

import Foundation
import Synchronization

final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
