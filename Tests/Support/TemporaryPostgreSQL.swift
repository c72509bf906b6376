import Foundation
import CaseworkStorage
import Synchronization

/// A PostgreSQL server of this test process: Debian's `postgresql` binaries, `initdb` into a temporary
/// folder, started with `pg_ctl` on a Unix socket in that folder only (no TCP), stopped when the
/// process exits. Each test gets a database of its own (`database()`).
///
/// Tests that need it are enabled when the binaries are installed, or when `CASEWORK_REQUIRE_POSTGRES=1`
/// (CI), where a missing server fails them instead of leaving them out. As root (CI containers),
/// the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
public final class TemporaryPostgreSQL: Sendable {
    public let directory: String
    private let binaries: String
    private let databases = Mutex(0)

    /// Whether tests that need a server should run.
    public static var enabled: Bool { binaryDirectory != nil || ProcessInfo.processInfo.environment["CASEWORK_REQUIRE_POSTGRES"] == "1" }

    /// The folder holding `initdb`, `pg_ctl` and `postgres` (the highest installed version), or nil.
    static let binaryDirectory: String? = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }()

    /// The process's server, started on first use.
    public static let shared = Result { try TemporaryPostgreSQL() }

    private init() throws {
        guard let binaries = Self.binaryDirectory else {
            throw Failure("PostgreSQL is not installed (Debian package `postgresql`; .ci/run installs it)")
        }
        self.binaries = binaries
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("casework-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres:postgres", directory], asServer: false) }
        try Self.run(binaries + "/initdb", ["-D", directory + "/data", "-U", "casework", "--auth=trust", "-E", "UTF8",
                                            "--locale=C", "--no-sync"], asServer: true)
        try Self.run(binaries + "/pg_ctl", ["-D", directory + "/data", "-w", "-l", directory + "/server.log", "start", "-o",
                                            "-c listen_addresses='' -k \(directory) -c fsync=off -c max_connections=200"], asServer: true)
        let stop = "\(binaries)/pg_ctl -D \(directory)/data -m immediate stop; rm -rf \(directory)"
        Self.stopAtExit.withLock { $0.append(stop) }
        atexit {
            for command in TemporaryPostgreSQL.stopAtExit.withLock({ $0 }) {
                try? TemporaryPostgreSQL.run("/bin/sh", ["-c", command + " >/dev/null 2>&1"], asServer: getuid() == 0)
            }
        }
    }

    private static let stopAtExit = Mutex<[String]>([])

    /// The connection string of the maintenance database `postgres`.
    public var conninfo: String { "host=\(directory) user=casework dbname=postgres" }

    /// A new, empty database, created with `options` after its name (e.g. a locale); returns its
    /// connection string.
    public func database(options: String = "") throws -> String {
        let name = "test_\(databases.withLock { n in n += 1; return n })"
        let admin = try PostgreSQLConnection(conninfo)
        try admin.executeScript("CREATE DATABASE \(name) \(options)")
        return "host=\(directory) user=casework dbname=\(name)"
    }

    /// Runs `path` with `arguments` (as the `postgres` user when `asServer` and root), waiting for it.
    /// (`posix_spawn` and `waitpid`: Foundation's `Process` left `runuser` a zombie and never returned here.)
    /// - Throws: `Failure` with its output when it exits non-zero.
    private static func run(_ path: String, _ arguments: [String], asServer: Bool) throws {
        let argv = asServer && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] + arguments : [path] + arguments
        // Output to a file, not a pipe: the server pg_ctl starts would hold a pipe open forever.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("casework-pg-run-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw Failure("cannot start \(argv[0]): errno \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure("\(path) failed (status \(status)): \(text)")
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
