import CFuzzerShim
import ConformCapture
import Foundation

/// The pcapng reader: every input is read after a Section Header Block type, so the fuzzer
/// spends its time on blocks and options, not the magic.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let sectionHeaderType: [UInt8] = [0x0a, 0x0d, 0x0d, 0x0a]
    let bytes = sectionHeaderType + (data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    guard var reader = try? CaptureFileReader(bytes: bytes) else { return 0 }
    while let record = try? reader.next() {
        _ = record.interface
    }
    return 0
}

exit(conform_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
