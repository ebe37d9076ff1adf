import CFuzzerShim
import ConformCapture
import Foundation

/// The classic pcap reader: every input is read after a pcap magic number (little-endian,
/// microseconds), so the fuzzer spends its time on the header and records, not the magic.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let magic: [UInt8] = [0xd4, 0xc3, 0xb2, 0xa1]
    let bytes = magic + (data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    guard var reader = try? CaptureFileReader(bytes: bytes) else { return 0 }
    while let record = try? reader.next() {
        _ = record.bytes.count
    }
    return 0
}

exit(conform_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
