import Glibc
import Synchronization

/// Random 64-bit words from the kernel's generator, fetched 4 KiB at a time with
/// `arc4random_buf` (glibc 2.36+, which draws on `getrandom(2)`, the source behind
/// `SystemRandomNumberGenerator`) and handed out once each.
///
/// `SystemRandomNumberGenerator.next()` makes one `getrandom` system call per word; a 10,000-claim
/// posting makes about 50,000 ids, two words each, so those calls cost about 3% of the posting.
/// The words stay as unpredictable as the kernel's; a word is never given out twice (within one
/// process: casework never forks, and a forked child would share the words not yet given out).
/// No descriptor is held open, and `arc4random_buf` cannot fail.
enum RandomPool {
    private struct Words {
        var buffer = [UInt64](repeating: 0, count: RandomPool.batch)
        var next = RandomPool.batch
    }

    /// Words fetched per refill (4 KiB).
    private static let batch = 512
    private static let words = Mutex(Words())

    /// Two fresh random words.
    static func pair() -> (UInt64, UInt64) {
        words.withLock { words in
            if words.next + 2 > batch {
                words.buffer.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
                words.next = 0
            }
            defer { words.next += 2 }
            return (words.buffer[words.next], words.buffer[words.next + 1])
        }
    }
}
