#include "spec/opts/privileged.h"

#include <gtest/gtest.h>

#include "spec/codec.h"
#include "spec/file.h"
#include "spec/opts/capabilities.h"

namespace ocikit {
namespace {

TEST(WithPrivileged, AppliesContainerdsComposition) {
  const std::string status = ::testing::TempDir() + "/privileged-status";
  ASSERT_TRUE(WriteFileAtomic(status, "CapEff:\t000001ffffffffff\n", 0600).ok());
  SpecContext ctx;
  ctx.proc_self_status = status;
  Spec spec = DefaultLinuxSpec();
  spec.process->apparmor_profile = "docker-default";
  spec.process->selinux_label = "system_u:system_r:container_t:s0";
  spec.linux_section->seccomp.emplace().default_action = "SCMP_ACT_ERRNO";
  const auto namespaces = spec.linux_section->namespaces;
  const auto devices = spec.linux_section->resources->devices;
  ASSERT_TRUE(ApplyOpts(ctx, spec, {WithPrivileged()}).ok());
  EXPECT_EQ(spec.process->capabilities->bounding, KnownCapabilities());
  EXPECT_TRUE(spec.linux_section->masked_paths.empty());
  EXPECT_TRUE(spec.linux_section->readonly_paths.empty());
  for (const Mount& m : spec.mounts) {
    if (m.type == "sysfs") {
      EXPECT_EQ(m.options.back(), "rw");
    }
  }
  EXPECT_EQ(spec.process->apparmor_profile, "");
  EXPECT_EQ(spec.process->selinux_label, "");
  EXPECT_FALSE(spec.linux_section->seccomp.has_value());
  EXPECT_EQ(spec.linux_section->namespaces, namespaces);
  EXPECT_EQ(spec.linux_section->resources->devices, devices);
}

TEST(WithPrivileged, FailsWhenTheStatusFileIsMissing) {
  SpecContext ctx;
  ctx.proc_self_status = ::testing::TempDir() + "/no-such-status";
  Spec spec = DefaultLinuxSpec();
  absl::Status s = ApplyOpts(ctx, spec, {WithPrivileged()});
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(s.message().find("WithAllCurrentCapabilities: "), absl::string_view::npos) << s;
}

}  // namespace
}  // namespace ocikit
