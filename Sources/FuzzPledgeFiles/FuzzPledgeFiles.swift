import Foundation
import FuzzChecks

/// The pledge-file readers under libFuzzer (built with `-D FUZZING`), or,
/// built plainly, a program that runs the files and folders named on its
/// command line through the same checks.
@main
struct FuzzPledgeFiles {
    static func main() {
        #if FUZZING
        exit(FuzzerDriver.run(fuzzPledgeFile))
        #else
        let scratch = ScratchFile()
        if !PledgeFileChecks.comparesChunkSizes {
            print("note: built without testing, so chunk sizes are not compared (build in debug to compare them)")
        }
        exit(Replay.main(Array(CommandLine.arguments.dropFirst()),
                         usage: "usage: FuzzPledgeFiles FILE-OR-FOLDER...") {
            PledgeFileChecks.problems($0, in: scratch)
        })
        #endif
    }
}

#if FUZZING
nonisolated(unsafe) private let scratch = ScratchFile()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPledgeFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    Replay.abortIfAny(PledgeFileChecks.problems(input, in: scratch), input: input)
    return 0
}
#endif
