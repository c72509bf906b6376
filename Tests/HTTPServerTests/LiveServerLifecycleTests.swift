import Glibc
import Dispatch
import Testing
@testable import HTTPServer

@Suite("Live server: concurrency, limits and lifecycle")
struct LiveServerLifecycleTests {
    @Test func fiftyConcurrentConnectionsEachGetTheirAnswer() throws {
        try withServer { server, port in
            let clients = try (0..<50).map { _ in try TestClient(port: port) }
            for (index, client) in clients.enumerated() {
                try client.send("GET /items/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
            }
            for (index, client) in clients.enumerated() {
                #expect(try client.readResponse().text == "\(index)")
            }
            #expect(server.connectionCount == 50)
        }
    }

    @Test func fiftyClientThreadsInParallel() throws {
        try withServer { _, port in
            let failures = Locked(0)
            let done = DispatchGroup()
            // One serial queue per client: serial queues get their own threads, so all
            // 50 clients really block in recv at once (concurrentPerform would use only
            // one thread per core).
            for index in 0..<50 {
                DispatchQueue(label: "client.\(index)").async(group: done) {
                    do {
                        let client = try TestClient(port: port)
                        for round in 0..<3 {
                            let body = "\(index)-\(round)"
                            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                            if try client.readResponse().text != body { failures.withLock { $0 += 1 } }
                        }
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
            }
            #expect(done.wait(timeout: .now() + 20) == .success)
            #expect(failures.withLock { $0 } == 0)
        }
    }

    @Test func clientResettingMidBodyDoesNotHurtTheServer() throws {
        try withServer { server, port in
            let client = try TestClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" + String(repeating: "x", count: 1000))
            #expect(eventually { server.connectionCount == 1 })
            client.reset()
            #expect(eventually { server.connectionCount == 0 })

            let next = try TestClient(port: port)
            try next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try next.readResponse().text == "hello")
        }
    }

    @Test func clientResettingMidResponseDoesNotHurtTheServer() throws {
        try withServer { server, port in
            let client = try TestClient(port: port)
            try client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(eventually { server.connectionCount == 1 })
            client.reset()
            #expect(eventually { server.connectionCount == 0 })
            let next = try TestClient(port: port)
            try next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try next.readResponse().text == "hello")
        }
    }

    @Test func connectionsOverTheLimitGet503() throws {
        try withServer(configure: { $0.maxConnections = 2 }) { _, port in
            let first = try TestClient(port: port)
            let second = try TestClient(port: port)
            for client in [first, second] {
                try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().status == 200)
            }
            let third = try TestClient(port: port)
            let refused = try third.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("Connection") == "close")
            #expect(try third.readUntilClosed())
            try first.send("GET /items/still HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try first.readResponse().text == "still")
        }
    }

    @Test func slowHeaderSectionGets408() throws {
        try withServer(configure: { $0.headerReadTimeout = 0.3 }) { _, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHo")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(response.header("Connection") == "close")
            #expect(try client.readUntilClosed())
        }
    }

    @Test func silentNewConnectionIsClosedAfterTheHeaderTimeout() throws {
        try withServer(configure: { $0.headerReadTimeout = 0.3; $0.idleTimeout = 60 }) { server, port in
            let client = try TestClient(port: port)
            #expect(eventually { server.connectionCount == 1 })
            #expect(try client.readUntilClosed())          // no 408: nothing was sent
            #expect(eventually { server.connectionCount == 0 })
        }
    }

    @Test func firstHeadTrickledInIsTimedOutFromAccept() throws {
        try withServer(configure: { $0.headerReadTimeout = 1; $0.idleTimeout = 60 }) { _, port in
            let client = try TestClient(port: port)
            let started = DispatchTime.now()
            usleep(600_000)
            try client.send("GET /hello HTTP/1.1\r\nHo")   // 0.6 s in: 0.4 s of the budget left
            let response = try client.readResponse()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            #expect(response.status == 408)
            #expect(elapsed < 1.4, "timed out \(elapsed) s after accept, not 1 s (from the first byte would be 1.6 s)")
            #expect(try client.readUntilClosed())
        }
    }

    @Test func idleKeepAliveConnectionIsClosed() throws {
        try withServer(configure: { $0.idleTimeout = 0.3 }) { server, port in
            let client = try TestClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(try client.readUntilClosed())
            #expect(eventually { server.connectionCount == 0 })
        }
    }

    @Test func clientThatNeverReadsIsDisconnected() throws {
        try withServer(configure: { $0.idleTimeout = 0.5 }) { server, port in
            let client = try TestClient(port: port)
            // 40 MiB of responses cannot all fit in the socket buffers: writes stall.
            try client.send(String(repeating: "GET /big HTTP/1.1\r\nHost: t\r\n\r\n", count: 10))
            #expect(eventually { server.connectionCount == 1 })
            #expect(eventually(timeout: 10) { server.connectionCount == 0 })
            withExtendedLifetime(client) {}
        }
    }

    @Test func shutdownReturnsAndClosesThePort() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: makeTestRouter())
        let port = try server.start()
        let client = try TestClient(port: port)
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        server.shutdown(gracePeriod: 5)
        server.waitUntilStopped()
        #expect(try client.readUntilClosed())       // the idle keep-alive connection was closed
        #expect(TestClient.isRefused(port: port))
        #expect(server.connectionCount == 0)
    }

    @Test func shutdownLetsTheInFlightRequestFinish() throws {
        let gate = Gate()
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: makeTestRouter(gate: gate))
        let port = try server.start()
        let client = try TestClient(port: port)
        try client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(gate.started.wait(timeout: .now() + 5) == .success)

        let stopped = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            server.shutdown(gracePeriod: 5)
            stopped.signal()
        }
        #expect(eventually { TestClient.isRefused(port: port) })   // no longer accepting
        gate.release.signal()
        let response = try client.readResponse()
        #expect(response.text == "slow")
        #expect(response.header("Connection") == "close")
        #expect(try client.readUntilClosed())
        client.close()                          // ends the server's lingering close at once
        #expect(stopped.wait(timeout: .now() + 5) == .success)
    }

    @Test func startFailsWithErrnoWhenThePortIsTaken() throws {
        try withServer { _, port in
            var configuration = HTTPServerConfiguration()
            configuration.port = port
            let second = HTTPServer(configuration: configuration, responder: Router())
            #expect(throws: SocketError.self) { _ = try second.start() }
            do {
                _ = try second.start()
            } catch let error as SocketError {
                #expect(error.operation == "bind")
                #expect(error.errno == EADDRINUSE)
            }
        }
    }
}

/// Open-file limit of this process (clients and server share it).
private func openFileLimit() -> Int {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    return Int(limit.rlim_cur)
}

@Suite("Live server: many connections")
struct ManyConnectionsTests {
    @Test(.enabled(if: openFileLimit() >= 2600, "needs ~2,100 descriptors for both ends"))
    func thousandKeepAliveConnectionsAreServedAndKeptOpen() throws {
        try withServer(configure: { $0.maxConnections = 1024 }) { server, port in
            var clients: [TestClient] = []
            for index in 0..<1000 {
                let client = try TestClient(port: port)
                try client.send("GET /items/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                clients.append(client)
            }
            var wrong = 0
            for (index, client) in clients.enumerated() where try client.readResponse().text != "\(index)" {
                wrong += 1
            }
            #expect(wrong == 0)
            #expect(server.connectionCount == 1000)
            // Every idle connection still answers.
            try clients[999].send("GET /items/again HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try clients[999].readResponse().text == "again")
        }
    }
}
