import Foundation
import CaseworkDomain
import HTTPServer
import CaseworkUseCases

/// Reads typed query parameters, collecting a 400 error per bad one.
struct QueryReader {
    let query: QueryParameters
    private(set) var errors: [FieldError] = []

    init(_ query: QueryParameters) { self.query = query }

    mutating func fail(_ name: String, _ detail: String) { errors.append(FieldError(parameter: name, detail)) }

    func string(_ name: String) -> String? { query[name] }

    mutating func bool(_ name: String) -> Bool? {
        guard let text = query[name] else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: fail(name, "Use true or false."); return nil
        }
    }

    mutating func int(_ name: String, range: ClosedRange<Int>) -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            fail(name, "Use an integer from \(range.lowerBound) to \(range.upperBound)."); return nil
        }
        return value
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let text = query[name] else { return nil }
        if let value = E(rawValue: text) { return value }
        fail(name, "\"\(text)\" is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
        return nil
    }

    mutating func day(_ name: String) -> Day? {
        guard let text = query[name] else { return nil }
        if let day = Day(text) { return day }
        fail(name, "Use a date YYYY-MM-DD."); return nil
    }

    mutating func instant(_ name: String) -> Instant? {
        guard let text = query[name] else { return nil }
        if let instant = Instant(text) { return instant }
        fail(name, "Use an RFC 3339 instant like 2026-11-29T17:39:24Z or 2026-11-29T12:39:24-05:00 (a + in a query is written %2B)."); return nil
    }

    mutating func carc(_ name: String) -> CARC? {
        guard let text = query[name] else { return nil }
        if let carc = CARC(text) { return carc }
        fail(name, "Use a CARC written GROUP-CODE, e.g. CO-16."); return nil
    }

    /// `q`, free text to search for: 1 to 100 characters once trimmed, nil when absent.
    mutating func search() -> String? {
        guard let text = query["q"] else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(trimmed.count) else { fail("q", "Give 1 to 100 characters to search for."); return nil }
        return trimmed
    }

    /// `limit` (1–200, default 50) and `cursor` (not empty: a `next_cursor` is never empty).
    mutating func page() -> PageRequest {
        let cursor = string("cursor")
        if cursor?.isEmpty == true { fail("cursor", "Send the next_cursor of the previous page, or no cursor for the first.") }
        return PageRequest(limit: int("limit", range: 1...PageRequest.maximumLimit) ?? 50, cursor: cursor)
    }

    /// Throws one 400 naming every bad parameter, and every parameter given more than once (no
    /// parameter takes several values: which one would count is ambiguous).
    func check() throws {
        var errors = errors
        var seen = Set<String>(), repeated = Set<String>()
        for pair in query.pairs where !seen.insert(pair.name).inserted && repeated.insert(pair.name).inserted {
            errors.append(FieldError(parameter: pair.name, "Give \(pair.name) once."))
        }
        guard !errors.isEmpty else { return }
        throw APIError(status: 400, slug: "invalid-query", title: "Invalid query parameter",
                       detail: errors.map(\.detail).joined(separator: " "), errors: errors)
    }
}
