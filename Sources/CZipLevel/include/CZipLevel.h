#ifndef CZIPLEVEL_H
#define CZIPLEVEL_H

/// Sets the zlib compression level (0-9, -1 for zlib's default, -2 to leave
/// each caller's own level) used by every deflate stream started from now on
/// on the calling thread, through an interposed deflateInit2_. Returns 1 once the
/// interposition has been seen in effect.
int xlsx_set_deflate_level(int level);

#endif
