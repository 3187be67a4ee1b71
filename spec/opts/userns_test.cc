#include "spec/opts/userns.h"

#include <gtest/gtest.h>

#include "spec/codec.h"
#include "spec/default_spec.h"

#include <algorithm>
#include <optional>

namespace ocikit {
namespace {

LinuxIDMapping Map(uint32_t c, uint32_t h, uint32_t s) {
  LinuxIDMapping m;
  m.container_id = c;
  m.host_id = h;
  m.size = s;
  return m;
}

TEST(ParseIDMappings, ParsesOneOrSeveral) {
  absl::StatusOr<std::vector<LinuxIDMapping>> maps = ParseIDMappings("0:100000:65536");
  ASSERT_TRUE(maps.ok()) << maps.status();
  EXPECT_EQ(*maps, std::vector<LinuxIDMapping>{Map(0, 100000, 65536)});
  maps = ParseIDMappings("0:1000:1,1:100000:65535");
  ASSERT_TRUE(maps.ok()) << maps.status();
  EXPECT_EQ(*maps, (std::vector<LinuxIDMapping>{Map(0, 1000, 1), Map(1, 100000, 65535)}));
}

TEST(ParseIDMappings, RejectsMalformedOverlappingAndOverflowingRanges) {
  const std::pair<const char*, const char*> cases[] = {
      {"0:100000", "invalid id mapping \"0:100000\"; expected CONTAINER_ID:HOST_ID:SIZE, e.g. 0:100000:65536"},
      {"0:-1:5", "invalid id mapping \"0:-1:5\"; expected CONTAINER_ID:HOST_ID:SIZE, e.g. 0:100000:65536"},
      {"a:1:1", "invalid id mapping \"a:1:1\"; expected CONTAINER_ID:HOST_ID:SIZE, e.g. 0:100000:65536"},
      {"0:1:4294967296", "invalid id mapping \"0:1:4294967296\"; expected CONTAINER_ID:HOST_ID:SIZE, e.g. 0:100000:65536"},
      {"0:1000:0", "mapping \"0:1000:0\": size must be at least 1"},
      {"0:4294967295:2", "mapping \"0:4294967295:2\": host id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      // The kernel's map_write refuses first + count > 4294967295 (EINVAL).
      {"4294967295:0:1", "mapping \"4294967295:0:1\": container id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"1:0:4294967295", "mapping \"1:0:4294967295\": container id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"0:4294967295:1", "mapping \"0:4294967295:1\": host id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"0:1:4294967295", "mapping \"0:1:4294967295\": host id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"4294967290:0:10", "mapping \"4294967290:0:10\": container id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"0:1000:10,5:2000:10", "mapping \"5:2000:10\" overlaps \"0:1000:10\" in container ids"},
      {"0:1000:10,20:1005:10", "mapping \"20:1005:10\" overlaps \"0:1000:10\" in host ids"},
  };
  for (const auto& [input, message] : cases) {
    absl::StatusOr<std::vector<LinuxIDMapping>> maps = ParseIDMappings(input);
    EXPECT_EQ(maps.status().code(), absl::StatusCode::kInvalidArgument) << input;
    EXPECT_EQ(maps.status().message(), message) << input;
  }
  EXPECT_TRUE(ParseIDMappings("0:1000:10,10:1010:10").ok());  // adjacent ranges are fine
  EXPECT_TRUE(ParseIDMappings("4294967294:0:1").ok());         // the last mappable ids
  EXPECT_TRUE(ParseIDMappings("0:1:4294967294").ok());
  EXPECT_TRUE(ParseIDMappings("0:0:4294967295").ok());
}

TEST(IDToHost, TranslatesBothWays) {
  const std::vector<LinuxIDMapping> maps = {Map(0, 1000, 1), Map(1, 100000, 65535)};
  EXPECT_EQ(*IDToHost(0, maps), 1000u);
  EXPECT_EQ(*IDToHost(1, maps), 100000u);
  EXPECT_EQ(*IDToHost(65535, maps), 165534u);
  EXPECT_EQ(IDToHost(65536, maps).status().message(), "container id 65536 is not mapped to a host id");
  EXPECT_EQ(*IDToContainer(100010, maps), 11u);
  EXPECT_EQ(IDToContainer(5, maps).status().message(), "host id 5 is not mapped into the container");
}

TEST(WithUserNamespace, AddsNamespaceOnceAndAccumulatesMappings) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUserNamespace({Map(0, 1000, 1)}, {Map(0, 1000, 1)}),
                                   WithUserNamespace({Map(1, 100000, 10)}, {})})
                  .ok());
  EXPECT_EQ(spec.linux_section->namespaces.back().type, "user");
  EXPECT_EQ(spec.linux_section->namespaces.size(), 6u);
  EXPECT_EQ(spec.linux_section->uid_mappings, (std::vector<LinuxIDMapping>{Map(0, 1000, 1), Map(1, 100000, 10)}));
  EXPECT_EQ(spec.linux_section->gid_mappings, std::vector<LinuxIDMapping>{Map(0, 1000, 1)});
}

TEST(WithUserNamespace, OverlapWithExistingMappingsFailsAndChangesNothing) {
  Spec spec = DefaultLinuxSpec();
  spec.linux_section->uid_mappings = {Map(0, 1000, 10)};
  const Spec before = spec;
  EXPECT_EQ(ApplyOpts({}, spec, {WithUserNamespace({Map(5, 5000, 1)}, {})}).message(),
            "WithUserNamespace: uid mapping \"5:5000:1\" overlaps \"0:1000:10\" in container ids");
  EXPECT_EQ(spec, before);
}

using Maps = std::vector<LinuxIDMapping>;

TEST(FindSubordinateIDs, ByNameOrUidFirstWellFormedLine) {
  const char kText[] = "# comment\nbob:bad:1\nalice:100000:65536\n1001:200000:1000\nalice:300000:10\n";
  EXPECT_EQ(FindSubordinateIDs(kText, "alice", 1000)->start, 100000u);
  EXPECT_EQ(FindSubordinateIDs(kText, "carol", 1001)->count, 1000u);
  EXPECT_FALSE(FindSubordinateIDs(kText, "bob", 7).has_value());
}

TEST(KeepIDMappings, PodmansLayoutAroundTheCallersId) {
  EXPECT_EQ(KeepIDMappings(1000, 1000, std::nullopt), (Maps{{.container_id = 1000, .host_id = 1000, .size = 1}}));
  EXPECT_EQ(KeepIDMappings(1000, 1000, SubordinateIDs{100000, 65536}),
            (Maps{{.container_id = 0, .host_id = 100000, .size = 1000},
                  {.container_id = 1000, .host_id = 1000, .size = 1},
                  {.container_id = 1001, .host_id = 101000, .size = 64536}}));
  EXPECT_EQ(KeepIDMappings(0, 0, SubordinateIDs{100000, 10}),
            (Maps{{.container_id = 0, .host_id = 0, .size = 1}, {.container_id = 1, .host_id = 100000, .size = 10}}));
}

TEST(WithKeepIDUserNamespace, MapsTheCallersIdsAndRunsAsThem) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithKeepIDUserNamespace(1000, 1001, 1000, 1001, SubordinateIDs{100000, 65536},
                                                           SubordinateIDs{100000, 65536})})
                  .ok());
  EXPECT_EQ(spec.linux_section->namespaces.back().type, "user");
  EXPECT_EQ(spec.linux_section->uid_mappings[1], (LinuxIDMapping{.container_id = 1000, .host_id = 1000, .size = 1}));
  EXPECT_EQ(spec.linux_section->gid_mappings[1], (LinuxIDMapping{.container_id = 1001, .host_id = 1001, .size = 1}));
  EXPECT_EQ(spec.process->user.uid, 1000u);
  EXPECT_EQ(spec.process->user.gid, 1001u);
  EXPECT_EQ(spec.process->user.additional_gids, std::vector<uint32_t>{1001});
  for (const Mount& m : spec.mounts) {
    if (m.type == "devpts") {
      EXPECT_EQ(m.options.back(), "gid=5");  // gid 5 is mapped: kept
    }
  }
}

TEST(WithKeepIDUserNamespace, WithoutSubordinateIdsOnlyRootWorksAndDevptsLosesGid5) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithKeepIDUserNamespace(0, 0, 0, 0)}).ok());
  EXPECT_EQ(spec.linux_section->uid_mappings, (Maps{{.container_id = 0, .host_id = 0, .size = 1}}));
  for (const Mount& m : spec.mounts) {
    if (m.type == "devpts") {
      EXPECT_EQ(std::count(m.options.begin(), m.options.end(), "gid=5"), 0);
    }
  }
  Spec other = DefaultLinuxSpec();
  const Spec before = other;
  const absl::Status s = WithKeepIDUserNamespace(1000, 1000, 1000, 1000)({}, other);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/etc/subuid"), absl::string_view::npos) << s;
  EXPECT_EQ(other, before);
  const absl::Status twice = WithKeepIDUserNamespace(0, 0, 0, 0)({}, spec);
  EXPECT_NE(twice.message().find("already has uid or gid mappings"), absl::string_view::npos) << twice;
}

}  // namespace
}  // namespace ocikit
