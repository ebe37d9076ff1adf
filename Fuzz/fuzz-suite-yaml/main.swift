import CFuzzerShim
import Foundation
import ConformSuite

/// The untrusted-YAML loader and the suite loader on top of it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = YAMLLoader.parse(bytes, file: "fuzz.yaml")
    _ = try? SuiteLoader.load(bytes: bytes, file: "fuzz.yaml")
    return 0
}

exit(conform_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
