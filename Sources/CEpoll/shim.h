#ifndef CASEWORK_CEPOLL_SHIM_H
#define CASEWORK_CEPOLL_SHIM_H
// Linux readiness notification (epoll(7)) and the event counter used to wake a loop
// (eventfd(2)); neither is exported by Swift's Glibc module.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
