// Fuzz target: every string flag parser of `ocikit spec`/`run`, through the
// flag table as a command line would reach it (mounts, volumes, tmpfs,
// ulimits, devices, sizes, CPU values, user specs, idmaps, sysctls, security
// options, annotations, namespaces, ...), and the duration parser of
// --timeout/--stop-timeout. The input is the argument list, arguments
// separated by RS (0x1e): "--mount<RS>type=bind,src=/a,dst=/b<RS>-u<RS>1000".
// Each argument is also parsed as a duration. When the flags parse, the spec is
// built (BuildCheckedSpec, as `ocikit spec` does) with every host file the
// flags could name replaced by a fixture: the rootfs is testdata/rootfs/basic
// (so -u and --group-add look users up in it), no --from, --env-file,
// --state-dir or seccomp profile file is read, and host sysfs and
// /proc/self/status are fixtures. Property: nothing crashes, and every error
// says something.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "executor/duration.h"
#include "executor/flags/arg_parser.h"
#include "executor/flags/spec_check.h"
#include "executor/flags/spec_flags.h"
#include "spec/fuzz/check.h"

namespace ocikit {
namespace {

void CheckError(const absl::Status& status) {
  OCIKIT_FUZZ_CHECK(status.ok() || !status.message().empty(), "an error without a message");
}

// The flags with every host file replaced by a fixture (see the top).
void ConfineToFixtures(SpecFlags& f) {
  f.from.clear();
  f.go_semantics = false;
  f.env_files.clear();
  f.state_dir.clear();
  f.rootfs = "testdata/rootfs/basic";
  f.sysfs = "testdata/sysfs/none";
  f.proc_status = "testdata/fuzz/flags_fuzzer/status";
  if (f.seccomp != "default" && f.seccomp != "containerd" && f.seccomp != "unconfined") f.seccomp.clear();
  if (f.seccomp_kernel == "host") f.seccomp_kernel.clear();
}

}  // namespace
}  // namespace ocikit

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> args = absl::StrSplit(ocikit::fuzz::AsText(data, size), '\x1e');
  for (const std::string& arg : args) ocikit::CheckError(ocikit::executor::ParseFlagDuration(arg).status());
  ocikit::SpecFlags flags;
  ocikit::FlagSet set;
  ocikit::AddSpecFlags(set, flags);
  const absl::StatusOr<std::vector<std::string>> command = set.Parse(args, /*stop_at_positional=*/true);
  ocikit::CheckError(command.status());
  if (!command.ok()) return 0;
  flags.command = *command;
  ocikit::ConfineToFixtures(flags);
  ocikit::CheckError(ocikit::BuildCheckedSpec(flags).status());
  return 0;
}
