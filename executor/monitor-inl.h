// File: executor/monitor-inl.h
//
// Definitions of executor/monitor.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_MONITOR_INL_H_
#define OCIKIT_EXECUTOR_MONITOR_INL_H_

#include "executor/monitor.h"
#include "spec/internal/compile_mode.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "executor/container_log.h"
#include "executor/exit_code.h"
#include "executor/owner.h"
#include "executor/run.h"
#include "executor/supervise.h"
#include "executor/unique_fd.h"

namespace ocikit::executor {

namespace internal {

OCIKIT_INLINE MonitorReport ParseMonitorReport(absl::string_view text, absl::string_view id) {
  MonitorReport r;
  const size_t eol = text.find('\n');
  const absl::string_view first = text.substr(0, eol);
  r.messages = std::string(eol == absl::string_view::npos ? "" : text.substr(eol + 1));
  if (first == "started") return r;
  if (absl::StartsWith(first, "exit ") && absl::SimpleAtoi(first.substr(5), &r.code)) return r;
  r.code = kExitOcikitError;
  r.messages = absl::StrCat("ocikit: run: the monitor of container \"", id,
                            "\" ended before the container started, without saying why\n");
  return r;
}

// Makes the monitor's stdio /dev/null and closes every other descriptor it
// inherited but `keep_a` and `keep_b`: the caller's pipes must see their end.
OCIKIT_INLINE void DetachDescriptors(int keep_a, int keep_b) {
  const int null_fd = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd < 3; ++fd) {
    if (null_fd >= 0 && null_fd != fd) ::dup2(null_fd, fd);
  }
  if (null_fd > 2) ::close(null_fd);
  std::vector<int> open_fds;
  if (DIR* d = ::opendir("/proc/self/fd")) {
    const int dir_fd = ::dirfd(d);
    while (const dirent* e = ::readdir(d)) {
      int fd = -1;
      if (absl::SimpleAtoi(e->d_name, &fd) && fd > 2 && fd != dir_fd && fd != keep_a && fd != keep_b) {
        open_fds.push_back(fd);
      }
    }
    ::closedir(d);
  }
  for (int fd : open_fds) ::close(fd);
}

OCIKIT_INLINE void WriteReport(int fd, const std::string& text) {
  if (fd >= 0) WriteAllFd(fd, text.data(), text.size());
}

// The monitor itself (see the file comment); never returns.
[[noreturn]] OCIKIT_INLINE void MonitorMain(Spec spec, DetachOptions& o, int lock, int report) {
  ::prctl(PR_SET_NAME, "ocikit-monitor", 0, 0, 0);
  DetachDescriptors(lock, report);
  const BundlePaths b = BundlePaths::For(o.run.state_root, o.run.id);
  ContainerRecord& record = o.record;
  record.detached = true;
  record.owner_pid = ::getpid();
  WriteRecord(b.status, record).IgnoreError();
  ContainerLog log(b);
  std::ostringstream messages;
  RunOptions& run = o.run;
  run.keep_bundle = run.keep_bundle || !record.remove;
  run.write_output = [&log](const char* data, size_t size) {
    log.Write(data, size);
    return true;
  };
  run.on_started = [&](pid_t pid) {
    record.status = std::string(kStatusRunning);
    record.pid = pid;
    WriteRecord(b.status, record).IgnoreError();
    WriteReport(report, absl::StrCat("started\n", messages.str()));
    ::close(report);
    report = -1;
    messages.str("");
  };
  run.on_finished = [&](int code, bool) {
    record.status = std::string(kStatusExited);
    record.exit_code = code;
    record.finished = absl::Now();
    WriteExitCodeToLock(lock, code);
    if (!record.remove) WriteRecord(b.status, record).IgnoreError();
  };
  const int code = RunContainer(std::move(spec), run, messages);
  if (report >= 0) {
    WriteReport(report, absl::StrCat("exit ", code, "\n", messages.str()));
  } else if (const std::string rest = messages.str(); !rest.empty()) {
    log.Write(rest.data(), rest.size());
  }
  ::_exit(0);
}
}  // namespace internal

OCIKIT_INLINE int RunDetached(Spec spec, DetachOptions o, UniqueFd lock, std::ostream& out, std::ostream& messages) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    messages << "ocikit: run: pipe: " << std::strerror(errno) << "\n";
    RemoveTree(BundlePaths::For(o.run.state_root, o.run.id).dir).IgnoreError();
    return kExitOcikitError;
  }
  UniqueFd report_out(fds[0]);
  UniqueFd report_in(fds[1]);
  out.flush();
  messages.flush();
  const pid_t child = ::fork();
  if (child < 0) {
    messages << "ocikit: run: cannot start the container's monitor: fork: " << std::strerror(errno) << "\n";
    RemoveTree(BundlePaths::For(o.run.state_root, o.run.id).dir).IgnoreError();
    return kExitOcikitError;
  }
  if (child == 0) {
    report_out.Reset();
    ::setsid();
    const pid_t monitor = ::fork();
    if (monitor != 0) ::_exit(monitor < 0 ? 1 : 0);
    internal::MonitorMain(std::move(spec), o, lock.get(), report_in.get());
  }
  report_in.Reset();
  lock.Reset();  // the monitor holds the lock now
  int status = 0;
  ::waitpid(child, &status, 0);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(report_out.get(), buf, sizeof(buf))) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  const internal::MonitorReport report = internal::ParseMonitorReport(text, o.run.id);
  messages << report.messages;
  if (report.code == kExitSuccess) out << o.run.id << "\n";
  out.flush();
  messages.flush();
  return report.code;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_MONITOR_INL_H_
