#ifndef CASEWORK_CSQLITE_SHIM_H
#define CASEWORK_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
