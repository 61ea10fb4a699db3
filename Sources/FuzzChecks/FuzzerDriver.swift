#if FUZZING
/// libFuzzer's driver, for executables that keep their own `main`.
///
/// SwiftPM on Linux renames an executable's entry point and points `main` at
/// it with a linker `--defsym`, so libFuzzer's own `main` is never linked in;
/// the executable's `@main` calls the driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

public enum FuzzerDriver {
    /// Runs libFuzzer with this process's arguments; returns its exit status.
    public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }
}
#endif
