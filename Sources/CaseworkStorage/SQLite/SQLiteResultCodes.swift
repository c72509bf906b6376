import CSQLite

/// Extended result codes that Swift cannot import: the C macros are `(SQLITE_CONSTRAINT | (n<<8))`.
/// Values as in sqlite3.h. Source: https://www.sqlite.org/rescode.html#extrc
enum SQLiteExtendedCode {
    /// `SQLITE_CONSTRAINT_FOREIGNKEY` (787): a foreign key constraint failed.
    static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    /// `SQLITE_CONSTRAINT_PRIMARYKEY` (1555): a PRIMARY KEY constraint failed.
    static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    /// `SQLITE_CONSTRAINT_UNIQUE` (2067): a UNIQUE constraint (or unique index) failed.
    static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
}
