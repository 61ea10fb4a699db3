#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "CPledgeSupport.h"

static int signal_pipe[2] = {-1, -1};

/* Async-signal-safe: one write(2) of the signal's number, errno kept. */
static void on_signal(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    (void)!write(signal_pipe[1], &byte, 1);
    errno = saved;
}

int pledge_signal_pipe(void) {
    if (signal_pipe[0] >= 0) return signal_pipe[0];
    if (pipe2(signal_pipe, O_CLOEXEC) != 0) return -1;
    int signals[] = {SIGTERM, SIGINT, SIGHUP};
    sigset_t unblock;
    sigemptyset(&unblock);
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        /* SIGHUP ignored when the job started (nohup) stays ignored. */
        if (signals[i] == SIGHUP && sigaction(SIGHUP, NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(signals[i], &sa, NULL);
        sigaddset(&unblock, signals[i]);
    }
    /* A mask inherited from the parent (some launchers block signals) would hold them pending forever. */
    pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
    return signal_pipe[0];
}
