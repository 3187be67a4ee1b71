// Definitions of executor/runtime_shim/shim.h: included by it in header-only
// mode (the default); compiled once in compiled mode
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_SHIM_INL_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_SHIM_INL_H_

#include "executor/runtime_shim/shim.h"
#include "spec/internal/compile_mode.h"

#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "executor/runtime.h"
#include "executor/spawn.h"
#include "nlohmann/json.hpp"
#include "spec/codec.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"

namespace ocikit::runtime_shim {

namespace internal {

// runc's global flags that take a value (urfave/cli: -x and --x, "=" or a separate value).
inline bool GlobalFlagTakesValue(absl::string_view name) {
  return name == "root" || name == "log" || name == "log-format" || name == "criu" || name == "rootless";
}

// "--name=value" / "-name" -> name and, when written with '=', value.
inline bool SplitFlag(absl::string_view arg, std::string& name, std::optional<std::string>& value) {
  if (arg.size() < 2 || arg[0] != '-' || arg == "--") return false;
  arg.remove_prefix(arg[1] == '-' ? 2 : 1);
  const size_t eq = arg.find('=');
  name = std::string(arg.substr(0, eq));
  value = eq == absl::string_view::npos ? std::nullopt : std::optional<std::string>(arg.substr(eq + 1));
  return true;
}

// The shim's own flag `name` with `value`; false when it is not one.
inline absl::StatusOr<bool> TakeShimFlag(const std::string& name, const std::optional<std::string>& value,
                                         ShimArgs& out) {
  if (name == "ocikit-fail-open") {
    out.fail_open = !value || *value == "true";
    return true;
  }
  if (name != "ocikit-policy" && name != "ocikit-delegate" && name != "ocikit-gate-socket") return false;
  if (!value || value->empty()) return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
  (name == "ocikit-policy" ? out.policy : name == "ocikit-delegate" ? out.delegate : out.gate_socket) = *value;
  return true;
}

}  // namespace internal

OCIKIT_INLINE ShimEnv ShimEnv::FromProcess() {
  ShimEnv env;
  const char* policy = std::getenv("OCIKIT_RUNTIME_POLICY");
  const char* delegate = std::getenv("OCIKIT_RUNTIME_DELEGATE");
  const char* fail_open = std::getenv("OCIKIT_RUNTIME_FAIL_OPEN");
  env.policy = policy == nullptr ? "" : policy;
  env.delegate = delegate == nullptr ? "" : delegate;
  env.fail_open = fail_open != nullptr && (absl::string_view(fail_open) == "1" || absl::string_view(fail_open) == "true");
  env.cwd = executor::internal::CurrentDir();
  if (const char* front = std::getenv("OCIKIT_RUNTIME_FRONT"); front != nullptr) {
    env.front = front;
    ::unsetenv("OCIKIT_RUNTIME_FRONT");
  }
  return env;
}

OCIKIT_INLINE std::vector<std::string> ShimArgs::DelegateArgs() const {
  std::vector<std::string> out = global;
  if (!command.empty()) out.push_back(command);
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

OCIKIT_INLINE absl::StatusOr<ShimArgs> ParseShimArgs(const std::vector<std::string>& args) {
  ShimArgs out;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    std::string name;
    std::optional<std::string> value;
    if (!internal::SplitFlag(args[i], name, value)) break;
    if (absl::StartsWith(name, "ocikit-") && !value && name != "ocikit-fail-open" && i + 1 < args.size()) value = args[++i];
    OCIKIT_ASSIGN_OR_RETURN(const bool own, internal::TakeShimFlag(name, value, out));
    if (own) continue;
    out.global.push_back(args[i]);
    if (!internal::GlobalFlagTakesValue(name)) continue;
    if (!value && i + 1 < args.size()) out.global.push_back(*(value = args[++i]));
    if (name == "log") out.log = value.value_or("");
    if (name == "log-format") out.log_format = value.value_or("text");
  }
  if (i < args.size()) out.command = args[i++];
  out.rest.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  return out;
}

OCIKIT_INLINE CommandArgs ParseCommandArgs(absl::string_view command, const std::vector<std::string>& rest) {
  static const auto* const kValueFlags = new std::vector<absl::string_view>{
      "bundle", "b",   "console-socket", "pid-file", "preserve-fds", "process", "p",   "cwd",    "env",
      "e",      "user", "u",             "additional-gids", "g",     "cap",     "c",   "apparmor", "process-label", "cgroup"};
  CommandArgs c;
  size_t i = 0;
  for (; i < rest.size(); ++i) {
    std::string name;
    std::optional<std::string> value;
    if (!internal::SplitFlag(rest[i], name, value)) break;
    const bool takes_value = absl::c_linear_search(*kValueFlags, name);
    if (takes_value && !value && i + 1 < rest.size()) value = rest[++i];
    const std::string v = value.value_or("");
    if (name == "bundle" || name == "b") c.bundle = v;
    if (name == "process" || name == "p") c.process_file = v;
    if (name == "env" || name == "e") c.env.push_back(v);
    if (name == "cap" || name == "c") c.caps.push_back(v);
    if (name == "user" || name == "u") c.user = v;
    if (name == "cwd") c.cwd = v;
    if (name == "apparmor") c.apparmor = v;
    if (name == "process-label") c.process_label = v;
    if (name == "no-new-privs") c.no_new_privs = !value || *value == "true";
    if (name == "tty" || name == "t") c.tty = !value || *value == "true";
  }
  if (i < rest.size() && rest[i] == "--") ++i;
  if (i < rest.size()) c.id = rest[i++];
  if (command == "exec") c.exec_args.assign(rest.begin() + static_cast<std::ptrdiff_t>(i), rest.end());
  return c;
}

namespace internal {

OCIKIT_INLINE std::string PolicyPath(const ShimArgs& args, const ShimEnv& env) {
  return !args.policy.empty() ? args.policy : !env.policy.empty() ? env.policy : kDefaultNodePolicyPath;
}

}  // namespace internal

OCIKIT_INLINE LoadedPolicy LoadPolicy(const ShimArgs& args, const ShimEnv& env) {
  LoadedPolicy out;
  out.fail_open = args.fail_open || env.fail_open;
  const bool named = !args.policy.empty() || !env.policy.empty();
  const std::string path = internal::PolicyPath(args, env);
  absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
  if (!text.ok() && !named && absl::IsNotFound(text.status())) {
    out.policy = DefaultNodePolicy();
    return out;
  }
  absl::StatusOr<NodePolicy> policy = text.ok() ? ParseNodePolicy(*text, path) : absl::StatusOr<NodePolicy>(text.status());
  if (policy.ok()) {
    out.policy = *std::move(policy);
    return out;
  }
  out.error = absl::StrCat("node policy ", policy.status().message());
  out.fail_open = out.fail_open || (text.ok() && AsksFailOpen(*text));
  return out;
}

namespace internal {

OCIKIT_INLINE std::string LogLine(absl::string_view format, absl::string_view level, absl::string_view msg) {
  const std::string time = absl::FormatTime("%Y-%m-%dT%H:%M:%E9SZ", absl::Now(), absl::UTCTimeZone());
  if (format == "json") {
    nlohmann::ordered_json j;
    j["level"] = level;
    j["msg"] = msg;
    j["time"] = time;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return absl::StrCat("time=\"", time, "\" level=", level, " msg=", nlohmann::json(std::string(msg)).dump(
                                                                          -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

OCIKIT_INLINE Reporter::Reporter(const ShimArgs& args, const ShimEnv& env, std::string container)
    : log_(args.log), format_(args.log_format), container_(std::move(container)), syslog_(env.syslog) {}

OCIKIT_INLINE void Reporter::Log(absl::string_view level, absl::string_view msg) const {
  if (!log_.empty()) {
    const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      const std::string line = LogLine(format_, level, msg) + "\n";
      const ssize_t n = ::write(fd, line.data(), line.size());
      (void)n;
      ::close(fd);
    }
  }
  if (!syslog_) return;
  ::openlog(kShimName, LOG_PID, LOG_DAEMON);
  const int priority = level == "error" ? LOG_ERR : level == "warning" ? LOG_WARNING : LOG_INFO;
  const std::string line = absl::StrCat("container=", container_, " ", msg);
  ::syslog(priority, "%s", line.c_str());
  ::closelog();
}

OCIKIT_INLINE void Reporter::Finding(absl::string_view action, const GateFinding& f) const {
  const nlohmann::json text(f.finding.Text());
  Log(f.Level(), absl::StrCat("ocikit: ", action, " rule=", f.finding.rule_id, " mode=", RuleModeName(f.mode),
                              " severity=", LintSeverityName(f.finding.severity), " path=", f.finding.path.ToString(),
                              " finding=", text.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

OCIKIT_INLINE int Reporter::Refuse(absl::string_view msg) const {
  Log("error", msg);
  std::cerr << msg << std::endl;
  return 1;
}

OCIKIT_INLINE std::string PolicyDelegate(const ShimArgs& args, const ShimEnv& env) {
  const std::string path = PolicyPath(args, env);
  absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
  if (!text.ok()) return "";
  const nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  return j.is_object() && j.contains("delegate") && j["delegate"].is_string() ? j["delegate"].get<std::string>() : "";
}

OCIKIT_INLINE absl::StatusOr<std::string> ResolveDelegate(const ShimArgs& args, const ShimEnv& env,
                                                         const NodePolicy* policy) {
  std::string name = !args.delegate.empty() ? args.delegate : env.delegate;
  if (name.empty()) name = policy != nullptr ? policy->delegate : PolicyDelegate(args, env);
  if (name.empty()) name = std::string(executor::kDefaultRuntime);
  OCIKIT_ASSIGN_OR_RETURN(std::string path, executor::FindExecutable(name, "delegate runtime"));
  // The same file, by device and inode: a copy under another name is not
  // the shim, a hard link or symbolic link to it is.
  struct stat target, self, front;
  const auto same = [&target](const struct stat& s) { return s.st_dev == target.st_dev && s.st_ino == target.st_ino; };
  const bool is_self = ::stat(path.c_str(), &target) == 0 &&
                       ((::stat("/proc/self/exe", &self) == 0 && same(self)) ||
                        (!env.front.empty() && ::stat(env.front.c_str(), &front) == 0 && same(front)));
  if (is_self) {
    return absl::FailedPreconditionError(
        absl::StrCat("the delegate runtime ", path, " is ", kShimName, " itself; name the real runtime (runc, crun)"));
  }
  return path;
}

OCIKIT_INLINE int HandOver(const ShimArgs& args, const ShimEnv& env, const NodePolicy* policy, const ExecFn& exec) {
  absl::StatusOr<std::string> path = ResolveDelegate(args, env, policy);
  if (!path.ok()) {
    return Reporter(args, env, "").Refuse(absl::StrCat(kShimName, ": ", path.status().message()));
  }
  std::vector<std::string> argv = args.DelegateArgs();
  argv.insert(argv.begin(), *path);
  if (exec) return exec(*path, argv);
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  ::execv(path->c_str(), c_argv.data());
  const int err = errno;
  return Reporter(args, env, "").Refuse(absl::StrCat(kShimName, ": cannot run ", *path, ": ", std::strerror(err)));
}

OCIKIT_INLINE int Judge(const NodePolicy& policy, const GateResult& result, const Reporter& r) {
  if (!result.exempted_by.empty()) {
    r.Log("info", absl::StrCat("ocikit: exempted from policy ", policy.DisplayName(), " by annotation ", result.exempted_by));
    return -1;
  }
  for (const GateFinding& f : result.reports) r.Finding("allowed", f);
  if (!result.refused()) return -1;
  for (const GateFinding& f : result.refusals) r.Finding("refused", f);
  return r.Refuse(RefusalMessage(policy, result));
}

OCIKIT_INLINE std::string ReplacementName(const std::string& path) { return absl::StrCat(path, ".ocikit-tmp"); }

OCIKIT_INLINE int WriteUnnamedFile(const std::string& dir, absl::string_view data, mode_t mode, FileSync sync) {
  const int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  bool ok = ::fchmod(fd, mode) == 0;
  for (size_t done = 0; ok && done < data.size();) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n > 0) done += static_cast<size_t>(n);
    if (n == 0) errno = EIO;
    ok = n > 0 || (n < 0 && errno == EINTR);
  }
  if (ok && sync == FileSync::kDurable) ok = ::fsync(fd) == 0;
  if (ok) return fd;
  const int err = errno;
  ::close(fd);
  errno = err;
  return -1;
}

// UnlinkInBackground's child shares this process's memory, errno and the
// rest of its thread state included, so it makes its system calls itself:
// hand-written because glibc's wrappers write errno.
#if defined(__x86_64__) || defined(__aarch64__)
#define OCIKIT_RUNTIME_SHIM_RAW_SYSCALL 1
__attribute__((always_inline, no_sanitize("address", "thread", "undefined"))) inline long RawSyscall3(long n, long a,
                                                                                                   long b, long c) {
#if defined(__x86_64__)
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return ret;
#else
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
#endif
}

// The child: closes its copies of the descriptors, unlinks `path`, exits
// with 0 or the errno.
__attribute__((no_sanitize("address", "thread", "undefined"))) inline int UnlinkChild(void* path) {
#ifdef SYS_close_range
  RawSyscall3(SYS_close_range, 0, static_cast<long>(~0U), 0);
#endif
  const long ret = RawSyscall3(SYS_unlinkat, AT_FDCWD, reinterpret_cast<long>(path), 0);
  return static_cast<int>(-ret);
}
#endif

OCIKIT_INLINE pid_t UnlinkInBackground(const std::string& path) {
#ifdef OCIKIT_RUNTIME_SHIM_RAW_SYSCALL
  // The child's path and stack. `tid` is the child's while it runs: the
  // kernel sets it before clone returns and clears it when the child exits.
  static struct {
    char path[PATH_MAX];
    alignas(16) char stack[16 * 1024];
    pid_t tid;
  } job;
  if (path.size() < sizeof job.path && __atomic_load_n(&job.tid, __ATOMIC_ACQUIRE) == 0) {
    std::memcpy(job.path, path.c_str(), path.size() + 1);
    const int flags = CLONE_VM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD;
    const pid_t pid = ::clone(&UnlinkChild, job.stack + sizeof job.stack, flags, job.path, &job.tid, nullptr, &job.tid);
    if (pid > 0) return pid;
  }
#endif
  ::unlink(path.c_str());
  return 0;
}
#undef OCIKIT_RUNTIME_SHIM_RAW_SYSCALL

OCIKIT_INLINE absl::Status ReplaceFile(const std::string& path, absl::string_view data, mode_t mode, FileSync sync,
                                       Replaced replaced) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int fd = WriteUnnamedFile(dir, data, mode, sync);
  if (fd < 0 && errno != EOPNOTSUPP && errno != EISDIR) return ErrnoStatus(errno, path);
  const std::string name = ReplacementName(path);
  bool linked = false;
  if (fd >= 0) {
    const std::string unnamed = absl::StrCat("/proc/self/fd/", fd);
    const auto link = [&] {
      return ::linkat(AT_FDCWD, unnamed.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0;
    };
    linked = link() || (errno == EEXIST && ::unlink(name.c_str()) == 0 && link());  // left by a killed shim
    ::close(fd);
  }
  if (!linked) return WriteFileAtomic(path, data, mode, sync);
  if (::renameat2(AT_FDCWD, name.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0) {
    // The old file has the temporary name now; freeing it is what a rename
    // over it would have waited for.
    if (replaced == Replaced::kUnlinkInBackground) {
      UnlinkInBackground(name);
    } else {
      ::unlink(name.c_str());
    }
  } else if (::rename(name.c_str(), path.c_str()) != 0) {  // no exchange here (or no old file)
    const int err = errno;
    ::unlink(name.c_str());
    return ErrnoStatus(err, path);
  }
  if (sync == FileSync::kDurable) {
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status Rewrite(const std::string& config, absl::string_view original, const GateResult& result,
                                   const NodePolicy& policy) {
  struct stat st;
  const mode_t mode = ::stat(config.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0600;
  if (policy.keep_original) {
    OCIKIT_RETURN_IF_ERROR(ReplaceFile(config + ".ocikit-orig", original, mode, FileSync::kDurable));
  }
  // No fsync (FileSync::kAtomic): the runtime reads the file from the page
  // cache at once, and the gate judges whatever config.json holds at the next
  // create, so a write lost to a power loss lets nothing through.
  return ReplaceFile(config, *result.mutated_text, mode, FileSync::kAtomic, Replaced::kUnlinkInBackground);
}

OCIKIT_INLINE int GateCreate(const ShimArgs& args, const ShimEnv& env, const NodePolicy& policy, const Reporter& r) {
  const CommandArgs c = ParseCommandArgs(args.command, args.rest);
  std::string bundle = c.bundle.empty() ? env.cwd : c.bundle;
  if (!bundle.empty() && bundle[0] != '/') bundle = absl::StrCat(env.cwd, "/", bundle);
  const std::string config = absl::StrCat(bundle, "/config.json");
  absl::StatusOr<std::string> text = ReadRegularFile(config, kMaxSpecFileBytes);
  if (!text.ok()) return r.Refuse(absl::StrCat("ocikit: cannot check the container: ", text.status().message()));
  absl::StatusOr<GateResult> result = EvaluateConfig(policy, *text, config);
  if (!result.ok()) {
    return r.Refuse(absl::StrCat("ocikit: refused by policy ", policy.DisplayName(), ": ", result.status().message()));
  }
  if (const int refused = Judge(policy, *result, r); refused >= 0) return refused;
  if (!result->mutated_text) return -1;
  if (absl::Status s = Rewrite(config, *text, *result, policy); !s.ok()) {
    return r.Refuse(absl::StrCat("ocikit: cannot rewrite ", config, ": ", s.message()));
  }
  r.Log("info", absl::StrCat("ocikit: mutated ", config, " by ", absl::StrJoin(result->mutations, ", ")));
  return -1;
}

OCIKIT_INLINE Spec ContainerSpec(const ShimArgs& args, const std::string& delegate, const std::string& id) {
  Spec minimal;
  minimal.oci_version = std::string(kOciVersion);
  minimal.linux_section.emplace();  // judged as a Linux container
  std::vector<std::string> argv = {delegate};
  argv.insert(argv.end(), args.global.begin(), args.global.end());
  argv.insert(argv.end(), {"state", id});
  executor::CommandOptions options;
  options.timeout = absl::Seconds(10);
  absl::StatusOr<executor::CommandResult> state = executor::RunCommand(argv, options);
  if (!state.ok() || !state->success()) return minimal;
  const nlohmann::json j = nlohmann::json::parse(state->out, nullptr, false);
  if (!j.is_object() || !j.contains("bundle") || !j["bundle"].is_string()) return minimal;
  absl::StatusOr<Spec> spec = ReadSpecFile(j["bundle"].get<std::string>() + "/config.json", ParseOptions{.go_semantics = true});
  return spec.ok() ? *std::move(spec) : minimal;
}

OCIKIT_INLINE Process ExecProcessFromFlags(const Spec& container, const CommandArgs& c) {
  Process p = container.process.value_or(Process());
  p.args = c.exec_args;
  p.env.insert(p.env.end(), c.env.begin(), c.env.end());
  if (!c.cwd.empty()) p.cwd = c.cwd;
  if (!c.apparmor.empty()) p.apparmor_profile = c.apparmor;
  if (!c.process_label.empty()) p.selinux_label = c.process_label;
  p.no_new_privileges = p.no_new_privileges || c.no_new_privs;
  if (!c.user.empty()) {
    const std::vector<std::string> ids = absl::StrSplit(c.user, absl::MaxSplits(':', 1));
    uint32_t v = 0;
    if (absl::SimpleAtoi(ids[0], &v)) p.user.uid = v;
    if (ids.size() > 1 && absl::SimpleAtoi(ids[1], &v)) p.user.gid = v;
  }
  if (!c.caps.empty()) {
    LinuxCapabilities& caps = p.capabilities ? *p.capabilities : p.capabilities.emplace();
    for (std::vector<std::string>* set : {&caps.bounding, &caps.effective, &caps.permitted}) {
      set->insert(set->end(), c.caps.begin(), c.caps.end());
    }
  }
  return p;
}

OCIKIT_INLINE int GateExec(const ShimArgs& args, const ShimEnv& env, const NodePolicy& policy, const Reporter& r) {
  const CommandArgs c = ParseCommandArgs(args.command, args.rest);
  absl::StatusOr<std::string> delegate = ResolveDelegate(args, env, &policy);
  if (!delegate.ok()) return r.Refuse(absl::StrCat(kShimName, ": ", delegate.status().message()));
  Spec container = ContainerSpec(args, *delegate, c.id);
  Process process;
  if (!c.process_file.empty()) {
    std::string file = c.process_file[0] == '/' ? c.process_file : absl::StrCat(env.cwd, "/", c.process_file);
    absl::StatusOr<std::string> text = ReadRegularFile(file, kMaxSpecFileBytes);
    absl::StatusOr<Process> parsed = text.ok() ? ParseProcessJson(*text, file) : absl::StatusOr<Process>(text.status());
    if (!parsed.ok()) return r.Refuse(absl::StrCat("ocikit: cannot check the exec: ", parsed.status().message()));
    process = *std::move(parsed);
  } else {
    process = ExecProcessFromFlags(container, c);
  }
  return Judge(policy, EvaluateProcess(policy, std::move(container), std::move(process)), r);
}

}  // namespace internal

OCIKIT_INLINE int RunShim(const std::vector<std::string>& args, const ShimEnv& env, const ExecFn& exec) {
  absl::StatusOr<ShimArgs> parsed = ParseShimArgs(args);
  if (!parsed.ok()) {
    std::cerr << kShimName << ": " << parsed.status().message() << std::endl;
    return 2;
  }
  const ShimArgs& a = *parsed;
  if (a.command != "create" && a.command != "run" && a.command != "exec") return internal::HandOver(a, env, nullptr, exec);
  const internal::Reporter r(a, env, ParseCommandArgs(a.command, a.rest).id);
  LoadedPolicy loaded = LoadPolicy(a, env);
  if (!loaded.policy && !loaded.fail_open) {
    return r.Refuse(absl::StrCat("ocikit: refusing every container: ", loaded.error));
  }
  if (!loaded.policy) {
    const std::string msg = absl::StrCat("ocikit: FAIL-OPEN: ", a.command, " runs UNCHECKED: ", loaded.error);
    r.Log("error", msg);
    std::cerr << msg << std::endl;
    return internal::HandOver(a, env, nullptr, exec);
  }
  const int refused = a.command == "exec" ? internal::GateExec(a, env, *loaded.policy, r)
                                          : internal::GateCreate(a, env, *loaded.policy, r);
  if (refused >= 0) return refused;
  return internal::HandOver(a, env, &*loaded.policy, exec);
}

}  // namespace ocikit::runtime_shim

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_SHIM_INL_H_
