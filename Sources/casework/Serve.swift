import ArgumentParser
import CaseworkAPI
import CaseworkStorage
import Dispatch
import Foundation
import HTTPServer
import Logging

/// `casework serve`: the HTTP API on a database file.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the HTTP API. The first stdout line is `listening on http://HOST:PORT`.")

    @Option(help: "SQLite database file (created if absent).")
    var db: String

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one.")
    var port: Int = 8080

    @Option(help: "Largest request body accepted, in bytes.")
    var maxBodyBytes: Int = 1 << 20

    @Option(help: "Most concurrent connections.")
    var maxConnections: Int = 1024

    func run() throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["CASEWORK_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let store = try CaseworkStore(path: db)
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxConnections = maxConnections
        let server = HTTPServer(configuration: configuration, responder: CompressingResponder(wrapping: CaseworkApplication(store: store)))
        let bound = try server.start()
        // Written unbuffered: scripts wait for this line to learn the port.
        FileHandle.standardOutput.write(Data("listening on http://\(host):\(bound)\n".utf8))

        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let signals = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in signals {
            source.setEventHandler { server.shutdown(gracePeriod: 10) }
            source.resume()
        }
        server.waitUntilStopped()
        withExtendedLifetime(signals) {}
    }
}
