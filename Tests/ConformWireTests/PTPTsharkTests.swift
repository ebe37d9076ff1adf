import Testing
@testable import ConformWire

@Suite(.enabled(if: TsharkOracle.isAvailable, "tshark is not installed at /usr/bin/tshark: PTP cross-check skipped"))
struct PTPTsharkTests {
    @Test func everyPTPFieldMatchesTshark() throws {
        let frames = try PTPTests.crossCheckFrames()
        let abbrevs = PTP.fields.map(\.abbrev) + ["frame.protocols"]
        let rows = try TsharkOracle.fields(abbrevs, of: frames)
        try #require(rows.count == frames.count)
        for (index, frame) in frames.enumerated() {
            let dissection = Dissector.dissect(frame)
            for (column, abbrev) in abbrevs.enumerated() {
                let theirs = column < rows[index].count ? rows[index][column] : ""
                let ours = TsharkOracle.text(of: abbrev, in: dissection)
                #expect(ours == theirs, "frame \(index + 1) \(abbrev): ours \(ours) vs tshark \(theirs)")
            }
        }
    }
}
