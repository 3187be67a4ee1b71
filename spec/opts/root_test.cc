#include "spec/opts/root.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

TEST(WithRootFSReadonly, CreatesRootWhenMissing) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRootFSReadonly()}).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","root":{"path":"","readonly":true}})");
}

TEST(WithRootFSPath, KeepsReadonly) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithRootFSReadonly(), WithRootFSPath("/var/lib/x/rootfs")}).ok());
  EXPECT_EQ(spec.root->path, "/var/lib/x/rootfs");
  EXPECT_TRUE(spec.root->readonly);
}

}  // namespace
}  // namespace ocikit
