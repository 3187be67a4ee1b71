#include "spec/opts/capabilities.h"

#include <gtest/gtest.h>

#include "spec/codec.h"
#include "spec/file.h"

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

namespace ocikit {
namespace {

TEST(CapabilitiesFromStatus, DecodesCapEffAndIgnoresUnknownBits) {
  absl::StatusOr<std::vector<std::string>> caps =
      CapabilitiesFromStatus("Name:\tsh\nCapInh:\t0000000000000000\nCapEff:\tffffffffffffffff\n");
  ASSERT_TRUE(caps.ok()) << caps.status();
  EXPECT_EQ(*caps, KnownCapabilities());
  caps = CapabilitiesFromStatus("CapEff:\t0000000000002021\n");  // bits 0, 5, 13
  ASSERT_TRUE(caps.ok());
  EXPECT_EQ(*caps, (std::vector<std::string>{"CAP_CHOWN", "CAP_KILL", "CAP_NET_RAW"}));
  EXPECT_EQ(CapabilitiesFromStatus("CapEff:\tzz\n").status().message(),
            "CapEff: expected a hexadecimal capability mask, got \"zz\"");
  EXPECT_EQ(CapabilitiesFromStatus("Name:\tsh\n").status().message(), "no CapEff line in the process status");
}

TEST(WithAllCurrentCapabilities, ReadsTheStatusFileOfTheContext) {
  const std::string path = ::testing::TempDir() + "/status";
  ASSERT_TRUE(WriteFileAtomic(path, "CapEff:\t00000000a80425fb\n", 0600).ok());
  SpecContext ctx;
  ctx.proc_self_status = path;
  Spec spec;
  ASSERT_TRUE(ApplyOpts(ctx, spec, {WithAllCurrentCapabilities()}).ok());
  // 0xa80425fb is Docker's default set.
  EXPECT_EQ(spec.process->capabilities->bounding.size(), 14u);
  ctx.proc_self_status = ::testing::TempDir() + "/missing-status";
  absl::Status s = ApplyOpts(ctx, spec, {WithAllCurrentCapabilities()});
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(s.message().find("missing-status: No such file or directory"), absl::string_view::npos) << s;
}

TEST(WithAmbientAddedCapabilities, OnlyForNonRootAndNeverAll) {
  Spec root = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, root, {WithAmbientAddedCapabilities({"net_bind_service"})}).ok());
  EXPECT_TRUE(root.process->capabilities->ambient.empty());

  Spec user = DefaultLinuxSpec();
  user.process->user.uid = 1000;
  ASSERT_TRUE(ApplyOpts({}, user, {WithAmbientAddedCapabilities({"sys_ptrace"})}).ok());
  const LinuxCapabilities& c = *user.process->capabilities;
  EXPECT_EQ(c.ambient, Caps{"CAP_SYS_PTRACE"});
  EXPECT_EQ(c.inheritable, Caps{"CAP_SYS_PTRACE"});
  EXPECT_EQ(c.permitted.back(), "CAP_SYS_PTRACE");
  EXPECT_EQ(ApplyOpts({}, user, {WithAmbientAddedCapabilities({"ALL"})}).message(),
            "WithAmbientAddedCapabilities: ALL cannot be made ambient; name the capabilities");
}

TEST(WithNonRootCapabilitiesCleared, KeepsBoundingAndAmbient) {
  Spec spec = DefaultLinuxSpec();
  spec.process->user.uid = 1000;
  spec.process->capabilities->ambient = {"CAP_KILL"};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithNonRootCapabilitiesCleared()}).ok());
  const LinuxCapabilities& c = *spec.process->capabilities;
  EXPECT_EQ(c.bounding, DefaultCapabilities());
  EXPECT_EQ(c.effective, Caps{"CAP_KILL"});
  EXPECT_EQ(c.permitted, Caps{"CAP_KILL"});
  EXPECT_EQ(c.inheritable, Caps{"CAP_KILL"});
  Spec root = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, root, {WithNonRootCapabilitiesCleared()}).ok());
  EXPECT_EQ(root, DefaultLinuxSpec());
}

TEST(WithAmbientCapabilities, SetsInheritableAndAmbient) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithAmbientCapabilities({"kill"})}).ok());
  EXPECT_EQ(spec.process->capabilities->inheritable, Caps{"CAP_KILL"});
  EXPECT_EQ(spec.process->capabilities->ambient, Caps{"CAP_KILL"});
  ASSERT_TRUE(ApplyOpts({}, spec, {WithAllKnownCapabilities()}).ok());
  EXPECT_EQ(spec.process->capabilities->effective.size(), 41u);
}

}  // namespace
}  // namespace ocikit
