import Foundation
import FuzzChecks

/// The amount-phrase parser under libFuzzer (built with `-D FUZZING`), or,
/// built plainly, a program that runs the files and folders named on its
/// command line through the same checks (each file is one phrase).
@main
struct FuzzAmountParser {
    static func main() {
        #if FUZZING
        exit(FuzzerDriver.run(fuzzAmountPhrase))
        #else
        exit(Replay.main(Array(CommandLine.arguments.dropFirst()),
                         usage: "usage: FuzzAmountParser FILE-OR-FOLDER...",
                         check: AmountPhraseChecks.problems))
        #endif
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmountPhrase(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    Replay.abortIfAny(AmountPhraseChecks.problems(input), input: input)
    return 0
}
#endif
