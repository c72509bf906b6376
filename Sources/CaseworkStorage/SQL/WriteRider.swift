import Foundation

/// Work that rides along at the start of every outermost write transaction of a `SQLiteDatabase`
/// (set with `SQLiteDatabase.setWriteRider`): queued rows written inside the transaction, before
/// its body, so that they commit with it and come before its own rows.
protocol WriteRider: AnyObject, Sendable {
    /// Called inside the transaction, on the thread that holds the writer (after `BEGIN`, before the
    /// body): a `write` made here joins the transaction as a savepoint. Must not throw or leave the
    /// transaction unusable: a rider whose nested `write` fails (undone by it) returns nil.
    /// - Returns: what to call once the transaction has ended, told whether it committed; nil when
    ///   the rider wrote nothing.
    func board() -> (@Sendable (_ committed: Bool) -> Void)?
}

/// The database's rider, held weakly (the rider usually holds the database) behind a lock.
final class WriteRiderSlot: @unchecked Sendable {
    private let lock = NSLock()
    private weak var rider: (any WriteRider)?

    var current: (any WriteRider)? {
        lock.lock()
        defer { lock.unlock() }
        return rider
    }

    func set(_ newValue: any WriteRider) {
        lock.lock()
        defer { lock.unlock() }
        rider = newValue
    }
}
