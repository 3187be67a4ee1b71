#include "policy/seccomp/opts.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "spec/codec.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/security.h"
#include "spec/file.h"

namespace ocikit {
namespace {

using Names = std::vector<std::string>;

// Options with a fixed target and the warnings collected.
struct Collected {
  Names warnings;
  SeccompProfileOptions Options(const std::string& arch = "amd64") {
    SeccompProfileOptions options;
    options.arch = arch;
    options.warn = [this](absl::string_view w) { warnings.emplace_back(w); };
    return options;
  }
};

Names FirstNames(const Spec& spec) {
  Names out;
  for (const LinuxSyscall& rule : spec.linux_section->seccomp->syscalls) out.push_back(rule.names->front());
  return out;
}

// What CheckSeccompSyscalls says about a section, to compare with the
// transforms' warnings whatever the local libseccomp knows.
std::string ExpectedWarning(const LinuxSeccomp& seccomp, const std::string& arch) {
  absl::StatusOr<SeccompSyscallReport> report = CheckSeccompSyscalls(seccomp, SeccompNameCheck::kWarn, arch);
  EXPECT_TRUE(report.ok());
  return report.ok() ? report->Warning() : "";
}

TEST(WithDefaultSeccompProfile, SetsMobysProfileForTheDefaultSpec) {
  Collected c;
  absl::StatusOr<Spec> spec = GenerateSpec({}, {WithDefaultSeccompProfile(c.Options())});
  ASSERT_TRUE(spec.ok()) << spec.status();
  const LinuxSeccomp& s = *spec->linux_section->seccomp;
  EXPECT_EQ(s.syscalls.size(), 15u);
  EXPECT_EQ(s.architectures, (Names{"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"}));
  EXPECT_EQ(s.default_errno_ret, 1u);
  const std::string warning = ExpectedWarning(s, "amd64");
  EXPECT_EQ(c.warnings, warning.empty() ? Names{} : Names{warning});
}

TEST(WithDefaultSeccompProfile, ReadsCapabilitiesWhenItRuns) {
  Collected c;
  // CAP_SYS_ADMIN first: mount(2) allowed, no clone/clone3 restrictions.
  absl::StatusOr<Spec> admin =
      GenerateSpec({}, {WithAddedCapabilities({"CAP_SYS_ADMIN"}), WithDefaultSeccompProfile(c.Options())});
  ASSERT_TRUE(admin.ok()) << admin.status();
  EXPECT_EQ(FirstNames(*admin), (Names{"accept", "process_vm_readv", "socket", "socket", "socket", "personality",
                                       "personality", "personality", "personality", "personality", "arch_prctl",
                                       "modify_ldt", "bpf", "chroot"}));
  // CAP_SYS_ADMIN afterwards does not change the profile already set.
  absl::StatusOr<Spec> late =
      GenerateSpec({}, {WithDefaultSeccompProfile(c.Options()), WithAddedCapabilities({"CAP_SYS_ADMIN"})});
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(FirstNames(*late).back(), "chroot");
  EXPECT_EQ(FirstNames(*late)[13], "clone3");
  // No capabilities at all: chroot goes.
  absl::StatusOr<Spec> none = GenerateSpec({}, {WithDroppedCapabilities({"ALL"}), WithDefaultSeccompProfile(c.Options())});
  EXPECT_EQ(FirstNames(*none).back(), "clone3");
  EXPECT_EQ(FirstNames(*none).size(), 14u);
}

TEST(WithDefaultSeccompProfile, WorksOnAnEmptySpec) {
  Collected c;
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithDefaultSeccompProfile(c.Options("arm64"))}).ok());
  EXPECT_EQ(spec.linux_section->seccomp->architectures, (Names{"SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"}));
  EXPECT_EQ(FirstNames(spec).size(), 13u);  // no capabilities
  EXPECT_FALSE(spec.process.has_value());
}

TEST(WithDefaultSeccompProfile, StrictFailsOnNamesLibseccompDoesNotKnow) {
  Collected c;
  SeccompProfileOptions options = c.Options();
  options.check = SeccompNameCheck::kStrict;
  Spec spec = DefaultLinuxSpec();
  const absl::Status status = ApplyOpts({}, spec, {WithDefaultSeccompProfile(options)});
  absl::StatusOr<Spec> expected = GenerateSpec({}, {WithDefaultSeccompProfile(c.Options())});
  absl::StatusOr<SeccompSyscallReport> report =
      CheckSeccompSyscalls(*expected->linux_section->seccomp, SeccompNameCheck::kStrict, "amd64");
  if (report.ok()) {
    EXPECT_TRUE(status.ok()) << status;
  } else {  // libseccomp older than the profile, e.g. 2.5.4 without mseal
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), absl::StrCat("WithDefaultSeccompProfile: ", report.status().message()));
    EXPECT_FALSE(spec.linux_section->seccomp.has_value());
  }
  options.check = SeccompNameCheck::kOff;
  c.warnings.clear();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithDefaultSeccompProfile(options)}).ok());
  EXPECT_TRUE(c.warnings.empty());
}

TEST(WithDefaultSeccompProfile, UnknownKernel) {
  Collected c;
  SeccompProfileOptions options = c.Options();
  options.kernel.reset();
  absl::StatusOr<Spec> spec = GenerateSpec({}, {WithDefaultSeccompProfile(options)});
  EXPECT_EQ(spec.status().message(),
            "WithDefaultSeccompProfile: syscalls[1].includes.minKernel: the kernel version is unknown; expected one "
            "in the target to compare with \"4.8\"");
}

TEST(WithContainerdSeccompProfile, SetsContainerdsProfile) {
  Collected c;
  absl::StatusOr<Spec> spec = GenerateSpec({}, {WithContainerdSeccompProfile(c.Options())});
  ASSERT_TRUE(spec.ok()) << spec.status();
  const LinuxSeccomp& s = *spec->linux_section->seccomp;
  EXPECT_EQ(s.syscalls.size(), 14u);
  EXPECT_FALSE(s.default_errno_ret.has_value());
  const std::string warning = ExpectedWarning(s, "amd64");
  EXPECT_EQ(c.warnings, warning.empty() ? Names{} : Names{warning});
  absl::StatusOr<Spec> arm64 = GenerateSpec({}, {WithContainerdSeccompProfile(c.Options("arm64"))});
  EXPECT_EQ(arm64->linux_section->seccomp->architectures, (Names{"SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64"}));
}

TEST(WithSeccompProfileFile, LoadsMobyFormatAndPlainSections) {
  Collected c;
  absl::StatusOr<Spec> moby =
      GenerateSpec({}, {WithSeccompProfileFile("testdata/seccomp/moby_filters.json", c.Options())});
  ASSERT_TRUE(moby.ok()) << moby.status();
  EXPECT_EQ(FirstNames(*moby), (Names{"read", "ptrace", "arch_prctl", "clone", "clone3"}));
  EXPECT_TRUE(c.warnings.empty());

  Spec plain;
  ASSERT_TRUE(ApplyOpts({}, plain, {WithSeccompProfileFile("testdata/seccomp/plain_section.json", c.Options("arm64"))})
                  .ok());
  EXPECT_EQ(Marshal(plain),
            R"({"ociVersion":"","linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW",)"
            R"("architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"],"flags":["SECCOMP_FILTER_FLAG_LOG"],)"
            R"("syscalls":[{"names":["getcwd"],"action":"SCMP_ACT_ERRNO","errnoRet":1},)"
            R"({"names":["personality"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]}]}}})");

  absl::StatusOr<Spec> unknown =
      GenerateSpec({}, {WithSeccompProfileFile("testdata/seccomp/unknown_names.json", c.Options())});
  ASSERT_TRUE(unknown.ok());
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find(": bogus_syscall"), std::string::npos) << c.warnings[0];
}

TEST(WithSeccompProfileFile, Errors) {
  Collected c;
  EXPECT_EQ(GenerateSpec({}, {WithSeccompProfileFile("testdata/seccomp/bad_min_kernel.json", c.Options())})
                .status()
                .message(),
            "WithSeccompProfileFile: testdata/seccomp/bad_min_kernel.json: syscalls[3].includes.minKernel: expected "
            "\"X.Y\", got \"4\"");
  absl::StatusOr<Spec> missing = GenerateSpec({}, {WithSeccompProfileFile("testdata/seccomp/none.json", c.Options())});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "WithSeccompProfileFile: testdata/seccomp/none.json: No such file or directory");
  EXPECT_EQ(GenerateSpec({}, {WithSeccompProfileFile("testdata/seccomp", c.Options())}).status().message(),
            "WithSeccompProfileFile: testdata/seccomp: not a regular file");
  SeccompProfileOptions options = c.Options();
  options.check = SeccompNameCheck::kStrict;
  const absl::Status strict =
      GenerateSpec({}, {WithSeccompProfileFile("testdata/seccomp/unknown_names.json", options)}).status();
  EXPECT_TRUE(absl::StartsWith(strict.message(), "WithSeccompProfileFile: linux.seccomp.syscalls[0].names[1]: "
                                                 "\"bogus_syscall\" is unknown to libseccomp "))
      << strict;
}

TEST(WithSeccompProfileFile, AnEmptyProfileRemovesSeccomp) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string path = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/empty-seccomp.json");
  ASSERT_TRUE(WriteFileAtomic(path, "{}\n", 0600).ok());
  Collected c;
  absl::StatusOr<Spec> spec =
      GenerateSpec({}, {WithDefaultSeccompProfile(c.Options()), WithSeccompProfileFile(path, c.Options())});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_FALSE(spec->linux_section->seccomp.has_value());
}

TEST(WithSeccompUnconfined, RemovesTheProfile) {
  Collected c;
  absl::StatusOr<Spec> spec = GenerateSpec({}, {WithDefaultSeccompProfile(c.Options()), WithSeccompUnconfined()});
  ASSERT_TRUE(spec.ok());
  EXPECT_FALSE(spec->linux_section->seccomp.has_value());
}

TEST(WithSeccompProfile, TakesAProfileBuiltInCode) {
  SeccompProfile profile;
  profile.default_action = "SCMP_ACT_LOG";
  SeccompSyscallGroup& g = profile.syscalls.emplace_back();
  g.names = Names{"reboot"};
  g.action = "SCMP_ACT_ERRNO";
  g.includes.emplace().caps = {"CAP_SYS_BOOT"};
  Collected c;
  absl::StatusOr<Spec> spec =
      GenerateSpec({}, {WithAddedCapabilities({"sys_boot"}), WithSeccompProfile(profile, c.Options())});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(FirstNames(*spec), Names{"reboot"});
  EXPECT_TRUE(spec->linux_section->seccomp->architectures.empty());
  EXPECT_TRUE(c.warnings.empty());
}

}  // namespace
}  // namespace ocikit
