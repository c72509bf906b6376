import Dispatch
import HeapModule

/// Something an `EventLoop` timer calls back, on the loop's thread.
protocol LoopTimerOwner: AnyObject {
    /// A deadline this owner asked for has passed (possibly one it no longer cares about:
    /// owners re-check their own state, so a stale timer costs one call).
    func timerFired()
}

/// The deadlines of one loop, earliest first (a binary heap).
///
/// Entries hold their owner weakly, so a closed connection is freed at once even though its
/// entries stay until they come due or `compact` drops them. Nothing is ever cancelled:
/// owners re-arm only for an earlier deadline and ignore early calls, so at most a few
/// entries per owner are pending.
struct LoopTimers {
    private struct Entry: Comparable {
        /// `DispatchTime.uptimeNanoseconds` of the deadline.
        let deadline: UInt64
        /// Order of scheduling, so equal deadlines fire first in, first out.
        let sequence: UInt64
        weak var owner: (any LoopTimerOwner)?

        static func < (left: Entry, right: Entry) -> Bool {
            (left.deadline, left.sequence) < (right.deadline, right.sequence)
        }

        static func == (left: Entry, right: Entry) -> Bool {
            left.deadline == right.deadline && left.sequence == right.sequence
        }
    }

    private var heap = Heap<Entry>()
    private var sequence: UInt64 = 0

    /// Pending entries (live or stale).
    var count: Int { heap.count }

    /// Calls `owner.timerFired()` once `deadline` has passed.
    mutating func schedule(_ owner: any LoopTimerOwner, at deadline: DispatchTime) {
        sequence &+= 1
        heap.insert(Entry(deadline: deadline.uptimeNanoseconds, sequence: sequence, owner: owner))
    }

    /// Milliseconds from `now` to the earliest deadline, rounded up (so a wait never ends
    /// just before it); -1 when there is none.
    func timeoutMilliseconds(now: DispatchTime) -> Int32 {
        guard let first = heap.min else { return -1 }
        let nanoseconds = first.deadline > now.uptimeNanoseconds ? first.deadline - now.uptimeNanoseconds : 0
        return Int32(clamping: (nanoseconds + 999_999) / 1_000_000)
    }

    /// Removes every entry due at `now` and returns the owners still alive, in deadline order.
    mutating func takeExpired(now: DispatchTime) -> [any LoopTimerOwner] {
        var due: [any LoopTimerOwner] = []
        while let first = heap.min, first.deadline <= now.uptimeNanoseconds {
            if let owner = heap.removeMin().owner { due.append(owner) }
        }
        return due
    }

    /// Drops entries whose owner is gone once they outnumber `liveOwners` by far (a server
    /// closing thousands of connections a second would otherwise keep their entries until
    /// their idle deadlines).
    mutating func compact(liveOwners: Int) {
        guard heap.count > 64 + 4 * liveOwners else { return }
        heap = Heap(heap.unordered.filter { $0.owner != nil })
    }
}
