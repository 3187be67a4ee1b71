#include "spec/opts/user.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

TEST(WithUIDGID, SetsIdsAndResetsAdditionalGidsToPrimary) {
  Spec spec = DefaultLinuxSpec();
  spec.process->user.additional_gids = {10, 20};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithUIDGID(1000, 1001)}).ok());
  EXPECT_EQ(spec.process->user.uid, 1000u);
  EXPECT_EQ(spec.process->user.gid, 1001u);
  EXPECT_EQ(spec.process->user.additional_gids, std::vector<uint32_t>{1001});
}

TEST(EnsureAdditionalGids, PrependsPrimaryGidOnlyWhenMissing) {
  User user;
  user.gid = 5;
  user.additional_gids = {7, 8};
  EnsureAdditionalGids(user);
  EXPECT_EQ(user.additional_gids, (std::vector<uint32_t>{5, 7, 8}));
  EnsureAdditionalGids(user);
  EXPECT_EQ(user.additional_gids, (std::vector<uint32_t>{5, 7, 8}));
}

}  // namespace
}  // namespace ocikit
