import CPostgreSQL

/// Parameters of one statement in libpq's shape: a C string per value (text format) or raw bytes
/// (binary format, for blobs), NULL as a null pointer.
struct PostgreSQLParameters {
    /// Each value's bytes, NUL-terminated for text; nil for SQL NULL.
    private(set) var buffers: [[UInt8]?] = []
    private(set) var lengths: [Int32] = []
    private(set) var formats: [Int32] = []

    /// - Throws: `PostgreSQLError` `22021` for text holding a NUL character, which PostgreSQL's text cannot store.
    init(_ values: [SQLValue]) throws {
        for value in values {
            switch value {
            case .null: append(nil, format: 0)
            case .integer(let v): append(Array(String(v).utf8) + [0], format: 0)
            case .real(let v): append(Array(String(v).utf8) + [0], format: 0)
            case .text(let v):
                guard !v.utf8.contains(0) else {
                    throw PostgreSQLError(sqlState: "22021", message: "text with a NUL character cannot be stored", sql: nil)
                }
                append(Array(v.utf8) + [0], format: 0)
            case .blob(let v): append(v, format: 1)
            }
        }
    }

    private mutating func append(_ bytes: [UInt8]?, format: Int32) {
        buffers.append(bytes)
        lengths.append(Int32(format == 1 ? bytes?.count ?? 0 : 0))
        formats.append(format)
    }

    /// Calls `body` with libpq's `paramValues`, `paramLengths` and `paramFormats` arrays, valid only during the call.
    func withPointers<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(buffers.count)
        return withPointers(index: 0, collected: &pointers, body)
    }

    /// Pins each buffer in turn (nested closures keep every one alive until `body` returns).
    private func withPointers<R>(index: Int, collected: inout [UnsafePointer<CChar>?],
                                 _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        guard index < buffers.count else {
            return collected.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in body(values.baseAddress, lengths.baseAddress, formats.baseAddress) }
                }
            }
        }
        guard let buffer = buffers[index] else {
            collected.append(nil)
            return withPointers(index: index + 1, collected: &collected, body)
        }
        return buffer.withUnsafeBytes { raw in
            collected.append(raw.baseAddress?.assumingMemoryBound(to: CChar.self))
            return withPointers(index: index + 1, collected: &collected, body)
        }
    }
}

extension PostgreSQLConnection {
    /// Type OIDs of the result columns read as numbers or bytes (`pg_type.oid`, stable across versions).
    enum TypeOID {
        static let bool: Oid = 16, bytea: Oid = 17, int8: Oid = 20, int2: Oid = 21, int4: Oid = 23, oid: Oid = 26
        static let float4: Oid = 700, float8: Oid = 701, numeric: Oid = 1700
    }

    /// A result field in text format as an `SQLValue` of its column's type (see the type's documentation).
    static func value(_ text: UnsafePointer<CChar>, length: Int, type: Oid) -> SQLValue {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: length)
        switch type {
        case TypeOID.int2, TypeOID.int4, TypeOID.int8, TypeOID.oid:
            return Int64(String(decoding: bytes, as: UTF8.self)).map(SQLValue.integer) ?? .text(String(decoding: bytes, as: UTF8.self))
        case TypeOID.bool:
            return .integer(bytes.first == UInt8(ascii: "t") ? 1 : 0)
        case TypeOID.float4, TypeOID.float8:
            return Double(String(decoding: bytes, as: UTF8.self)).map(SQLValue.real) ?? .null
        case TypeOID.numeric:
            let digits = String(decoding: bytes, as: UTF8.self)
            if let whole = Int64(digits) { return .integer(whole) }
            return Double(digits).map(SQLValue.real) ?? .text(digits)
        case TypeOID.bytea:
            return .blob(hexBytea(bytes))
        default:
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `\x` then two hex digits per byte: `bytea`'s text output (`bytea_output = hex`, the default since 9.0).
    static func hexBytea(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: c &- UInt8(ascii: "A") &+ 10
            }
        }
        guard text.count >= 2 else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity((text.count - 2) / 2)
        var i = 2
        while i + 1 < text.count {
            out.append(nibble(text[i]) << 4 | nibble(text[i + 1]))
            i += 2
        }
        return out
    }
}
