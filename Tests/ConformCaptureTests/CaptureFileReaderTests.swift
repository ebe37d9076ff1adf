import ConformCapture
import Testing

/// Layouts built by hand: both byte orders, several sections, every timestamp resolution,
/// the Simple and legacy Packet Blocks, and classic pcap variants.
@Suite struct CaptureFileReaderTests {
    static let frame = SampleFrames.ethernet(61, seed: 7)

    @Test(arguments: [false, true])
    func readsEitherByteOrderAndSeveralSections(bigEndian: Bool) throws {
        var file = PcapNGBuilder(bigEndian: bigEndian)
        file.section([(4, Array("other tool".utf8))])
        file.interface(snapLength: 0, [(2, Array("eth0".utf8)), (9, [9])])
        file.interface(linkType: 101, snapLength: 0, [(2, Array("raw0".utf8))])
        file.enhancedPacket(interface: 1, units: 1_500_000, data: Self.frame, [(1, Array("first".utf8)), (2, file.encode(UInt32(1)))])
        // A block type nobody knows (a custom block) is skipped.
        file.block(0x0000_0BAD, [1, 2, 3, 4, 5, 6, 7, 8])
        file.section()
        file.interface(snapLength: 0, [(2, Array("eth1".utf8)), (9, [9])])
        file.enhancedPacket(interface: 0, units: 42, data: [0xAA], originalLength: 9,
                            [(1, Array("a".utf8) + [0, 0]), (1, Array("b".utf8)), (2, file.encode(UInt32(2)))])

        var reader = try CaptureFileReader(bytes: file.bytes)
        let records = try readAll(&reader)
        #expect(reader.interfaces.map(\.name) == ["eth0", "raw0", "eth1"])
        #expect(reader.interfaces.map(\.linkType) == [1, 101, 1])
        #expect(records == [
            .init(number: 1, interface: 1, timestampNs: 1_500_000_000, bytes: Self.frame, originalLength: 61,
                  comment: "first", direction: .inbound),
            .init(number: 2, interface: 2, timestampNs: 42, bytes: [0xAA], originalLength: 9,
                  comment: "a\nb", direction: .outbound),
        ])
    }

    @Test(arguments: [
        // (if_tsresol byte, units, nanoseconds)
        (UInt8(6), UInt64(1_234_567), Int64(1_234_567_000)),
        (UInt8(3), UInt64(7), Int64(7_000_000)),
        (UInt8(0), UInt64(2), Int64(2_000_000_000)),
        (UInt8(12), UInt64(1_234_567), Int64(1_234)),
        (UInt8(127), UInt64.max, Int64(0)),
        (UInt8(0x80 | 20), UInt64(3 << 20), Int64(3_000_000_000)),
        (UInt8(0x80 | 1), UInt64(3), Int64(1_500_000_000)),
        (UInt8(0x80 | 0), UInt64(5), Int64(5_000_000_000)),
        (UInt8(0x80 | 64), UInt64.max, Int64(999_999_999)),
        (UInt8(0x80 | 127), UInt64.max, Int64(0)),
    ])
    func convertsEveryTimestampResolution(resolution: UInt8, units: UInt64, ns: Int64) throws {
        var file = PcapNGBuilder(bigEndian: false)
        file.section()
        file.interface(snapLength: 0, [(9, [resolution])])
        file.enhancedPacket(interface: 0, units: units, data: [1])
        var reader = try CaptureFileReader(bytes: file.bytes)
        #expect(try reader.next()?.timestampNs == ns)
    }

    @Test func defaultResolutionIsMicrosecondsAndOffsetAddsSeconds() throws {
        var file = PcapNGBuilder(bigEndian: true)
        file.section()
        file.interface(snapLength: 0, [(14, file.encode(Int64(-10)))])
        file.enhancedPacket(interface: 0, units: 12_000_001, data: [1])
        var reader = try CaptureFileReader(bytes: file.bytes)
        #expect(try reader.next()?.timestampNs == 2_000_001_000)
    }

    @Test func readsSimpleAndLegacyPacketBlocks() throws {
        var file = PcapNGBuilder(bigEndian: false)
        file.section()
        file.interface(snapLength: 4, [(9, [9])])
        file.simplePacket(originalLength: 6, data: [1, 2, 3, 4])
        file.legacyPacket(interface: 0, units: 77, data: [5, 6, 7], [(1, Array("old".utf8)), (2, file.encode(UInt32(2)))])
        var reader = try CaptureFileReader(bytes: file.bytes)
        #expect(try readAll(&reader) == [
            .init(number: 1, interface: 0, timestampNs: 0, bytes: [1, 2, 3, 4], originalLength: 6, comment: nil, direction: nil),
            .init(number: 2, interface: 0, timestampNs: 77, bytes: [5, 6, 7], originalLength: 3, comment: "old", direction: .outbound),
        ])
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func readsClassicPcap(bigEndian: Bool, nanoseconds: Bool) throws {
        let file = PcapNGBuilder(bigEndian: bigEndian)
        let magic: UInt32 = nanoseconds ? 0xA1B2_3C4D : 0xA1B2_C3D4
        var bytes = file.encode(magic) + file.encode(UInt16(2)) + file.encode(UInt16(4))
        bytes += file.encode(UInt32(0)) + file.encode(UInt32(0)) + file.encode(UInt32(65_535)) + file.encode(UInt32(1))
        bytes += file.encode(UInt32(1_764_000_000)) + file.encode(UInt32(123_456)) + file.encode(UInt32(3)) + file.encode(UInt32(60))
        bytes += [9, 8, 7]
        var reader = try CaptureFileReader(bytes: bytes)
        #expect(reader.format == .pcap)
        #expect(reader.interfaces.count == 1)
        #expect(reader.interfaces.first?.name == nil)
        #expect(reader.interfaces.first?.linkType == 1)
        #expect(try readAll(&reader) == [
            .init(number: 1, interface: 0, timestampNs: 1_764_000_000_000_000_000 + (nanoseconds ? 123_456 : 123_456_000),
                  bytes: [9, 8, 7], originalLength: 60, comment: nil, direction: nil),
        ])
    }

    @Test func malformedBlocksNameTheirOffsetAndBlock() throws {
        func failure(_ build: (inout PcapNGBuilder) -> Void) -> CaptureFileError? {
            var file = PcapNGBuilder(bigEndian: false)
            file.section()
            build(&file)
            do {
                var reader = try CaptureFileReader(bytes: file.bytes)
                _ = try readAll(&reader)
                return nil
            } catch {
                return error as? CaptureFileError
            }
        }
        let unknownInterface = try #require(failure { $0.enhancedPacket(interface: 0, units: 0, data: [1]) })
        #expect(unknownInterface.code == .malformed)
        #expect(unknownInterface.block == 2)
        #expect(unknownInterface.offset == 28 + 8)
        #expect(unknownInterface.message.contains("interface id 0"))

        let overflow = try #require(failure {
            $0.interface(snapLength: 0, [(9, [0])])
            $0.enhancedPacket(interface: 0, units: UInt64.max, data: [1])
        })
        #expect(overflow.message.contains("overflows"))
        #expect(overflow.block == 3)

        let badUTF8 = try #require(failure {
            $0.interface(snapLength: 0, [(2, [0xFF, 0xFE])])
        })
        #expect(badUTF8.message.contains("UTF-8"))

        let badFlags = try #require(failure {
            $0.interface(snapLength: 0)
            $0.enhancedPacket(interface: 0, units: 0, data: [1], [(2, [1, 0])])
        })
        #expect(badFlags.message.contains("epb_flags"))

        let capturedTooLong = try #require(failure {
            $0.interface(snapLength: 0)
            $0.block(6, $0.encode(UInt32(0)) + $0.encode(UInt64(0)) + $0.encode(UInt32(1_000)) + $0.encode(UInt32(1_000)) + [1, 2, 3, 4])
        })
        #expect(capturedTooLong.code == .malformed)
        #expect(capturedTooLong.message.contains("packet data"))
    }

    @Test func framingErrorsAreTruncatedOrMalformed() throws {
        var file = PcapNGBuilder(bigEndian: false)
        file.section()
        file.interface(snapLength: 0)
        let good = file.bytes

        var badTrailer = good
        badTrailer[badTrailer.count - 4] ^= 0x04
        #expect(throws: CaptureFileError.self) { var r = try CaptureFileReader(bytes: badTrailer); _ = try r.next() }

        var badMagic = good
        badMagic[8] = 0
        let magicError = #expect(throws: CaptureFileError.self) { _ = try CaptureFileReader(bytes: badMagic) }
        #expect(magicError?.offset == 8)
        #expect(magicError?.block == 1)

        let cut = #expect(throws: CaptureFileError.self) {
            var reader = try CaptureFileReader(bytes: Array(good.dropLast(3)))
            _ = try reader.next()
        }
        #expect(cut?.code == .truncated)
        #expect(cut?.block == 2)

        let notCapture = #expect(throws: CaptureFileError.self) { _ = try CaptureFileReader(bytes: Array("hello, world".utf8)) }
        #expect(notCapture?.code == .unsupported)
        #expect(throws: CaptureFileError.self) { _ = try CaptureFileReader(bytes: []) }

        var notFirst = PcapNGBuilder(bigEndian: false)
        notFirst.interface(snapLength: 0)
        let notSection = #expect(throws: CaptureFileError.self) { _ = try CaptureFileReader(bytes: notFirst.bytes) }
        #expect(notSection?.code == .unsupported)
    }

    @Test func anErrorRepeatsOnEveryLaterCall() throws {
        var file = PcapNGBuilder(bigEndian: false)
        file.section()
        file.enhancedPacket(interface: 3, units: 0, data: [1])
        var reader = try CaptureFileReader(bytes: file.bytes)
        let first = #expect(throws: CaptureFileError.self) { _ = try reader.next() }
        let second = #expect(throws: CaptureFileError.self) { _ = try reader.next() }
        #expect(first == second)
    }

    @Test func missingFileIsAnIOErrorWithItsPath() {
        let error = #expect(throws: CaptureFileError.self) { _ = try CaptureFileReader(path: "/nonexistent-conform/x.pcapng") }
        #expect(error?.code == .io)
        #expect(error?.description.hasPrefix("/nonexistent-conform/x.pcapng") == true)
    }
}
