import Foundation
import CaseworkUseCases

extension PageRequest {
    /// Pages rows ordered by a unique text key `column` ascending; `rows` gets (sql suffix, bindings).
    func keyed<T>(column: String, key: (T) -> String,
                  fetch: (_ afterClause: String, _ bindings: [SQLValue], _ limit: Int) throws -> [T]) throws -> Page<T> {
        var clause = ""
        var bindings: [SQLValue] = []
        if let cursor {
            guard let parts = Cursor.decode(cursor, count: 1) else { throw PageError.invalidCursor }
            clause = " AND \(column) > ?"
            bindings = [.text(parts[0])]
        }
        var rows = try fetch(clause, bindings, limit + 1)
        var next: String?
        if rows.count > limit {
            rows.removeLast()
            next = rows.last.map { Cursor.encode([key($0)]) }
        }
        return Page(items: rows, nextCursor: next)
    }
}
