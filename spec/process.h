// File: spec/process.h
//
// The `process` section of config.json (runtime-spec v1.3.0, config.md
// "Process"): what runs in the container, as whom, with which capabilities
// and limits. Fields follow the Go struct order; see spec/json/fields.h for
// how C++ member types map to Go types.
//
// Example:
//   Process p;
//   p.args = {"sh", "-c", "id"};
//   p.user.uid = 1000;
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_PROCESS_H_
#define OCIKIT_SPEC_PROCESS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "spec/json/field_list.h"

namespace ocikit {

// Size of the console, in characters.
struct Box {
  uint64_t height = 0;
  uint64_t width = 0;
  json::UnknownFields unknown;

  bool operator==(const Box&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("height", s.height, json::kAlways);
    v("width", s.width, json::kAlways);
  }
};

// The user the process runs as.
struct User {
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::optional<uint32_t> umask;
  std::vector<uint32_t> additional_gids;
  std::string username;  // Windows only
  json::UnknownFields unknown;

  bool operator==(const User&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("uid", s.uid, json::kAlways);
    v("gid", s.gid, json::kAlways);
    v("umask", s.umask, json::kOmitEmpty);
    v("additionalGids", s.additional_gids, json::kOmitEmpty);
    v("username", s.username, json::kOmitEmpty);
  }
};

// The five Linux capability sets, as capability names ("CAP_CHOWN").
struct LinuxCapabilities {
  std::vector<std::string> bounding;
  std::vector<std::string> effective;
  std::vector<std::string> inheritable;
  std::vector<std::string> permitted;
  std::vector<std::string> ambient;
  json::UnknownFields unknown;

  bool operator==(const LinuxCapabilities&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("bounding", s.bounding, json::kOmitEmpty);
    v("effective", s.effective, json::kOmitEmpty);
    v("inheritable", s.inheritable, json::kOmitEmpty);
    v("permitted", s.permitted, json::kOmitEmpty);
    v("ambient", s.ambient, json::kOmitEmpty);
  }
};

// One resource limit ("RLIMIT_NOFILE").
struct PosixRlimit {
  std::string type;
  uint64_t hard = 0;
  uint64_t soft = 0;
  json::UnknownFields unknown;

  bool operator==(const PosixRlimit&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("type", s.type, json::kAlways);
    v("hard", s.hard, json::kAlways);
    v("soft", s.soft, json::kAlways);
  }
};

// sched_setattr(2) attributes of the process.
struct Scheduler {
  std::string policy;  // e.g. "SCHED_OTHER"
  int32_t nice = 0;
  int32_t priority = 0;
  std::vector<std::string> flags;
  uint64_t runtime = 0;
  uint64_t deadline = 0;
  uint64_t period = 0;
  json::UnknownFields unknown;

  bool operator==(const Scheduler&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("policy", s.policy, json::kAlways);
    v("nice", s.nice, json::kOmitEmpty);
    v("priority", s.priority, json::kOmitEmpty);
    v("flags", s.flags, json::kOmitEmpty);
    v("runtime", s.runtime, json::kOmitEmpty);
    v("deadline", s.deadline, json::kOmitEmpty);
    v("period", s.period, json::kOmitEmpty);
  }
};

// I/O priority of the process (ioprio_set(2)).
struct LinuxIOPriority {
  std::string io_class;  // JSON "class": "IOPRIO_CLASS_RT", "_BE" or "_IDLE"
  int64_t priority = 0;
  json::UnknownFields unknown;

  bool operator==(const LinuxIOPriority&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("class", s.io_class, json::kAlways);
    v("priority", s.priority, json::kAlways);
  }
};

// CPU affinity for `runtime exec` processes (new in v1.2.1).
struct CPUAffinity {
  std::string initial;
  std::string final_cpus;  // JSON "final"
  json::UnknownFields unknown;

  bool operator==(const CPUAffinity&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("initial", s.initial, json::kOmitEmpty);
    v("final", s.final_cpus, json::kOmitEmpty);
  }
};

// The container process.
struct Process {
  bool terminal = false;
  std::optional<Box> console_size;
  User user;
  std::vector<std::string> args;
  std::string command_line;  // Windows only
  std::vector<std::string> env;
  std::string cwd;
  std::optional<LinuxCapabilities> capabilities;
  std::vector<PosixRlimit> rlimits;
  bool no_new_privileges = false;
  std::string apparmor_profile;
  std::optional<int64_t> oom_score_adj;
  std::optional<Scheduler> scheduler;
  std::string selinux_label;
  std::optional<LinuxIOPriority> io_priority;
  std::optional<CPUAffinity> exec_cpu_affinity;
  json::UnknownFields unknown;

  bool operator==(const Process&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("terminal", s.terminal, json::kOmitEmpty);
    v("consoleSize", s.console_size, json::kOmitEmpty);
    v("user", s.user, json::kAlways);
    v("args", s.args, json::kOmitEmpty);
    v("commandLine", s.command_line, json::kOmitEmpty);
    v("env", s.env, json::kOmitEmpty);
    v("cwd", s.cwd, json::kAlways);
    v("capabilities", s.capabilities, json::kOmitEmpty);
    v("rlimits", s.rlimits, json::kOmitEmpty);
    v("noNewPrivileges", s.no_new_privileges, json::kOmitEmpty);
    v("apparmorProfile", s.apparmor_profile, json::kOmitEmpty);
    v("oomScoreAdj", s.oom_score_adj, json::kOmitEmpty);
    v("scheduler", s.scheduler, json::kOmitEmpty);
    v("selinuxLabel", s.selinux_label, json::kOmitEmpty);
    v("ioPriority", s.io_priority, json::kOmitEmpty);
    v("execCPUAffinity", s.exec_cpu_affinity, json::kOmitEmpty);
  }
};

}  // namespace ocikit

#endif  // OCIKIT_SPEC_PROCESS_H_
