import Foundation
import Testing
@testable import HTTPServer

/// The streaming routes plus `/doc`: a 64 KB JSON document with ETag `"doc-1"`, which
/// answers 304 when `If-None-Match` lists that tag (as an application would).
private func makeCompressedServerResponder() -> CompressingResponder {
    var router = makeStreamingRouter()
    router.add("GET", "/doc") { request, _ in
        let tags = request.headers.lowercasedTokens("If-None-Match")
        if tags.contains("\"doc-1\"") {
            return HTTPResponse(status: 304, headers: ["ETag": "\"doc-1\""])
        }
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "ETag": "\"doc-1\""], body: document)
    }
    return CompressingResponder(wrapping: router)
}

private let document = Array(("{\"items\":[" + (0..<2000).map { "{\"n\":\($0)}" }.joined(separator: ",") + "]}").utf8)

/// The path of an executable named `name` on `PATH`, or `nil`.
private func executable(_ name: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { "\($0)/\(name)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

@Suite("Live server: gzip content coding")
struct CompressionLiveTests {
    @Test func streamedBodyArrivesGzippedInChunks() throws {
        let size = 2_000_000
        try withServer(router: makeCompressedServerResponder()) { _, port in
            let client = try TestClient(port: port, timeout: 20)
            try client.send("GET /stream/text?size=\(size)&piece=3000 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(response.header("Transfer-Encoding") == "chunked")
            #expect(response.header("Vary") == "Accept-Encoding")
            #expect(response.body.count < size / 4)
            #expect(try Gunzip.gunzip(response.body) == textBytes(size))
        }
    }

    @Test func conditionalGetAndHeadOverTheWire() throws {
        try withServer(router: makeCompressedServerResponder()) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /doc HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
            let full = try client.readResponse()
            #expect(full.header("ETag") == "\"doc-1-gzip\"")
            #expect(full.header("Content-Length") == String(full.body.count))
            #expect(try Gunzip.gunzip(full.body) == document)

            try client.send("GET /doc HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\nIf-None-Match: \"doc-1-gzip\"\r\n\r\n")
            let notModified = try client.readResponse()
            #expect(notModified.status == 304)
            #expect(notModified.header("ETag") == "\"doc-1-gzip\"")
            #expect(notModified.header("Vary") == "Accept-Encoding")

            try client.send("HEAD /doc HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.header("Content-Encoding") == "gzip")
            #expect(head.header("Content-Length") == String(full.body.count))
            #expect(head.header("ETag") == "\"doc-1-gzip\"")

            try client.send("GET /doc HTTP/1.1\r\nHost: t\r\n\r\n")
            let plain = try client.readResponse()
            #expect(plain.header("Content-Encoding") == nil)
            #expect(plain.header("ETag") == "\"doc-1\"")
            #expect(plain.body == document)
        }
    }

    @Test(.enabled(if: executable("curl") != nil, "needs curl"))
    func curlCompressedGetsTheOriginalBytes() throws {
        let size = 500_000
        try withServer(router: makeCompressedServerResponder()) { _, port in
            for (path, expected) in [("/stream/text?size=\(size)&piece=1000", textBytes(size)), ("/doc", document)] {
                let headerFile = FileManager.default.temporaryDirectory
                    .appendingPathComponent("curl-headers-\(port)-\(expected.count).txt").path
                defer { try? FileManager.default.removeItem(atPath: headerFile) }
                let curl = Process()
                curl.executableURL = URL(fileURLWithPath: executable("curl")!)
                curl.arguments = ["-s", "--compressed", "--max-time", "20", "-D", headerFile,
                                  "http://127.0.0.1:\(port)\(path)"]
                let output = Pipe()
                curl.standardOutput = output
                try curl.run()
                let body = output.fileHandleForReading.readDataToEndOfFile()
                curl.waitUntilExit()
                #expect(curl.terminationStatus == 0)
                #expect(Array(body) == expected, "\(path)")
                let headers = (try? String(contentsOfFile: headerFile, encoding: .utf8))?.lowercased() ?? ""
                #expect(headers.contains("content-encoding: gzip"), "\(path)")
            }
        }
    }
}
