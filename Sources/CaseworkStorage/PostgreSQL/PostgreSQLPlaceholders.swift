/// The statements storage writes use SQLite's `?` parameters; PostgreSQL numbers them (`$1`, `$2`, …).
enum PostgreSQLPlaceholders {
    /// `sql` with each `?` outside quoted text, quoted identifiers and comments replaced by `$n`
    /// in order, and the number of parameters found.
    /// Source: https://www.postgresql.org/docs/15/sql-syntax-lexical.html (4.1.2.1, 4.1.5, 4.2.2)
    static func numbered(_ sql: String) -> (sql: String, count: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        let bytes = Array(sql.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // Quoted text or identifier; a doubled quote inside stays inside.
                let end = closing(byte, in: bytes, from: i + 1)
                out.append(contentsOf: bytes[i..<end])
                i = end
            case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "-"):
                let end = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                out.append(contentsOf: bytes[i..<end])
                i = end
            case UInt8(ascii: "?"):
                count += 1
                out.append(UInt8(ascii: "$"))
                out.append(contentsOf: String(count).utf8)
                i += 1
            default:
                out.append(byte)
                i += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), count)
    }

    /// The index just past the quote closing the text opened before `start`, or the end.
    private static func closing(_ quote: UInt8, in bytes: [UInt8], from start: Int) -> Int {
        var j = start
        while j < bytes.count {
            if bytes[j] == quote {
                if j + 1 < bytes.count && bytes[j + 1] == quote { j += 2; continue }
                return j + 1
            }
            j += 1
        }
        return bytes.count
    }
}
