// File: executor/spawn-inl.h
//
// Definitions of executor/spawn.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_SPAWN_INL_H_
#define OCIKIT_EXECUTOR_SPAWN_INL_H_

#include "executor/spawn.h"
#include "spec/internal/compile_mode.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/exit_code.h"
#include "executor/unique_fd.h"
#include "spec/internal/status_macros.h"

namespace ocikit::executor {

OCIKIT_INLINE absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv, const SpawnStdio& stdio,
                                   bool new_session) {
  if (argv.empty()) return absl::InvalidArgumentError("spawn: empty argument list");
  std::vector<char*> cargv;
  cargv.reserve(argv.size() + 1);
  for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);

  posix_spawnattr_t attr;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_init(&actions);
  sigset_t empty;
  sigset_t all;
  sigemptyset(&empty);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &all);
  int flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (new_session) flags |= POSIX_SPAWN_SETSID;
  posix_spawnattr_setflags(&attr, static_cast<short>(flags));
  const int targets[3] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};
  const int sources[3] = {stdio.in, stdio.out, stdio.err};
  for (int i = 0; i < 3; ++i) {
    if (sources[i] >= 0) posix_spawn_file_actions_adddup2(&actions, sources[i], targets[i]);
  }
  pid_t pid = -1;
  const int err = ::posix_spawn(&pid, cargv[0], &actions, &attr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) return absl::FailedPreconditionError(absl::StrCat("cannot run ", argv[0], ": ", std::strerror(err)));
  return pid;
}

namespace internal {

OCIKIT_INLINE int PidfdOpen(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

OCIKIT_INLINE int PollTimeoutMs(absl::Time deadline) {
  if (deadline == absl::InfiniteFuture()) return -1;
  const absl::Duration left = deadline - absl::Now();
  if (left <= absl::ZeroDuration()) return 0;
  return static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))),
                                            int64_t{1} << 30));
}

OCIKIT_INLINE pid_t WaitPidNoIntr(pid_t pid, int* status, int flags) {
  while (true) {
    const pid_t r = ::waitpid(pid, status, flags);
    if (r >= 0 || errno != EINTR) return r;
  }
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<WaitResult> WaitChild(pid_t pid, absl::Duration timeout) {
  WaitResult result;
  if (timeout != absl::InfiniteDuration()) {
    const absl::Time deadline = absl::Now() + timeout;
    UniqueFd pidfd(internal::PidfdOpen(pid));
    while (true) {
      const pid_t r = internal::WaitPidNoIntr(pid, &result.status, WNOHANG);
      if (r < 0) return absl::InternalError(absl::StrCat("waitpid ", pid, ": ", std::strerror(errno)));
      if (r == pid) return result;
      const int ms = internal::PollTimeoutMs(deadline);
      if (ms == 0) break;
      if (pidfd.valid()) {
        pollfd p = {pidfd.get(), POLLIN, 0};
        ::poll(&p, 1, ms);
      } else {
        ::usleep(static_cast<useconds_t>(std::min(ms, 5) * 1000));  // no pidfd (kernel < 5.3)
      }
    }
    ::kill(pid, SIGKILL);
    result.timed_out = true;
  }
  if (internal::WaitPidNoIntr(pid, &result.status, 0) < 0) {
    return absl::InternalError(absl::StrCat("waitpid ", pid, ": ", std::strerror(errno)));
  }
  return result;
}

namespace internal {

OCIKIT_INLINE absl::StatusOr<UniqueFd> MemFd(const char* name) {
  UniqueFd fd(::memfd_create(name, MFD_CLOEXEC));
  if (!fd.valid()) return absl::InternalError(absl::StrCat("memfd_create: ", std::strerror(errno)));
  return fd;
}

OCIKIT_INLINE std::string ReadBack(int fd, size_t max) {
  std::string data;
  if (::lseek(fd, 0, SEEK_SET) != 0) return data;
  char buf[8192];
  while (data.size() < max) {
    const ssize_t n = ::read(fd, buf, std::min(sizeof(buf), max - data.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  return data;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv, const CommandOptions& options) {
  UniqueFd null_in;
  SpawnStdio stdio;
  stdio.in = options.stdin_fd;
  if (stdio.in < 0) {
    null_in = UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!null_in.valid()) return absl::InternalError(absl::StrCat("/dev/null: ", std::strerror(errno)));
    stdio.in = null_in.get();
  }
  UniqueFd out;
  UniqueFd err;
  if (options.capture_stdout) {
    OCIKIT_ASSIGN_OR_RETURN(UniqueFd fd, internal::MemFd("ocikit-stdout"));
    out = std::move(fd);
    stdio.out = out.get();
  }
  if (options.capture_stderr) {
    OCIKIT_ASSIGN_OR_RETURN(UniqueFd fd, internal::MemFd("ocikit-stderr"));
    err = std::move(fd);
    stdio.err = err.get();
  }
  OCIKIT_ASSIGN_OR_RETURN(pid_t pid, Spawn(argv, stdio));
  OCIKIT_ASSIGN_OR_RETURN(WaitResult waited, WaitChild(pid, options.timeout));
  CommandResult result;
  result.status = waited.status;
  result.timed_out = waited.timed_out;
  if (out.valid()) result.out = internal::ReadBack(out.get(), options.max_output);
  if (err.valid()) result.err = internal::ReadBack(err.get(), options.max_output);
  return result;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_SPAWN_INL_H_
