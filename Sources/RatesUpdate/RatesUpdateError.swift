/// Why `rates update` left the local history as it was, with its sysexits code.
public enum RatesUpdateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The network or the server failed: unreachable, timeout, HTTP error (75, EX_TEMPFAIL).
    case network(String)
    /// The download is not a valid ECB history, is too large, is shorter than
    /// the local one or rewrites a published day (65, EX_DATAERR).
    case content(String)
    /// The local file cannot be created (73, EX_CANTCREAT).
    case cannotCreate(String)
    /// Writing or swapping in the local file failed (74, EX_IOERR).
    case ioError(String)

    public var exitCode: Int32 {
        switch self {
        case .network: 75
        case .content: 65
        case .cannotCreate: 73
        case .ioError: 74
        }
    }

    public var description: String {
        switch self {
        case .network(let m), .content(let m), .cannotCreate(let m), .ioError(let m): m
        }
    }
}
