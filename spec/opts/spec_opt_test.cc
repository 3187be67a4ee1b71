#include "spec/opts/spec_opt.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

SpecOpt Failing(const char* name) {
  return SpecOpt(name, [](const SpecContext&, Spec&) { return absl::InvalidArgumentError("bad value \"x\""); });
}

SpecOpt SetHostname(const char* value) {
  return SpecOpt("SetHostname", [value](const SpecContext&, Spec& spec) {
    spec.hostname = value;
    return absl::OkStatus();
  });
}

TEST(ApplyOpts, AppliesInOrderAndStopsAtFirstErrorNamingTheTransform) {
  Spec spec;
  absl::Status s = ApplyOpts({}, spec, {SetHostname("a"), Failing("WithBroken"), SetHostname("b")});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "WithBroken: bad value \"x\"");
  EXPECT_EQ(spec.hostname, "a");
}

TEST(Compose, AppliesPartsInOrderAndKeepsTheirNames) {
  Spec spec;
  EXPECT_TRUE(ApplyOpts({}, spec, {Compose({SetHostname("a"), SetHostname("b")})}).ok());
  EXPECT_EQ(spec.hostname, "b");
  absl::Status s = ApplyOpts({}, spec, {Compose({SetHostname("c"), Failing("WithInner")})});
  EXPECT_EQ(s.message(), "WithInner: bad value \"x\"");
}

TEST(GenerateSpec, StartsFromTheDefaultSpecOfTheContext) {
  SpecContext ctx;
  ctx.container_id = "web";
  absl::StatusOr<Spec> spec = GenerateSpec(ctx, {SetHostname("h")});
  ASSERT_TRUE(spec.ok());
  Spec want = DefaultLinuxSpec("default", "web");
  want.hostname = "h";
  EXPECT_EQ(*spec, want);
}

TEST(Ensure, CreatesMissingParentsOnly) {
  Spec spec;
  EnsureLinuxResources(spec).pids.emplace().limit = 5;
  ASSERT_TRUE(spec.linux_section.has_value());
  EXPECT_EQ(*spec.linux_section->resources->pids->limit, 5);
  EnsureLinux(spec).cgroups_path = "/x";
  EXPECT_EQ(*spec.linux_section->resources->pids->limit, 5);  // existing section kept
  EnsureCapabilities(spec).bounding.push_back("CAP_KILL");
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","process":{"user":{"uid":0,"gid":0},"cwd":"","capabilities":{"bounding":["CAP_KILL"]}},)"
            R"("linux":{"resources":{"pids":{"limit":5}},"cgroupsPath":"/x"}})");
}

}  // namespace
}  // namespace ocikit
