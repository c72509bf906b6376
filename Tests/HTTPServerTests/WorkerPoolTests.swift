import Foundation
import Glibc
import Testing
@testable import HTTPServer

@Suite("Worker pool")
struct WorkerPoolTests {
    @Test func oneWorkerRunsJobsInTheOrderTheyCame() {
        let pool = WorkerPool(threads: 1, niceness: 0, lane: "test")
        let order = Locked<[Int]>([])
        let done = DispatchSemaphore(value: 0)
        for index in 0..<2_000 {
            pool.async {
                order.withLock { $0.append(index) }
                if index == 1_999 { done.signal() }
            }
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(order.withLock { $0 } == Array(0..<2_000))
    }

    @Test func jobsRunOnWorkerThreadsAtTheNiceValueAskedFor() {
        let pool = WorkerPool(threads: 3, niceness: 6, lane: "test")
        let seen = Locked<[(onWorker: Bool, nice: Int32, name: String)]>([])
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<30 {
            pool.async {
                errno = 0
                let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                let name = NamedThread.callingThreadName()
                seen.withLock { $0.append((WorkerPool.isWorkerThread, nice, name)) }
                done.signal()
            }
        }
        for _ in 0..<30 { #expect(done.wait(timeout: .now() + 30) == .success) }
        let runs = seen.withLock { $0 }
        #expect(runs.count == 30)
        #expect(runs.allSatisfy { $0.onWorker && $0.nice == 6 })
        #expect(Set(runs.map(\.name)).isSubset(of: (0..<3).map { WorkerPool.threadName(lane: "test", $0) }))
        // The thread that queued the work is neither a worker nor lowered.
        #expect(!WorkerPool.isWorkerThread)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 0)
    }
}
