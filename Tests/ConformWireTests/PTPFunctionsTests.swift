import Testing
@testable import ConformWire

@Suite struct PTPFunctionsTests {
    private func call(_ name: String, _ arguments: FieldValue...) -> FieldValue? {
        WireFunctions.named(name)?.apply(arguments)
    }

    @Test func timestampsSplitAndJoin() {
        #expect(call("ptp_seconds", .uint(1_700_000_000_123_456_789)) == .uint(1_700_000_000))
        #expect(call("ptp_nanoseconds", .uint(1_700_000_000_123_456_789)) == .uint(123_456_789))
        #expect(call("ptp_nanoseconds", .string("2000000007")) == .uint(7))
        #expect(call("ptp_time", .uint(12), .int(345)) == .int(12_000_000_345))
        #expect(call("ptp_seconds", .int(-1)) == nil)
        #expect(call("ptp_time", .uint(UInt64(Int64.max)), .int(0)) == nil)
    }

    @Test func linkDelayFollowsTheReferenceFormula() {
        // [(t4 − t1) − (t3 − t2)] / 2 = [(4000 − 0) − (2500 − 1500)] / 2
        #expect(call("ptp_link_delay", .uint(0), .uint(1500), .uint(2500), .uint(4000)) == .int(1500))
    }

    @Test func rateOffsetOfAFastNeighbour() {
        // The responder counted 1 s + 50 µs while the requester counted 1 s: +50 ppm.
        #expect(call("ptp_rate_offset_ppb", .uint(0), .uint(1_000_050_000), .uint(0), .uint(1_000_000_000)) == .int(50_000))
        #expect(call("ptp_rate_offset_ppb", .uint(0), .uint(1), .uint(5), .uint(5)) == nil)
    }

    @Test func differenceAndSumAreSigned() {
        #expect(call("difference", .uint(5), .uint(7)) == .int(-2))
        #expect(call("sum", .int(-5), .string("7")) == .int(2))
        #expect(call("difference", .int(Int64.min), .int(1)) == nil)
        #expect(call("sum", .bytes([1]), .int(1)) == nil)
        // 2 s + 1 ns on a clock 50 ppm fast: + 100 µs.
        #expect(call("scaled", .uint(2_000_000_001), .int(50_000)) == .int(2_000_100_001))
        #expect(call("scaled", .int(Int64.max), .int(1_000_000_000)) == nil)
    }
}
