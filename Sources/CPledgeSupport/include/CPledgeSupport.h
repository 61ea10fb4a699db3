#ifndef CPLEDGESUPPORT_H
#define CPLEDGESUPPORT_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where unsupported).
int pledge_exchange_paths(const char *a, const char *b);



/// Sets the zlib compression level (0-9, or -1 for zlib's default) that
/// libxlsxwriter's zip writer uses from now on, through an interposed
/// deflateInit2_. Returns 1 when the interposition is in effect.
int pledge_set_deflate_level(int level);
#endif
