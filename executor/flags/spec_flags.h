// File: executor/flags/spec_flags.h
//
// The flags that build a spec, named as Docker and Podman users type them,
// each mapped to a transform. `ocikit spec`, `ocikit run` and the golden
// suites share this table, so a golden case's argument file means exactly
// what it means on the command line.
//
// Flag order does not matter: transforms run in one fixed order (base spec,
// rootfs, process, identity, filesystem, capabilities, annotations), as in
// Docker. Within a repeated flag, later values win (-e A=1 -e A=2 gives one
// A=2, at the position of the first A; see OverrideEnv in spec/opts/process.h).
//
// Values are checked when they are parsed, so a bad one is refused with the
// flag's name: -w must be absolute, -e needs a non-empty KEY, and every value
// and COMMAND argument must be valid UTF-8 (host paths that are only read,
// such as --from, excepted). CheckGeneratedSpec (executor/flags/spec_check.h)
// is the safety net behind them.
//
// Example:
//   SpecFlags f;
//   FlagSet set;
//   AddSpecFlags(set, f);
//   f.command = *set.Parse({"--hostname", "web", "--cap-drop", "ALL", "sh"}, true);
//   absl::StatusOr<Spec> spec = BuildSpec(f);
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json seccomp
#ifndef OCIKIT_EXECUTOR_FLAGS_SPEC_FLAGS_H_
#define OCIKIT_EXECUTOR_FLAGS_SPEC_FLAGS_H_

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <unistd.h>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"
#include "executor/flags/arg_parser.h"
#include "executor/flags/resource_flags.h"
#include "spec/opts/capabilities.h"
#include "executor/signals.h"
#include "spec/opts/devices.h"
#include "spec/opts/engine_defaults.h"
#include "spec/opts/hosts.h"
#include "spec/opts/init.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/mount_flags.h"
#include "spec/opts/mounts.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/privileged.h"
#include "spec/opts/process.h"
#include "spec/opts/resolvconf.h"
#include "spec/opts/root.h"
#include "spec/opts/rootless.h"
#include "spec/opts/sandbox.h"
#include "spec/opts/security.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/user.h"
#include "spec/opts/userns.h"

namespace ocikit {

// What the spec-building flags asked for.
struct SpecFlags {
  std::string from;  // base config.json; the default spec when empty
  bool go_semantics = false;  // read `from` as Go's encoding/json (ParseOptions::go_semantics)
  std::string name;  // container id
  std::string ns = std::string(kDefaultNamespace);
  std::string rootfs;
  std::string hostname;
  std::string domainname;
  std::string workdir;
  std::optional<std::string> user;
  std::vector<std::string> group_add;
  std::optional<uint32_t> umask;
  bool lookup_command = false;
  bool default_path = false;
  std::optional<std::pair<uint64_t, uint64_t>> console_size;  // width, height
  std::vector<std::string> remove_mounts;
  bool hostname_env = false;
  std::vector<std::string> env;
  std::vector<std::string> env_files;  // --env-file, read before -e applies
  bool tty = false;
  bool read_only = false;
  bool read_only_tmpfs = true;       // with read_only: writable tmpfs on /tmp, /var/tmp, /run (Podman)
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::map<std::string, std::string> annotations;
  std::vector<std::pair<std::string, std::string>> namespaces;  // (type, host|private|ns:PATH)
  std::vector<LinuxIDMapping> uid_maps;
  std::vector<LinuxIDMapping> gid_maps;
  bool rootless = false;
  bool no_process_sandbox = false;
  bool ambient_caps = false;        // --cap-add caps become ambient for a non-root user
  bool drop_nonroot_caps = false;   // non-root: only ambient caps stay effective
  bool privileged = false;
  std::vector<Mount> mounts;        // --mount, -v, --tmpfs in command-line order
  std::optional<PathDefaults> path_defaults;
  EngineDefaults defaults = EngineDefaults::kOcikit;  // --defaults: whose plain run (default spec only)
  bool mask_thermal_throttle = false;
  std::string sysfs = "/sys";
  std::string proc_status = "/proc/self/status";  // where the caller's capabilities are read
  std::vector<std::string> mask;     // --security-opt mask=
  std::vector<std::string> unmask;   // --security-opt unmask=
  bool systempaths_unconfined = false;
  std::optional<bool> no_new_privileges;
  std::optional<std::string> apparmor;
  std::optional<std::string> selinux_label;
  std::optional<std::string> mount_label;
  std::string seccomp;               // --security-opt seccomp=default|containerd|unconfined|FILE
  std::string seccomp_arch;          // GOARCH for generated profiles; "" = this machine's
  std::string seccomp_kernel;        // "X.Y" for minKernel filters; "" = 6.1, "host" = uname
  std::string state_dir;             // where generated resolv.conf and hosts go (relative: to the cwd)
  bool write_state_files = true;     // false: point at them without writing (golden rendering)
  std::vector<std::string> dns;
  std::vector<std::string> dns_search;
  std::vector<std::string> dns_options;
  std::vector<std::string> add_hosts;
  bool no_hosts = false;
  ResourceFlags resources;  // limits, devices, sysctls (resource_flags.h)
  std::optional<std::vector<std::string>> entrypoint;  // --entrypoint: runs before the command
  bool init = false;                 // --init: tini-static as PID 1
  std::string init_path = std::string(kDefaultInitBinary);
  std::string userns;                // --userns: "", host, keep-id[:uid=U,gid=G]
  std::string subuid_file = "/etc/subuid";  // the caller's subordinate ids, for keep-id
  std::string subgid_file = "/etc/subgid";
  std::optional<int> stop_signal;    // --stop-signal, as the image stopSignal annotation
  std::string dev_dir = "/dev";      // host devices for --privileged
  std::string cgroupfs = "/sys/fs/cgroup";  // whether the host runs cgroup v2, for --defaults podman|docker
  std::vector<std::string> command;  // process args, from the positionals
  // Relative file arguments (--from, --rootfs) are resolved against this
  // directory when set (golden cases use their own folder).
  std::string base_dir;
};

// How `ocikit spec` prints: MarshalIndent with `indent` spaces, or compact.
struct OutputFlags {
  int indent = 4;
};

namespace internal {

// The parts of a Docker SELinux `label=` option, applied to the usual
// container defaults (container-selinux): process system_u:system_r:
// container_t:s0, files system_u:object_r:container_file_t:s0.
absl::Status ApplyLabelOpt(SpecFlags& f, absl::string_view value);

// One --security-opt value, in Docker's and Podman's syntax.
absl::Status ParseSecurityOpt(SpecFlags& f, absl::string_view opt);

std::string Resolve(const std::string& base_dir, const std::string& path);
std::string AbsolutePath(const std::string& path);

}  // namespace internal

// Registers the spec-building flags of `f` in `set`.
void AddSpecFlags(FlagSet& set, SpecFlags& f);

// The setter of --annotation and -l/--label: KEY=VALUE (KEY alone when
// `value_optional`, an empty value), refusing keys in the reserved
// org.opencontainers. namespace other than org.opencontainers.image.*.
std::function<absl::Status(absl::string_view)> AnnotationFlag(std::map<std::string, std::string>& out,
                                                              bool value_optional = false);

// Registers --entrypoint, --init, --init-path, --userns, --stop-signal and
// --host-dev.
void AddProcessStartFlags(FlagSet& set, SpecFlags& f);

// Registers --indent and --compact.
void AddOutputFlags(FlagSet& set, OutputFlags& out);

// Docker's -e semantics: "KEY" alone takes the host's value, or stays "KEY"
// when the host has none, which then removes KEY from the base env (Docker's
// daemon does the same; OverrideEnv).
std::vector<std::string> ExpandEnvFlags(const std::vector<std::string>& env);

// The setter of -w/--workdir: refuses a relative directory, which runtimes
// refuse (runtime-spec: cwd MUST be absolute).
std::function<absl::Status(absl::string_view)> WorkdirFlag(std::string& workdir);

// The setter of -e/--env: appends the value, refusing one without a KEY
// ("", "=x"), which no runtime or getenv(3) can use.
std::function<absl::Status(absl::string_view)> EnvFlag(std::vector<std::string>& env);

// Reads an --env-file as Docker does: one KEY=VALUE or KEY per line, leading
// white space trimmed, empty lines and lines starting with '#' skipped, a
// UTF-8 byte order mark ignored, CRLF read as LF. A KEY without '=' is expanded as with -e.
// Refuses a KEY that is empty or holds white space, a NUL byte, and bytes
// that are not UTF-8 (naming the line, never echoing the bytes).
absl::StatusOr<std::vector<std::string>> ReadEnvFile(const std::string& path);

// The environment the flags set: the --env-file entries in file order, then
// the -e values, expanded (ExpandEnvFlags), for WithEnvOverrides.
absl::StatusOr<std::vector<std::string>> EnvFromFlags(const SpecFlags& f);

// The transforms the flags ask for, in their fixed order. Generated-file
// warnings (resolv.conf) are appended to `warnings` when it is not null.
absl::StatusOr<std::vector<SpecOpt>> SpecOptsFromFlags(const SpecFlags& f,
                                                              std::vector<std::string>* warnings = nullptr);

// The context the flags describe (container id, namespace, rootfs, state
// directory, host files).
SpecContext SpecContextFromFlags(const SpecFlags& f);

// Checks combinations no single flag can: generated-file flags without a
// state directory, --no-hosts with --add-host (Podman refuses it too),
// --hostname or --domainname with --uts host (Docker refuses it too).
absl::Status CheckSpecFlags(const SpecFlags& f);

// The seccomp transform --security-opt seccomp= asks for (none, unconfined,
// a default profile or a profile file), with --seccomp-arch/--seccomp-kernel.
// Warnings (e.g. seccomp ignored with --privileged) go to `warnings`.
absl::StatusOr<std::vector<SpecOpt>> SeccompOptsFromFlags(const SpecFlags& f,
                                                          std::vector<std::string>* warnings = nullptr);

// Whether BuildSpec's seccomp section is one of ocikit's built-in profiles
// (moby's, containerd's) or none, rather than a profile file's or a --from
// file's own section.
bool SeccompFromBuiltInProfile(const SpecFlags& f);

// Builds the spec: the base (--from or the default spec), then the flags'
// transforms, then seccomp (last, so it sees the final capabilities).
// Warnings are appended to `warnings`.
absl::StatusOr<Spec> BuildSpec(const SpecFlags& f, std::vector<std::string>* warnings = nullptr);

// The text `ocikit spec` prints: the JSON and a final newline.
std::string FormatSpecOutput(const Spec& spec, const OutputFlags& out);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "executor/flags/spec_flags-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_FLAGS_SPEC_FLAGS_H_
