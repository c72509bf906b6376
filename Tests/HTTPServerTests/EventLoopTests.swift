import Dispatch
import Foundation
import Testing
@testable import HTTPServer

/// A timer owner that records when it was called, on which thread.
private final class Alarm: LoopTimerOwner, @unchecked Sendable {
    let name: String
    let fired: Locked<[String]>
    let loop: EventLoop

    init(_ name: String, into fired: Locked<[String]>, loop: EventLoop) {
        self.name = name
        self.fired = fired
        self.loop = loop
    }

    func timerFired() {
        let onLoop = loop.inLoop
        fired.withLock { $0.append(onLoop ? name : "\(name) off the loop") }
    }
}

@Suite("Event loop")
struct EventLoopTests {
    @Test func tasksFromManyThreadsAllRunOnTheLoopInEachThreadsOrder() throws {
        let loop = try EventLoop(index: 0)
        defer { loop.stop() }
        let seen = Locked<[Int: [Int]]>([:])
        let offLoop = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { producer in
            for step in 0..<2_000 {
                loop.execute {
                    if !loop.inLoop { offLoop.withLock { $0 += 1 } }
                    seen.withLock { $0[producer, default: []].append(step) }
                }
            }
        }
        // A task queued after all of them runs after all of them.
        let total = loop.executeAndWait { seen.withLock { $0.values.map(\.count).reduce(0, +) } }
        #expect(total == 8 * 2_000)
        #expect(offLoop.withLock { $0 } == 0)
        let orders = seen.withLock { $0 }
        #expect(orders.count == 8)
        #expect(orders.values.allSatisfy { $0 == Array(0..<2_000) })
    }

    @Test func executeAndWaitReturnsTheLoopsResult() throws {
        let loop = try EventLoop(index: 3)
        defer { loop.stop() }
        #expect(!loop.inLoop)
        #expect(loop.executeAndWait { loop.inLoop } == true)
        #expect(loop.executeAndWait { NamedThread.callingThreadName() } == "http.loop.3")
    }

    @Test func timersFireOnTheLoopInDeadlineOrderAndNotBefore() throws {
        let loop = try EventLoop(index: 0)
        defer { loop.stop() }
        let fired = Locked<[String]>([])
        let start = DispatchTime.now()
        let alarms = ["late", "early", "middle"].map { Alarm($0, into: fired, loop: loop) }
        loop.executeAndWait {
            loop.schedule(alarms[0], at: start + 0.30)
            loop.schedule(alarms[1], at: start + 0.05)
            loop.schedule(alarms[2], at: start + 0.15)
        }
        let watcher = Alarm("done", into: fired, loop: loop)
        loop.executeAndWait { loop.schedule(watcher, at: start + 0.31) }
        // Wait for the last alarm by polling the record, bounded.
        let deadline = DispatchTime.now() + 10
        while fired.withLock({ $0.count }) < 4, DispatchTime.now() < deadline { usleep(5_000) }
        #expect(fired.withLock { $0 } == ["early", "middle", "late", "done"])
        #expect(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds >= 300_000_000)
    }

    @Test func aTimerWhoseOwnerIsGoneDoesNotFireAndIsDropped() throws {
        let loop = try EventLoop(index: 0)
        defer { loop.stop() }
        let fired = Locked<[String]>([])
        let start = DispatchTime.now()
        let kept = Alarm("kept", into: fired, loop: loop)
        loop.executeAndWait {
            // Released at the end of this task, long before its deadline.
            loop.schedule(Alarm("gone", into: fired, loop: loop), at: start + 0.05)
            loop.schedule(kept, at: start + 0.10)
        }
        let deadline = DispatchTime.now() + 10
        while fired.withLock({ $0.isEmpty }), DispatchTime.now() < deadline { usleep(5_000) }
        #expect(fired.withLock { $0 } == ["kept"])
    }

    @Test func staleTimersAreCompactedAway() throws {
        var timers = LoopTimers()
        let fired = Locked<[String]>([])
        let loop = try EventLoop(index: 0)
        defer { loop.stop() }
        let kept = Alarm("kept", into: fired, loop: loop)
        for index in 0..<1_000 {
            let transient = Alarm("t\(index)", into: fired, loop: loop)
            timers.schedule(transient, at: .now() + 60)
        }
        timers.schedule(kept, at: .now() + 60)
        #expect(timers.count == 1_001)
        timers.compact(liveOwners: 1)
        #expect(timers.count == 1)
        #expect(timers.takeExpired(now: .now() + 61).count == 1)
    }

    @Test func anIdleLoopWaitsWithoutATimeoutAndWakesForATask() throws {
        var timers = LoopTimers()
        #expect(timers.timeoutMilliseconds(now: .now()) == -1)
        let loop = try EventLoop(index: 0)
        defer { loop.stop() }
        let owner = Alarm("x", into: Locked([]), loop: loop)
        let now = DispatchTime.now()
        timers.schedule(owner, at: now + 0.0101)
        // Rounded up, so the wait never ends just before the deadline.
        #expect(timers.timeoutMilliseconds(now: now) == 11)
        // A task reaches a loop asleep in epoll_wait with no deadline at all.
        usleep(50_000)
        #expect(loop.executeAndWait { 42 } == 42)
    }

    @Test func aStoppedLoopRefusesWorkInsteadOfLeavingItsCallerWaiting() throws {
        let loop = try EventLoop(index: 0)
        let ran = Locked(false)
        loop.stop()
        #expect(!loop.execute { ran.withLock { $0 = true } })
        #expect(loop.executeAndWait { 42 } == nil)
        #expect(!ran.withLock { $0 })
    }
}
