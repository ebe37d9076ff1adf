import CFuzzerShim
import Foundation
import ConformWire

/// Ethernet dissection, which reaches every decoder: no input may trap or hang it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = Dissector.dissect(bytes)
    return 0
}

exit(conform_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
