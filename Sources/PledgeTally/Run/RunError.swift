import Render

/// Why a run stopped, with its sysexits code (docs/cli.md).
public struct RunError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Int32, Sendable {
        case usage = 64
        case data = 65
        case inputMissing = 66
        case cannotCreateOutput = 73
        case ioError = 74
    }

    public var kind: Kind
    /// One line naming the file (and line) and the reason.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitCode: Int32 { kind.rawValue }
    public var description: String { message }

    init(_ error: OutputError) {
        switch error {
        case .cannotCreate: self.init(.cannotCreateOutput, error.description)
        case .writeFailed: self.init(.ioError, error.description)
        }
    }
}
