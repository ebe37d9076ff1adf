import CFuzzerShim
import Foundation
import ConformSuite

/// The PICS expression parser, on any text (invalid UTF-8 is repaired, as suite text is
/// already checked UTF-8 by the time it reaches the parser).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let expression = try? PICSExpression.parse(String(decoding: bytes, as: UTF8.self)) {
        _ = expression.evaluate(["a": .bool(true), "b": .bool(false), "n": .int(3), "s": .string("x")])
        _ = expression.description
    }
    return 0
}

exit(conform_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzOneInput))
