import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting a thread that carries its own OS name (`ps -L`, `/proc/PID/task/*/comm`, perf, gdb).
///
/// Foundation's `Thread.name` setter names the OS thread only once `start()` has stored the
/// thread's handle, which it does after the new thread may already be running; a name set from
/// inside the thread can therefore be lost, and the thread keeps the name it inherited from its
/// creator (for a test, a dispatch worker's `…oot.default-qos`). This names the thread from the
/// thread itself, before `body` runs.
enum NamedThread {
    /// The longest name Linux keeps: 15 bytes (the 16-byte `comm` field less its terminator).
    static let maximumNameBytes = 15

    /// Starts a detached thread named `name` (cut to `maximumNameBytes` bytes) that runs `body`.
    static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        Thread {
            nameCallingThread(name)
            body()
        }.start()
    }

    /// Sets the OS name of the calling thread to `name`, cut to `maximumNameBytes` bytes, by
    /// writing `/proc/thread-self/comm` (Linux 3.17+; what `pthread_setname_np` does for another
    /// thread, and Swift's Glibc module does not export that GNU call). A failure leaves the name.
    static func nameCallingThread(_ name: String) {
        let bytes = Array(name.utf8.prefix(maximumNameBytes))
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// The OS name of the calling thread (`/proc/thread-self/comm` without its newline); empty
    /// when it cannot be read.
    static func callingThreadName() -> String {
        let descriptor = open("/proc/thread-self/comm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: maximumNameBytes + 2)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return "" }
        return String(decoding: buffer.prefix(count).prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }
}
