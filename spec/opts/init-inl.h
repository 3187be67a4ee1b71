// File: spec/opts/init-inl.h
//
// Definitions of spec/opts/init.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_INIT_INL_H_
#define OCIKIT_SPEC_OPTS_INIT_INL_H_

#include "spec/opts/init.h"
#include "spec/internal/compile_mode.h"
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/mounts.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE absl::Status CheckInitBinary(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const absl::Status s = ErrnoStatus(errno, absl::StrCat("init binary \"", path, "\""));
    return absl::Status(s.code(), absl::StrCat(s.message(), "; expected a static init such as tini-static "
                                                            "(apt-get install tini)"));
  }
  if (!S_ISREG(st.st_mode) || ::access(path.c_str(), X_OK) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("init binary \"", path, "\" is not an executable regular file"));
  }
  return absl::OkStatus();
}

}  // namespace internal

OCIKIT_INLINE SpecOpt WithInit(std::string host_init) {
  return SpecOpt("WithInit", [host_init = std::move(host_init)](const SpecContext&, Spec& spec) -> absl::Status {
    OCIKIT_RETURN_IF_ERROR(internal::CheckInitBinary(host_init));
    if (!spec.process || spec.process->args.empty()) {
      return absl::FailedPreconditionError("no command to run under the init; expected process.args");
    }
    Mount m;
    m.destination = std::string(kInitPath);
    m.type = "bind";
    m.source = host_init;
    m.options = {"bind", "ro", "nosuid", "nodev"};
    internal::ReplaceOrAppendMount(spec.mounts, std::move(m));
    std::vector<std::string>& args = spec.process->args;
    args.insert(args.begin(), {std::string(kInitPath), "--"});
    return absl::OkStatus();
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_INIT_INL_H_
