#include "spec/opts/capabilities.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

using Caps = std::vector<std::string>;

TEST(NormalizeCapability, AcceptsEverySpellingAndRejectsUnknownNames) {
  for (absl::string_view name : {"net_raw", "NET_RAW", "CAP_NET_RAW", "cap_net_raw", " Net_Raw "}) {
    absl::StatusOr<std::string> cap = NormalizeCapability(name);
    ASSERT_TRUE(cap.ok()) << name;
    EXPECT_EQ(*cap, "CAP_NET_RAW");
  }
  EXPECT_EQ(*NormalizeCapability("all"), "ALL");
  absl::StatusOr<std::string> bad = NormalizeCapability("net_rae");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "unknown capability \"net_rae\"; expected a name such as CAP_NET_RAW or ALL");
  EXPECT_EQ(KnownCapabilities().size(), 41u);
}

TEST(WithAddedCapabilities, AddsToBoundingEffectivePermittedOnly) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithAddedCapabilities({"sys_ptrace", "CAP_KILL"})}).ok());
  const LinuxCapabilities& c = *spec.process->capabilities;
  EXPECT_EQ(c.bounding.back(), "CAP_SYS_PTRACE");
  EXPECT_EQ(c.bounding.size(), 15u);  // CAP_KILL was already there
  EXPECT_EQ(c.effective, c.bounding);
  EXPECT_EQ(c.permitted, c.bounding);
  EXPECT_TRUE(c.inheritable.empty());
  EXPECT_TRUE(c.ambient.empty());
}

TEST(WithDroppedCapabilities, RemovesEveryOccurrenceFromAllFiveSets) {
  Spec spec;
  LinuxCapabilities& c = EnsureCapabilities(spec);
  c.bounding = {"CAP_KILL", "CAP_CHOWN", "CAP_KILL"};
  c.effective = c.inheritable = c.permitted = c.ambient = c.bounding;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithDroppedCapabilities({"kill"})}).ok());
  for (const Caps* set : {&c.bounding, &c.effective, &c.inheritable, &c.permitted, &c.ambient}) {
    EXPECT_EQ(*set, Caps{"CAP_CHOWN"});
  }
  ASSERT_TRUE(ApplyOpts({}, spec, {WithDroppedCapabilities({"ALL"})}).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","process":{"user":{"uid":0,"gid":0},"cwd":"","capabilities":{}}})");
}

TEST(WithCapabilities, ReplacesSetsAndFiltersInheritable) {
  Spec spec;
  EnsureCapabilities(spec).inheritable = {"CAP_KILL", "CAP_CHOWN"};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithCapabilities({"chown"})}).ok());
  const LinuxCapabilities& c = *spec.process->capabilities;
  EXPECT_EQ(c.bounding, Caps{"CAP_CHOWN"});
  EXPECT_EQ(c.inheritable, Caps{"CAP_CHOWN"});
  ASSERT_TRUE(ApplyOpts({}, spec, {WithCapabilities({"ALL"})}).ok());
  EXPECT_EQ(c.permitted, KnownCapabilities());
}

TEST(WithAddedCapabilities, UnknownNameFailsAndChangesNothing) {
  Spec spec = DefaultLinuxSpec();
  const Spec before = spec;
  absl::Status s = ApplyOpts({}, spec, {WithAddedCapabilities({"CAP_CHOWN", "CAP_FLY"})});
  EXPECT_EQ(s.message(), "WithAddedCapabilities: unknown capability \"CAP_FLY\"; expected a name such as CAP_NET_RAW or ALL");
  EXPECT_EQ(spec, before);
}

}  // namespace
}  // namespace ocikit
