// File: executor/testing_util.h
//
// Helpers for the executor's integration tests, which run real containers
// with runc on the busybox rootfs: the reason to skip (not root, no runc, no
// rootfs), a fresh state root per test (IntegrationTest), and
// RunCommandInChild, which runs an
// ocikit command function in a forked child with files as its stdio, exactly
// as the ocikit binary would run it (its own process, signals, subreaper).
#ifndef OCIKIT_EXECUTOR_TESTING_UTIL_H_
#define OCIKIT_EXECUTOR_TESTING_UTIL_H_

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "executor/cli/command.h"
#include "executor/default_rootfs.h"
#include "executor/runtime.h"
#include "executor/spawn.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor::testing {

// runc's absolute path, searched in PATH and the usual system directories.
inline std::optional<std::string> FindRunc(const char* name = "runc") {
  const char* env = std::getenv("PATH");
  const std::string path = absl::StrCat(env ? env : "", ":", kFallbackSearchPath);
  absl::StatusOr<std::string> found = FindExecutable(name, "runtime", path);
  if (!found.ok()) return std::nullopt;
  return *found;
}

// Why the integration tests cannot run here, or "" when they can.
inline std::string SkipReason() {
  if (::geteuid() != 0) return "needs root to run containers with runc";
  std::optional<std::string> runc = FindRunc();
  if (!runc) return "runc is not installed (scripts/setup.sh installs it)";
  absl::StatusOr<std::string> rootfs = FindDefaultRootfs();
  if (!rootfs.ok()) return std::string(rootfs.status().message());
  char tmpl[] = "/tmp/ocikit-probe.XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) return "cannot create a temporary directory";
  absl::StatusOr<CommandResult> r = RunCommand({*runc, "--root", tmpl, "list"}, {});
  RemoveTree(tmpl).IgnoreError();
  if (!r.ok() || !r->success()) return absl::StrCat("runc does not work here: ", r.ok() ? r->err : r.status().message());
  return "";
}

// What the container tests need, found once per test binary: why they
// cannot run here ("" when they can), runc's path and the busybox rootfs.
struct ContainerEnv {
  std::string skip;
  std::string runc;
  std::string rootfs;
};

inline const ContainerEnv& GetContainerEnv() {
  static const ContainerEnv* env = [] {
    auto* e = new ContainerEnv{SkipReason(), "", ""};
    if (e->skip.empty()) {
      e->runc = *FindRunc();
      e->rootfs = *FindDefaultRootfs();
    }
    return e;
  }();
  return *env;
}

// The names in `root`/bundles (none when it does not exist).
inline std::vector<std::string> BundleNames(const std::string& root) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir((root + "/bundles").c_str())) {
    while (const dirent* e = ::readdir(d)) {
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
    }
    ::closedir(d);
  }
  return names;
}

// What a command run in a child gave.
struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
  absl::Duration elapsed;
};

inline std::string TempFile(const std::string& dir, const std::string& name, const std::string& content) {
  const std::string path = dir + "/" + name;
  WriteFileAtomic(path, content, 0600).IgnoreError();
  return path;
}

inline std::string ReadAll(const std::string& path) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, 64 << 20);
  return text.ok() ? *text : "";
}

// One process of /proc/PID/stat: "pid (comm) state ppid ...".
struct ProcessInfo {
  pid_t pid = 0;
  std::string comm;
  char state = '?';
  pid_t ppid = 0;
};

// Every process this process can see in /proc.
inline std::vector<ProcessInfo> ListProcesses() {
  std::vector<ProcessInfo> found;
  DIR* d = ::opendir("/proc");
  if (d == nullptr) return found;
  while (const dirent* e = ::readdir(d)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    const std::string stat = ReadAll(absl::StrCat("/proc/", pid, "/stat"));
    const size_t open = stat.find('(');
    const size_t close = stat.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close + 2 >= stat.size()) continue;
    const std::vector<std::string> fields = absl::StrSplit(stat.substr(close + 2), ' ');
    if (fields.size() < 2 || fields[0].empty()) continue;
    found.push_back({pid, stat.substr(open + 1, close - open - 1), fields[0][0],
                     static_cast<pid_t>(std::atoi(fields[1].c_str()))});
  }
  ::closedir(d);
  return found;
}

// A command function running in a forked child (see Start).
struct ChildCommand {
  pid_t pid = -1;
  std::string dir;  // holds in, out, err
  std::string out_path() const { return dir + "/out"; }
  absl::Time start;
};

// Starts `fn(args)` in a forked child whose stdin holds `input` and whose
// stdout and stderr are files.
inline ChildCommand StartCommandInChild(cli::CommandFn fn, const std::vector<std::string>& args,
                                        const std::string& input = "") {
  ChildCommand c;
  char tmpl[] = "/tmp/ocikit-io.XXXXXX";
  c.dir = ::mkdtemp(tmpl);
  const std::string in = TempFile(c.dir, "in", input);
  const std::string out = TempFile(c.dir, "out", "");
  const std::string err = TempFile(c.dir, "err", "");
  std::cout.flush();
  std::cerr.flush();
  c.start = absl::Now();
  c.pid = ::fork();
  if (c.pid == 0) {
    const int i = ::open(in.c_str(), O_RDONLY);
    const int o = ::open(out.c_str(), O_WRONLY | O_APPEND);
    const int e = ::open(err.c_str(), O_WRONLY | O_APPEND);
    ::dup2(i, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    const int code = fn(args, {std::cin, std::cout, std::cerr});
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::_exit(code);
  }
  return c;
}

// Waits for the child and collects what it gave.
inline Outcome WaitForCommand(const ChildCommand& c) {
  int status = 0;
  ::waitpid(c.pid, &status, 0);
  Outcome r;
  r.elapsed = absl::Now() - c.start;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
  r.out = ReadAll(c.dir + "/out");
  r.err = ReadAll(c.dir + "/err");
  RemoveTree(c.dir).IgnoreError();
  return r;
}

// StartCommandInChild, then `during(pid, stdout_path)` when given (e.g. to
// send the child a signal), then WaitForCommand.
inline Outcome RunCommandInChild(cli::CommandFn fn, const std::vector<std::string>& args, const std::string& input = "",
                                 const std::function<void(pid_t, const std::string&)>& during = {}) {
  ChildCommand c = StartCommandInChild(fn, args, input);
  if (during) during(c.pid, c.out_path());
  return WaitForCommand(c);
}

// Waits until the file at `path` contains `text` (at most `timeout`).
inline bool WaitForText(const std::string& path, const std::string& text, absl::Duration timeout = absl::Seconds(10)) {
  const absl::Time until = absl::Now() + timeout;
  while (absl::Now() < until) {
    if (ReadAll(path).find(text) != std::string::npos) return true;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return false;
}

// The fixture of the integration tests: skips (saying why) where they cannot
// run; otherwise `runc_` and `rootfs_` are set and `root_` is a fresh state
// root named after `Prefix()`. Subclasses clean up in TearDown.
class IntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (skip_ != nullptr) return;
    skip_ = new std::string(SkipReason());
    if (skip_->empty()) {
      runc_ = new std::string(*FindRunc());
      rootfs_ = new std::string(*FindDefaultRootfs());
    }
  }
  void SetUp() override {
    if (!skip_->empty()) GTEST_SKIP() << *skip_;
    std::string tmpl = absl::StrCat("/tmp/", Prefix(), ".XXXXXX");
    root_ = ::mkdtemp(tmpl.data());
  }
  virtual const char* Prefix() const = 0;

  static inline std::string* skip_ = nullptr;
  static inline std::string* runc_ = nullptr;
  static inline std::string* rootfs_ = nullptr;
  std::string root_;
};

}  // namespace ocikit::executor::testing

#endif  // OCIKIT_EXECUTOR_TESTING_UTIL_H_
