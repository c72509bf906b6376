#ifndef CASEWORK_CSQLITE_SHIM_H
#define CASEWORK_CSQLITE_SHIM_H
#include <sqlite3.h>

/// Turns off SQLite's process-wide memory statistics (SQLITE_CONFIG_MEMSTATUS), which take a
/// global mutex in every sqlite3_malloc and sqlite3_free. sqlite3_config is variadic, which Swift
/// cannot call; this wrapper fixes its arguments. Valid only before sqlite3_initialize (or after
/// sqlite3_shutdown): returns SQLITE_MISUSE otherwise.
static inline int casework_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
