import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Dispatch
import Foundation
import Synchronization
import Testing

/// Use cases racing each other on one database. On PostgreSQL the writers really overlap (a pool of
/// sessions, as with several servers); the outcomes must be what one writer at a time would give.
@Suite struct ConcurrentCaseWorkTests {
    /// What each racer ended with, counted by kind.
    final class Outcomes: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        func add(_ kind: String) { counts.withLock { $0[kind, default: 0] += 1 } }
        var all: [String: Int] { counts.withLock { $0 } }
    }

    /// Runs `body` on `count` threads of their own, released together, and waits for all of them
    /// (more racers at once than `concurrentPerform` gives on a machine of two cores).
    static func race(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for i in 0..<count {
            done.enter()
            Thread {
                gate.wait()
                body(i)
                done.leave()
            }.start()
        }
        for _ in 0..<count { gate.signal() }
        done.wait()
    }

    @Test(arguments: Driver.available) func casesOpenedAtOnceForOneClaimLetExactlyOneWin(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let claim = try f.claim("R-1")
        let outcomes = Outcomes()
        Self.race(40) { i in
            do {
                _ = try f.open([claim], by: i.isMultiple(of: 2) ? f.ann : f.bo)
                outcomes.add("created")
            } catch CaseRuleViolation.claimHeldByActiveCase {
                outcomes.add("held")
            } catch {
                outcomes.add("\(error)")
            }
        }
        #expect(outcomes.all == ["created": 1, "held": 39])
        #expect(try f.store.claims.get(organizationID: f.organizationID, id: claim)?.activeCase != nil)
    }

    @Test(arguments: Driver.available) func casesOpenedAtOnceTakeDistinctNumbers(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let claims = try (1...24).map { try f.claim("N-\($0)") }
        let numbers = Mutex<[String]>([])
        let failures = Outcomes()
        Self.race(claims.count) { i in
            do {
                let record = try f.open([claims[i]])
                numbers.withLock { $0.append(record.case.number.description) }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty)
        #expect(numbers.withLock { $0.sorted() } == (1...24).map { CaseNumber(sequence: $0).description })
    }

    @Test(arguments: Driver.available) func changesAtOnceToOneRevisionLetExactlyOneThrough(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let record = try f.open([try f.claim("U-1")])
        let outcomes = Outcomes()
        Self.race(16) { i in
            do {
                _ = try f.work.update(caller: f.ann, id: record.case.id, changes: CaseChanges(description: "change \(i)"),
                                      expectedRevision: record.case.revision)
                outcomes.add("changed")
            } catch StorageError.revisionMismatch(let current) {
                outcomes.add(current == record.case.revision + 1 ? "refused" : "refused at \(current)")
            } catch {
                outcomes.add("\(error)")
            }
        }
        #expect(outcomes.all == ["changed": 1, "refused": 15])
        #expect(try f.store.cases.get(organizationID: f.organizationID, id: record.case.id)?.case.revision == record.case.revision + 1)
    }
}
