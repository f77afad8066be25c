// Counts heap allocations made by this process, so benchmarks can report allocations
// per operation without a profiler. The counting wrappers replace glibc's malloc family
// for the whole executable and forward to glibc's own implementation.
#include <stdint.h>
uint64_t lbkit_allocation_count(void);
