import Foundation
import FuzzChecks

/// The `.xlsx` reader under libFuzzer (built with `-D FUZZING`), or, built
/// plainly, a program that runs the files and folders named on its command
/// line through the same checks.
@main
struct FuzzXlsx {
    static func main() {
        #if FUZZING
        exit(FuzzerDriver.run(fuzzXlsx))
        #else
        let scratch = ScratchFile()
        exit(Replay.main(Array(CommandLine.arguments.dropFirst()), usage: "usage: FuzzXlsx FILE-OR-FOLDER...") {
            XlsxFileChecks.problems($0, in: scratch)
        })
        #endif
    }
}

#if FUZZING
nonisolated(unsafe) private let scratch = ScratchFile()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXlsx(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    Replay.abortIfAny(XlsxFileChecks.problems(input, in: scratch), input: input)
    return 0
}
#endif
