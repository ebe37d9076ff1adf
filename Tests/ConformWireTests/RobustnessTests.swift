import Testing
@testable import ConformWire

@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so a failure replays exactly.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    @Test func twoHundredThousandHostileFramesNeverTrap() {
        var rng = SplitMix64(state: 0x5eed)
        var seeds = Fixtures.all + Fixtures.extensionHeaders + Fixtures.icmpv6Errors + [Fixtures.udpOverIPv6, Fixtures.udpOverIPv4, Fixtures.arpRequest]
        let tagged = Array(Fixtures.raWithPrefixAndMTU[0..<12]) + [0x81, 0x00, 0x00, 0x01] + Array(Fixtures.raWithPrefixAndMTU[12...])
        seeds.append(tagged)
        var decodedFields = 0
        for round in 0..<200_000 {
            var frame: [UInt8]
            switch round % 4 {
            case 0:
                frame = (0..<Int.random(in: 0...128, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1:
                let seed = seeds[round % seeds.count]
                frame = Array(seed.prefix(Int.random(in: 0...seed.count, using: &rng)))
            default:
                frame = seeds[round % seeds.count]
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    let position = Int.random(in: 0..<frame.count, using: &rng)
                    frame[position] = UInt8.random(in: 0...255, using: &rng)
                }
                if round % 8 == 3 { frame += (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) } }
            }
            let d = Dissector.dissect(frame)
            decodedFields += d.fields.count
            for field in d.fields where field.length > 0 {
                #expect(field.offset >= 0 && field.offset + field.length <= frame.count, "\(field.abbrev) outside the frame")
            }
        }
        #expect(decodedFields > 200_000)
    }

    @Test func everyOptionLengthTerminates() {
        for units in 0...255 {
            var frame = Fixtures.raWithPrefixAndMTU
            frame[71] = UInt8(units)
            let d = Dissector.dissect(frame)
            #expect(d.first("icmpv6.type") == .uint(134))
        }
    }
}
