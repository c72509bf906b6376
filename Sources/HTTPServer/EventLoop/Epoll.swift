import CEpoll
#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over Linux epoll(7) and eventfd(2) for `EventLoop`. Level-triggered
/// throughout: a descriptor with unread input (or room to write) is reported at every wait
/// until it is dealt with or its interest is withdrawn.
enum Epoll {
    /// What a registered descriptor wants to hear about.
    struct Interest: Equatable {
        var read: Bool
        var write: Bool

        static let none = Interest(read: false, write: false)

        var events: UInt32 {
            (read ? EPOLLIN.rawValue : 0) | (write ? EPOLLOUT.rawValue : 0)
        }
    }

    /// One readiness report. `hangUp` (EPOLLHUP or EPOLLERR) is reported whatever the interest.
    struct Readiness {
        let token: UInt64
        let readable: Bool
        let writable: Bool
        let hangUp: Bool
    }

    /// A new epoll instance, close-on-exec.
    /// - Throws: `SocketError` from epoll_create1 (EMFILE, ENOMEM).
    static func create() throws(SocketError) -> Int32 {
        let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SocketError(operation: "epoll_create1", errno: errno) }
        return fd
    }

    /// Adds `fd` with `interest` (plus EPOLLEXCLUSIVE when `exclusive`: of several epoll
    /// instances waiting on one listening socket, one is woken per connection). `token` comes
    /// back in each `Readiness`. Returns errno on failure, 0 on success.
    @discardableResult
    static func add(_ epoll: Int32, _ fd: Int32, token: UInt64, interest: Interest, exclusive: Bool = false) -> Int32 {
        var event = epoll_event()
        event.events = interest.events | (exclusive ? EPOLLEXCLUSIVE.rawValue : 0)
        event.data.u64 = token
        return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) == 0 ? 0 : errno
    }

    /// Replaces the interest of a registered `fd`. Returns errno on failure, 0 on success.
    @discardableResult
    static func modify(_ epoll: Int32, _ fd: Int32, token: UInt64, interest: Interest) -> Int32 {
        var event = epoll_event()
        event.events = interest.events
        event.data.u64 = token
        return epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event) == 0 ? 0 : errno
    }

    /// Removes `fd` (before closing it, so the registration cannot outlive the descriptor).
    static func remove(_ epoll: Int32, _ fd: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event)
    }

    /// Waits up to `timeoutMilliseconds` (-1: no limit, 0: poll) and hands each report to
    /// `body`, in the kernel's order. EINTR counts as no report.
    static func wait(_ epoll: Int32, into buffer: UnsafeMutableBufferPointer<epoll_event>, timeoutMilliseconds: Int32,
                     _ body: (Readiness) -> Void) {
        let count = epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let events = buffer[index].events
            body(Readiness(
                token: buffer[index].data.u64,
                readable: events & EPOLLIN.rawValue != 0,
                writable: events & EPOLLOUT.rawValue != 0,
                hangUp: events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0))
        }
    }

    /// A non-blocking, close-on-exec event counter for waking a waiting loop.
    /// - Throws: `SocketError` from eventfd (EMFILE, ENOMEM).
    static func makeWakeCounter() throws(SocketError) -> Int32 {
        let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw SocketError(operation: "eventfd", errno: errno) }
        return fd
    }

    /// Adds one to the counter: its epoll registration becomes readable.
    static func signal(_ counter: Int32) {
        var one: UInt64 = 1
        _ = write(counter, &one, MemoryLayout<UInt64>.size)
    }

    /// Resets the counter to zero (not readable until the next `signal`).
    static func drain(_ counter: Int32) {
        var value: UInt64 = 0
        _ = read(counter, &value, MemoryLayout<UInt64>.size)
    }
}
