@testable import ConformCapture
import ConformTime
import Testing

struct LiveFrameLogTests {
    func log(frames count: Int) -> LiveFrameLog {
        var log = LiveFrameLog(port: "tn1")
        for index in 0..<count {
            _ = log.append(index % 2 == 0 ? .outbound : .inbound, timestamp: Timestamp(ns: Int64(index), source: .kernelSoftware),
                           bytes: [UInt8(index)], originalLength: 1)
        }
        return log
    }

    @Test func framesAreNumberedInOrderAcrossDirections() {
        let log = log(frames: 4)
        #expect(log.frames(after: 0).map(\.number) == [1, 2, 3, 4])
        #expect(log.frames(after: 0).map(\.direction) == [.outbound, .inbound, .outbound, .inbound])
        #expect(log.frames(after: 2).map(\.number) == [3, 4])
        #expect(log.frames(after: 4).isEmpty)
    }

    @Test func newFramesCarryTheCurrentCase() {
        var log = LiveFrameLog(port: "tn1")
        _ = log.append(.inbound, timestamp: Timestamp(ns: 0, source: .user), bytes: [], originalLength: 0)
        log.caseID = "ND-001"
        let frame = log.append(.inbound, timestamp: Timestamp(ns: 1, source: .user), bytes: [1], originalLength: 60)
        #expect(log.frames(after: 0).map(\.caseID) == [nil, "ND-001"])
        #expect(frame.originalLength == 60 && frame.port == "tn1")
    }

    @Test func discardingKeepsLaterNumbers() {
        var log = log(frames: 10)
        log.discard(through: 3)
        #expect(log.count == 7)
        #expect(log.frames(after: 0).map(\.number) == Array(4...10))
        #expect(log.frames(after: 5).map(\.number) == Array(6...10))
        log.discard(through: 2)
        #expect(log.count == 7)
        log.discard(through: 8)
        #expect(log.frames(after: 0).map(\.number) == [9, 10])
        _ = log.append(.inbound, timestamp: Timestamp(ns: 99, source: .user), bytes: [], originalLength: 0)
        #expect(log.frames(after: 9).map(\.number) == [10, 11])
    }

    @Test(arguments: [Int.min, -1, 0, Int.max - 1, Int.max])
    func extremeNumbersNeverTrap(_ number: Int) {
        var log = log(frames: 5)
        let after = log.frames(after: number)
        #expect(after.count == (number < 0 ? 5 : number == 0 ? 5 : 0))
        log.discard(through: number)
        #expect(log.count == (number <= 0 ? 5 : 0))
        _ = log.append(.inbound, timestamp: Timestamp(ns: 5, source: .user), bytes: [], originalLength: 0)
        #expect(log.frames(after: 0).last?.number == 6)
    }

    @Test func aLongRunStaysBoundedWhenTrimmed() {
        var log = LiveFrameLog(port: "tn1")
        for index in 1...100_000 {
            _ = log.append(.inbound, timestamp: Timestamp(ns: Int64(index), source: .user), bytes: [], originalLength: 0)
            if index % 100 == 0 { log.discard(through: index - 10) }
        }
        #expect(log.count == 10)
        #expect(log.frames(after: 99_990).count == 10)
    }
}
