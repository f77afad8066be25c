// libFuzzer's driver entry point (compiler-rt, FuzzerInterface.h). SwiftPM renames an
// executable's main to <Target>_main on Linux, so each fuzzer calls the driver itself.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
