import Foundation
import Logging
import Testing
@testable import HTTPServer

@Suite struct LogSinkTests {
    /// What the pipe holds now (waiting up to 50 ms for a first byte).
    func available(_ descriptor: Int32) -> String {
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&ready, 1, text.isEmpty ? 50 : 0) > 0 {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return text
    }

    /// Everything the sink writes until it has nothing left (reading as it goes, so it can), at most 10 s.
    func drained(_ sink: LogSink, _ descriptor: Int32) -> String {
        var text = ""
        let deadline = Date(timeIntervalSinceNow: 10)
        repeat { text += available(descriptor) } while !sink.flush(timeout: 0.05) && Date() < deadline
        return text + available(descriptor)
    }

    @Test func aStalledDescriptorDropsWholeLinesAndSaysHowManyOnceItDrains() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let sink = LogSink(descriptor: ends[1], capacity: 4096)
        let line = Array(String(repeating: "x", count: 99).utf8) + [0x0A]
        // The pipe holds 64 KiB, the sink 4 KiB: of 2,000 lines (200 KB) most cannot be kept, and no write waits.
        for _ in 0..<2_000 { sink.write(line) }
        #expect(sink.droppedLines > 0)
        let text = drained(sink, ends[0])
        let dropped = sink.droppedLines
        // Owned up to once the pipe drained (in one notice or, if the writer got a turn meanwhile, several).
        let notices = text.matches(of: /warning log : dropped (\d+) log lines\n/).map { Int($0.output.1)! }
        #expect(!notices.isEmpty && notices.reduce(0, +) == dropped)
        // Every line that did get out is whole.
        let lines = text.split(separator: "\n").filter { !$0.contains("dropped") }
        #expect(lines.allSatisfy { $0.count == 99 })
        #expect(lines.count + dropped == 2_000)
    }

    @Test func theHandlerWritesOneSortedLine() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let sink = LogSink(descriptor: ends[1])
        var handler = BufferedLogHandler(label: "casework.test", sink: sink)
        handler[metadataKey: "z"] = "last"
        handler.log(event: LogEvent(level: .warning, message: "hello", metadata: ["a": "1", "z": "override"], source: "Tests",
                                    file: #fileID, function: #function, line: #line))
        let text = drained(sink, ends[0])
        #expect(text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ warning casework\.test : a=1 z=override \[Tests\] hello\n/) != nil, "\(text)")
    }
}
