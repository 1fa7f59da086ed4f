#ifndef SWITCHBOARD_SYSTEM_SHIMS_H
#define SWITCHBOARD_SYSTEM_SHIMS_H

// GNU extensions of glibc that Swift's Glibc module does not expose (it is built without
// _GNU_SOURCE, and defining it here would change the layout of shared system types). They are
// declared directly, with their glibc signatures, and wrapped.

int pipe2(int pipefd[2], int flags);
int posix_spawn_file_actions_addchdir_np(void *file_actions, const char *path);

// A pipe whose ends close on exec, created atomically (no window in which a concurrent spawn
// could inherit them). 02000000 is O_CLOEXEC on Linux.
static inline int sb_pipe_cloexec(int fds[2]) { return pipe2(fds, 02000000); }

// Makes the spawned child start in `path`.
static inline int sb_spawn_file_actions_addchdir(void *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

#endif
