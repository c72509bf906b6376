// A minimal Hummingbird 2 server with the two endpoints `make bench-http` measures:
//   GET /healthz          → {"status":"ok"}
//   GET /v1/cases/{id}    → the case as `casework serve` shows it, for a bearer token of `api_tokens`
// Usage: HummingbirdPeer --db FILE [--host 127.0.0.1] [--port 0]
// The first stdout line is `listening on http://HOST:PORT`, as with `casework serve`.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import NIOCore

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

guard let path = option("--db") else {
    print("usage: HummingbirdPeer --db FILE [--host 127.0.0.1] [--port 0]")
    exit(2)
}
let host = option("--host") ?? "127.0.0.1"
let port = option("--port").flatMap { Int($0) } ?? 0
let pool = try ConnectionPool(path: path)
let store = CaseStore(pool: pool)
let readAudit = ReadAudit(pool: pool)

let healthBody = Array(#"{"status":"ok"}"#.utf8)

let router = Router()
router.get("/healthz") { _, _ -> Response in
    Responses.json(.ok, healthBody)
}
// SQLite calls are short and synchronous; they run on the request's own task (casework hands them to its worker threads).
router.get("/v1/cases/:id") { request, context -> Response in
    guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
          let caller = try store.authenticate(token: authorization.dropFirst("Bearer ".count)) else {
        return Responses.problem(.unauthorized, "Unauthorized")
    }
    let id = context.parameters.get("id") ?? ""
    guard let body = try store.caseBody(organizationID: caller.organizationID, id: id) else {
        return Responses.problem(.notFound, "Not found")
    }
    // As casework does: a 200 naming a patient is an audited read of the patient's data.
    if let patientID = body.patientID {
        readAudit.record(organizationID: caller.organizationID, actorID: caller.userID, patientID: patientID)
    }
    return Responses.json(.ok, body.json, etag: body.etag)
}

let app = Application(
    router: router,
    configuration: .init(address: .hostname(host, port: port), backlog: 1024),
    onServerRunning: { channel in
        let bound = channel.localAddress?.port ?? port
        print("listening on http://\(host):\(bound)")
        fflush(nil)
    }
)
try await app.runService()
