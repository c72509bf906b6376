#ifndef CASEWORK_CMALLOC_SHIM_H
#define CASEWORK_CMALLOC_SHIM_H
// glibc's mallinfo2(3), what the heap holds, for the metrics; Swift's Glibc module does not export it.
#include <malloc.h>
#endif
