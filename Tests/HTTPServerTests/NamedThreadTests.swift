import Dispatch
import Testing
@testable import HTTPServer

@Suite("Named threads")
struct NamedThreadTests {
    /// Each thread reads its own OS name as its first act, which is when Foundation's own
    /// `Thread.name` setter could still lose the name (it races `start()`).
    @Test func everyThreadCarriesItsNameFromItsFirstInstruction() {
        let count = 40
        let names = Locked<[Int: String]>([:])
        let done = DispatchSemaphore(value: 0)
        for index in 0..<count {
            NamedThread.start("named.\(index)") {
                let name = NamedThread.callingThreadName()
                names.withLock { $0[index] = name }
                done.signal()
            }
        }
        for _ in 0..<count { #expect(done.wait(timeout: .now() + 30) == .success) }
        #expect(names.withLock { $0 } == Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, "named.\($0)") }))
    }

    @Test func aLongNameIsCutToTheFifteenBytesLinuxKeeps() {
        let done = DispatchSemaphore(value: 0)
        let name = Locked("")
        NamedThread.start("http.worker.123456789") {
            name.withLock { $0 = NamedThread.callingThreadName() }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(name.withLock { $0 } == "http.worker.123")
    }
}
