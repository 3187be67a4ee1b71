#include "spec/opts/security.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

TEST(SecurityOpts, SetAndClearEachField) {
  Spec spec = DefaultLinuxSpec();
  spec.linux_section->seccomp.emplace().default_action = "SCMP_ACT_ERRNO";
  ASSERT_TRUE(ApplyOpts({}, spec, {WithNewPrivileges(), WithApparmorProfile("docker-default"),
                                   WithSelinuxLabel("system_u:system_r:container_t:s0"),
                                   WithMountLabel("system_u:object_r:container_file_t:s0"), WithSeccompUnconfined()})
                  .ok());
  EXPECT_FALSE(spec.process->no_new_privileges);
  EXPECT_EQ(spec.process->apparmor_profile, "docker-default");
  EXPECT_EQ(spec.process->selinux_label, "system_u:system_r:container_t:s0");
  EXPECT_EQ(spec.linux_section->mount_label, "system_u:object_r:container_file_t:s0");
  EXPECT_FALSE(spec.linux_section->seccomp.has_value());
  ASSERT_TRUE(ApplyOpts({}, spec, {WithNoNewPrivileges(), WithApparmorProfile("")}).ok());
  EXPECT_TRUE(spec.process->no_new_privileges);
  EXPECT_EQ(spec.process->apparmor_profile, "");
}

TEST(WithSeccompUnconfined, DoesNotCreateLinuxSection) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithSeccompUnconfined()}).ok());
  EXPECT_FALSE(spec.linux_section.has_value());
}

}  // namespace
}  // namespace ocikit
