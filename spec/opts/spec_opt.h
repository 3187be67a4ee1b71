// File: spec/opts/spec_opt.h
//
// SpecOpt: one small, named transform of a Spec that can fail. Transforms are
// applied in order; the first failure stops the list and its message says
// which transform failed and why ("WithUser: invalid USER value ...").
// `Compose` makes one SpecOpt from several. What transforms need from outside
// the spec (container id, rootfs path, host files) comes from a SpecContext,
// so every transform can be tested against fixture directories.
//
// The Ensure* helpers create missing parent sections and return a reference,
// so a transform never dereferences an absent section:
//   EnsureLinuxResources(spec).pids.emplace().limit = 512;
//
// Example:
//   SpecContext ctx{.container_id = "web"};
//   absl::StatusOr<Spec> spec = GenerateSpec(ctx, {WithHostname("web"), WithRootFSReadonly()});
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_SPEC_OPT_H_
#define OCIKIT_SPEC_OPTS_SPEC_OPT_H_

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/default_spec.h"

namespace ocikit {

// What transforms may need from outside the spec. Paths name host files; tests
// point them at fixtures.
struct SpecContext {
  std::string container_id;                        // e.g. "web"; may be empty
  std::string ns = std::string(kDefaultNamespace);  // containerd namespace, for cgroupsPath
  std::string rootfs;                              // host path of the rootfs, for lookups
  std::string host_resolv_conf = "/etc/resolv.conf";
  std::string host_hosts = "/etc/hosts";
  std::string proc_self_status = "/proc/self/status";  // current capabilities
  std::string state_dir;                          // where generated files are written
  // False: transforms that generate files (resolv.conf, hosts) only point
  // the spec at them, writing nothing; `ocikit golden` renders this way, so
  // checking golden files never writes (a read-only checkout works).
  bool write_state_files = true;
};

class SpecOpt {
 public:
  using Fn = std::function<absl::Status(const SpecContext&, Spec&)>;

  // `name` is a string literal naming the transform ("WithHostname"); nullptr
  // for compositions, whose parts name themselves.
  SpecOpt(const char* name, Fn fn) : name_(name), fn_(std::move(fn)) {}

  const char* name() const { return name_; }

  // Applies the transform; a failure is prefixed with the transform's name.
  absl::Status operator()(const SpecContext& ctx, Spec& spec) const {
    absl::Status status = fn_(ctx, spec);
    if (status.ok() || name_ == nullptr) return status;
    absl::Status named(status.code(), absl::StrCat(name_, ": ", status.message()));
    status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) { named.SetPayload(url, payload); });
    return named;
  }

 private:
  const char* name_;
  Fn fn_;
};

// Applies `opts` to `spec` in order, stopping at the first error.
absl::Status ApplyOpts(const SpecContext& ctx, Spec& spec, const std::vector<SpecOpt>& opts);

// One SpecOpt that applies `opts` in order.
SpecOpt Compose(std::vector<SpecOpt> opts);

// The default Linux spec for the context's namespace and id, then `opts`.
absl::StatusOr<Spec> GenerateSpec(const SpecContext& ctx, const std::vector<SpecOpt>& opts);

// Ensure helpers: create the section when absent and return it.
Process& EnsureProcess(Spec& spec);
Root& EnsureRoot(Spec& spec);
Linux& EnsureLinux(Spec& spec);
LinuxResources& EnsureLinuxResources(Spec& spec);
LinuxCapabilities& EnsureCapabilities(Spec& spec);

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/spec_opt-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_SPEC_OPT_H_
