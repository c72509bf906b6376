#ifndef CASEWORK_CPOSTGRESQL_SHIM_H
#define CASEWORK_CPOSTGRESQL_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
