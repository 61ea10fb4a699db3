// libxlsxwriter 1.1.4 has no setting for the zip compression level: its zip
// writer (minizip) always asks zlib for the default level (6). Deflate is most
// of the time spent closing a large workbook, and level 1 takes about half as
// long for a file about a fifth larger. This file defines zlib's deflateInit2_
// in the executable, which the dynamic linker then prefers over libz's for
// every caller in the process; it forwards to the real one (RTLD_NEXT) with
// the level chosen by pledge_set_deflate_level, and changes nothing else.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "CPledgeSupport.h"

typedef int (*deflate_init2_fn)(void *strm, int level, int method, int window_bits, int mem_level,
                                int strategy, const char *version, int stream_size);

static int chosen_level = -2;   // -2: leave the caller's level alone
static int interposed = 0;

int deflateInit2_(void *strm, int level, int method, int window_bits, int mem_level, int strategy,
                  const char *version, int stream_size) {
    static deflate_init2_fn real = NULL;
    if (real == NULL) {
        real = (deflate_init2_fn)dlsym(RTLD_NEXT, "deflateInit2_");
        if (real == NULL) return -2;   // Z_STREAM_ERROR
    }
    interposed = 1;
    if (chosen_level >= -1 && chosen_level <= 9) level = chosen_level;
    return real(strm, level, method, window_bits, mem_level, strategy, version, stream_size);
}

int pledge_set_deflate_level(int level) {
    chosen_level = level;
    return interposed;
}
