import Foundation
import CaseworkUseCases

extension PageRequest {
    /// Pages rows ordered by a unique text key `column` ascending; `rows` gets (sql suffix, bindings).
    /// The cursor names `list` beside the key, so a cursor of another list is refused, not read as
    /// a key of this one (`PageError.invalidCursor`).
    func keyed<T>(list: String, column: String, key: (T) -> String,
                  fetch: (_ afterClause: String, _ bindings: [SQLValue], _ limit: Int) throws -> [T]) throws -> Page<T> {
        var clause = ""
        var bindings: [SQLValue] = []
        if let cursor {
            guard let parts = Cursor.decode(cursor, count: 2), parts[0] == list else { throw PageError.invalidCursor }
            clause = " AND \(column) > ?"
            bindings = [.text(parts[1])]
        }
        var rows = try fetch(clause, bindings, limit + 1)
        var next: String?
        if rows.count > limit {
            rows.removeLast()
            next = rows.last.map { Cursor.encode([list, key($0)]) }
        }
        return Page(items: rows, nextCursor: next)
    }
}
