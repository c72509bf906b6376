#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the POSIX socket calls the server uses. Every call retries on
/// `EINTR`; results distinguish "try again later" (`EAGAIN`) from real failures.
enum Socket {
    /// The outcome of one `recv` or `send` on a non-blocking socket.
    enum IOResult: Equatable {
        /// This many bytes (> 0) were transferred.
        case bytes(Int)
        /// `EAGAIN`/`EWOULDBLOCK`: wait for readiness.
        case wouldBlock
        /// `recv` returned 0: the peer shut down its sending side.
        case endOfStream
        /// Any other error (e.g. `ECONNRESET`, `EPIPE`), with its errno.
        case failed(Int32)
    }

    /// The outcome of one `accept4` on the non-blocking listener.
    enum AcceptResult: Equatable {
        case accepted(Int32)
        case wouldBlock
        /// A connection went away before it was accepted (`ECONNABORTED`, `EPROTO`): try the next.
        case skipped
        /// Out of descriptors or memory (`EMFILE`, `ENFILE`, `ENOBUFS`, `ENOMEM`): back off.
        case exhausted(Int32)
        case failed(Int32)
    }

    /// Creates a non-blocking, close-on-exec listening TCP socket.
    /// - Parameters:
    ///   - host: numeric IPv4/IPv6 address or host name, e.g. `"127.0.0.1"`, `"::"`, `"localhost"`.
    ///   - port: TCP port, 0...65535; 0 lets the kernel choose.
    ///   - backlog: the `listen` queue length.
    /// - Returns: the descriptor and the port actually bound.
    /// - Throws: `SocketError` from `getaddrinfo`, `socket`, `setsockopt`, `bind` or `listen`.
    static func makeListener(host: String, port: Int, backlog: Int32) throws(SocketError) -> (fd: Int32, port: Int) {
        guard (0...65535).contains(port) else {
            throw SocketError(operation: "bind", errno: EINVAL, message: "port \(port) is out of range")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let code = status == EAI_SYSTEM ? errno : EINVAL
            throw SocketError(operation: "getaddrinfo", errno: code, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }

        var lastError = SocketError(operation: "bind", errno: EADDRNOTAVAIL)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let type = info.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            let fd = Glibc.socket(info.pointee.ai_family, type, info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = SocketError(operation: "socket", errno: errno); continue }
            var one: Int32 = 1
            if setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) != 0 {
                lastError = SocketError(operation: "setsockopt(SO_REUSEADDR)", errno: errno)
                Glibc.close(fd)
                continue
            }
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                lastError = SocketError(operation: "bind", errno: errno)
                Glibc.close(fd)
                continue
            }
            guard listen(fd, backlog) == 0 else {
                lastError = SocketError(operation: "listen", errno: errno)
                Glibc.close(fd)
                continue
            }
            return (fd, boundPort(fd) ?? port)
        }
        throw lastError
    }

    /// The local port of a bound socket, or `nil` if `getsockname` fails.
    static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            return nil
        }
    }

    /// Accepts one connection and makes it non-blocking and close-on-exec
    /// (`accept4` is not visible through the Glibc module, so `fcntl` does it).
    static func accept(_ listener: Int32) -> AcceptResult {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                let flags = fcntl(fd, F_GETFL)
                if flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 {
                    let code = errno
                    Glibc.close(fd)
                    return .failed(code)
                }
                return .accepted(fd)
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case ECONNABORTED, EPROTO, EPERM: return .skipped
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted(errno)
            default: return .failed(errno)
            }
        }
    }

    /// The lowest descriptor number an accepted connection may not have: the soft
    /// `RLIMIT_NOFILE` minus a headroom of 1/16 of it (16 to 256 descriptors).
    ///
    /// Descriptors are allocated lowest-first, so an accepted descriptor at or above
    /// this means the process is close to running out. The headroom is for everything
    /// else that opens files: SQLite, logging, and libdispatch, whose thread-pool monitor
    /// opens `/proc` files of its worker threads and crashes the process (SIGILL in
    /// `_dispatch_workq_monitor_pools`) when that open fails with EMFILE.
    /// Read on every accept, so a limit changed at run time (`prlimit`) takes effect.
    static func descriptorCeiling() -> Int32 {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int32.max }
        let soft = min(limit.rlim_cur, rlim_t(Int32.max))   // RLIM_INFINITY is the largest value
        let headroom = min(max(soft / 16, 16), 256)
        return soft > headroom ? Int32(soft - headroom) : 0
    }

    /// Disables Nagle's algorithm so small responses go out at once (`TCP_NODELAY`).
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Reads up to `buffer.count` bytes.
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Writes up to `bytes.count` bytes, never raising SIGPIPE (`MSG_NOSIGNAL`).
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> IOResult {
        while true {
            let count = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return .bytes(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Reads and drops what has already arrived (at most 64 KiB, never blocking), so a
    /// close right after does not reset the connection over unread bytes.
    static func discardPendingInput(_ fd: Int32) {
        withUnsafeTemporaryAllocation(byteCount: 16384, alignment: 1) { buffer in
            for _ in 0..<4 {
                guard case .bytes = receive(fd, into: buffer) else { return }
            }
        }
    }

    /// Shuts down the sending side: the peer reads end-of-stream after pending data.
    static func shutdownWrite(_ fd: Int32) {
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    /// Makes the next `close` abortive: the kernel discards unsent data and sends RST
    /// (`SO_LINGER` with a zero timeout), so the peer sees a reset, not end-of-stream.
    static func resetOnClose(_ fd: Int32) {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    /// Closes a descriptor. Not retried on `EINTR` (on Linux the descriptor is released anyway).
    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}
