import CaseworkDomain
import CaseworkStorage
import CaseworkUseCases
import Testing

/// Answers to idempotent requests on each driver, against the pinned clock.
@Suite struct IdempotentRequestsTests {
    @Test(arguments: Driver.available) func anAnswerIsReplayedForTwentyFourHoursThenTheKeyActsAgain(_ driver: Driver) throws {
        let f = try UseCaseFixture(driver)
        let requests = IdempotentRequests(database: f.store, ambient: f.ambient)
        var acted = 0
        func send() throws -> IdempotentOutcome<Int> {
            try requests.once(organizationID: f.organizationID, userID: f.ann.userID, key: "day", fingerprint: "f") {
                acted += 1
                return (acted, StoredResponse(fingerprint: "f", status: 201, headers: [["X-Act", "\(acted)"]], body: Array("\(acted)".utf8)))
            }
        }
        guard case .acted(1) = try send() else { Issue.record("the first request acts"); return }
        f.clock.set("2026-06-16T09:29:59Z")   // 24 hours less a second after the answer
        guard case .replayed(let stored) = try send() else { Issue.record("within 24 hours a retry replays"); return }
        #expect(stored.body == Array("1".utf8) && stored.headers == [["X-Act", "1"]] && stored.status == 201)
        f.clock.set("2026-06-16T09:30:01Z")
        guard case .acted(2) = try send() else { Issue.record("after 24 hours the key acts again"); return }
        guard case .replayed(let second) = try send() else { Issue.record("and its new answer is replayed"); return }
        #expect(second.body == Array("2".utf8))
        #expect(acted == 2)
    }
}
