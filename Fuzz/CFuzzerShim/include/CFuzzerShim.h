#ifndef CONFORM_FUZZER_SHIM_H
#define CONFORM_FUZZER_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// One fuzz input: libFuzzer's LLVMFuzzerTestOneInput signature.
typedef int (*conform_fuzz_callback)(const uint8_t *data, size_t size);

/// libFuzzer's entry point when a target is built with -sanitize=fuzzer; declared weak, so
/// the same target links without the fuzzer and its address is then NULL.
int LLVMFuzzerRunDriver(int *argc, char ***argv, conform_fuzz_callback callback) __attribute__((weak));

/// Runs libFuzzer when it is linked in; otherwise replays every file named in argv, and
/// every file directly inside a directory named there, through `callback` (corpus replay).
/// Returns the process exit status: 0, or 1 when an input cannot be read.
int conform_fuzz_main(int argc, char **argv, conform_fuzz_callback callback);

#endif
