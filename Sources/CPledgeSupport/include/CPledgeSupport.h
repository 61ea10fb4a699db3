#ifndef CPLEDGESUPPORT_H
#define CPLEDGESUPPORT_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where unsupported).
int pledge_exchange_paths(const char *a, const char *b);

#endif
