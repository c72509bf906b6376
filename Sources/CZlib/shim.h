#ifndef CASEWORK_CZLIB_SHIM_H
#define CASEWORK_CZLIB_SHIM_H
#include <zlib.h>
#endif
