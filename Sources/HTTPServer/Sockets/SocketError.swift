#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed socket system call, carrying the `errno` it set.
///
/// Thrown by `HTTPServer.start()` when the listening socket cannot be created,
/// bound or put into listening state (e.g. `EADDRINUSE`, `EACCES`).
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call that failed, e.g. `"bind"`, `"listen"`, `"getaddrinfo"`.
    public let operation: String
    /// The `errno` value (POSIX error number) after the call; for `getaddrinfo`
    /// failures other than `EAI_SYSTEM`, `EINVAL`.
    public let errno: Int32
    /// A human-readable explanation (from `strerror` / `gai_strerror`).
    public let message: String

    /// Creates an error for `operation` from an errno value, using `strerror` for the message.
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
        self.message = String(cString: strerror(errno))
    }

    /// Creates an error with an explicit message.
    init(operation: String, errno: Int32, message: String) {
        self.operation = operation
        self.errno = errno
        self.message = message
    }

    /// `"<operation> failed: <message> (errno <n>)"`.
    public var description: String {
        "\(operation) failed: \(message) (errno \(errno))"
    }
}
