/// A value before or after a change in an audit event (`{"field":{"before":…,"after":…}}`), one of
/// the JSON shapes the log stores: null, a string, an integer, a boolean, a list or an object.
///
/// Typed so that comparing two versions of an entity and writing the event need no runtime casts
/// (a posting audits every claim it touches; `Any` values cost it a tenth of its time).
public enum AuditValue: Equatable, Sendable {
    case null
    case text(String)
    case integer(Int)
    case flag(Bool)
    case list([AuditValue])
    /// An object; its members are written with their names sorted.
    case object([String: AuditValue])
}

/// A Swift value that an audit event records as an `AuditValue` (strings, integers, booleans, lists
/// of them; an optional's nil is `null`).
public protocol AuditValueConvertible {
    var auditValue: AuditValue { get }
}

extension AuditValue: AuditValueConvertible {
    public var auditValue: AuditValue { self }
}

extension String: AuditValueConvertible {
    public var auditValue: AuditValue { .text(self) }
}

extension Int: AuditValueConvertible {
    public var auditValue: AuditValue { .integer(self) }
}

extension Bool: AuditValueConvertible {
    public var auditValue: AuditValue { .flag(self) }
}

extension Array: AuditValueConvertible where Element: AuditValueConvertible {
    public var auditValue: AuditValue { .list(map(\.auditValue)) }
}

extension Optional: AuditValueConvertible where Wrapped: AuditValueConvertible {
    public var auditValue: AuditValue { map(\.auditValue) ?? .null }
}
