import ConformCapture
import Foundation
import Testing

/// Hostile bytes: every truncation, a mutation at every offset and 50,000 seeded random
/// mutations. The reader must throw typed errors, never trap, and always finish.
@Suite struct CaptureFileReaderRobustnessTests {
    /// Seed files covering every block kind the reader parses, in both byte orders.
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let ngPath = folder.path("ports.pcapng")
        try SampleFrames.writePcapNG(to: ngPath)
        let pcapPath = folder.path("tn1.pcap")
        let writer = try PcapWriter(path: pcapPath)
        for frame in SampleFrames.tn1 { try writer.write(frame) }
        try writer.close()

        var mixed = PcapNGBuilder(bigEndian: true)
        mixed.section([(4, Array("x".utf8))])
        mixed.interface(snapLength: 8, [(2, Array("eth0".utf8)), (9, [0x80 | 10]), (14, mixed.encode(Int64(3)))])
        mixed.simplePacket(originalLength: 10, data: [1, 2, 3, 4, 5, 6, 7, 8])
        mixed.legacyPacket(interface: 0, units: 1 << 40, data: [1, 2, 3], [(1, Array("pb".utf8)), (2, mixed.encode(UInt32(1)))])
        mixed.block(5, mixed.encode(UInt32(0)) + mixed.encode(UInt64(9)) + mixed.options([(5, mixed.encode(UInt64(2))), (4, mixed.encode(UInt64(5)))]))
        mixed.section()
        mixed.interface(snapLength: 0, [(9, [9])])
        mixed.enhancedPacket(interface: 0, units: 5, data: [9, 9, 9, 9, 9], [(1, Array("c".utf8))])

        return [
            ("writer.pcapng", [UInt8](try Data(contentsOf: URL(fileURLWithPath: ngPath)))),
            ("writer.pcap", [UInt8](try Data(contentsOf: URL(fileURLWithPath: pcapPath)))),
            ("mixed-big-endian.pcapng", mixed.bytes),
            ("fixture small.pcapng", [UInt8](try Data(contentsOf: URL(fileURLWithPath: CaptureFixtureTests.fixture("small.pcapng"))))),
            ("fixture small.pcap", [UInt8](try Data(contentsOf: URL(fileURLWithPath: CaptureFixtureTests.fixture("small.pcap"))))),
        ]
    }

    enum Outcome: Equatable {
        case records([CaptureFileReader.Record])
        case failed(CaptureFileError, after: [CaptureFileReader.Record])
    }

    /// Reads to the end or the first error, checking that reading stops within a bound and
    /// that the error points inside the file.
    static func outcome(_ bytes: [UInt8]) -> Outcome {
        var records: [CaptureFileReader.Record] = []
        do {
            var reader = try CaptureFileReader(bytes: bytes)
            // Each block takes at least 12 bytes, so no file has more records than this.
            let bound = bytes.count / 12 + 1
            while let record = try reader.next() {
                records.append(record)
                if records.count > bound {
                    Issue.record("more than \(bound) records from \(bytes.count) bytes")
                    break
                }
            }
            return .records(records)
        } catch {
            if let offset = error.offset, !(0...bytes.count).contains(offset) {
                Issue.record("error offset \(offset) outside a file of \(bytes.count) bytes: \(error)")
            }
            return .failed(error, after: records)
        }
    }

    @Test(arguments: try corpus().map(\.name))
    func everyTruncationIsCleanOrTruncated(name: String) throws {
        let bytes = try #require(try Self.corpus().first { $0.name == name }?.bytes)
        guard case .records(let full) = Self.outcome(bytes) else {
            Issue.record("the seed \(name) does not read cleanly")
            return
        }
        #expect(!full.isEmpty)
        for length in 0..<bytes.count {
            switch Self.outcome(Array(bytes.prefix(length))) {
            case .records(let records):
                // Only a cut between two blocks reads cleanly, and then it yields a prefix.
                #expect(records == Array(full.prefix(records.count)), "cut at \(length)")
            case .failed(let error, let records):
                #expect(error.code == .truncated, "cut at \(length): \(error)")
                #expect(records == Array(full.prefix(records.count)), "cut at \(length)")
            }
        }
    }

    @Test(arguments: try corpus().map(\.name))
    func mutationAtEveryOffsetNeverTraps(name: String) throws {
        let bytes = try #require(try Self.corpus().first { $0.name == name }?.bytes)
        var failures = 0
        for offset in bytes.indices {
            for change: UInt8 in [0xFF, 0x80, 0x01, 0x7F] {
                var mutated = bytes
                mutated[offset] ^= change
                if case .failed = Self.outcome(mutated) { failures += 1 }
            }
        }
        // Length, magic and identifier fields do get caught somewhere.
        #expect(failures > 0)
    }

    @Test func fiftyThousandRandomMutationsNeverTrap() throws {
        let corpus = try Self.corpus()
        var random = SplitMix64(seed: 0x5EED_CAFE)
        var failures = 0
        for iteration in 0..<50_000 {
            var bytes = corpus[iteration % corpus.count].bytes
            for _ in 0...random.next(below: 4) {
                guard !bytes.isEmpty else { break }
                let offset = random.next(below: bytes.count)
                switch random.next(below: 4) {
                case 0: bytes[offset] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.removeSubrange(offset...)
                case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: offset)
                default:
                    // Overwrite a 32-bit field with an extreme value: lengths and counts.
                    let value: [UInt8] = [[0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0], [0xFC, 0xFF, 0xFF, 0x7F], [0x0C, 0, 0, 0]][random.next(below: 4)]
                    for (index, byte) in value.enumerated() where offset + index < bytes.count { bytes[offset + index] = byte }
                }
            }
            if case .failed = Self.outcome(bytes) { failures += 1 }
        }
        #expect(failures > 1_000)
    }
}

/// A small deterministic generator (SplitMix64), so a failing mutation can be replayed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
