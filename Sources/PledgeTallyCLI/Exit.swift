#if canImport(Glibc)
import Glibc
#endif

/// Ends the process with `code`.
func terminate(_ code: Int32) -> Never {
    Glibc.exit(code)
}
