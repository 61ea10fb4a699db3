#ifndef CPLEDGESUPPORT_H
#define CPLEDGESUPPORT_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where unsupported).
int pledge_exchange_paths(const char *a, const char *b);

/// Installs handlers for SIGTERM, SIGINT and SIGHUP (SIGHUP only if not
/// ignored when the process started: nohup) that only write the signal's number, one byte, to a
/// pipe. Returns the pipe's read end (the same on later calls), or -1.
int pledge_signal_pipe(void);

#endif
