import Foundation

/// What one request's log line says beyond method and status: the route template matched and who
/// called. Filled in by the route that handles the request; never holds bodies, query strings or
/// header values, which may carry PHI or tokens.
final class RequestRecord: @unchecked Sendable {  // written and read on the request's own thread only
    var route: String?
    var organizationID: String?
    var userID: String?
    /// For a 500: what failed, by error type and driver code only (e.g. a PostgreSQL `sqlstate 42P01`), never
    /// an error's message, which may quote row values.
    var failure: String?

    /// The record of the request being answered on this thread, if any.
    @TaskLocal static var current: RequestRecord?
}
