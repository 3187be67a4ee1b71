// Golden tests: every case under testdata/golden must render to its
// config.json byte for byte. One test per case.
//
// Update mode rewrites the expected files in the source tree (review the diff
// before committing):
//   bazel run //executor/cli:golden_test -- --update
// or OCIKIT_UPDATE_GOLDEN=1 with `bazel run`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "executor/cli/golden.h"
#include "spec/testing/golden_mode.h"

namespace ocikit {
namespace {

bool update_mode = false;

// Under `bazel run`, the workspace itself (so updates land in the source
// tree); under `bazel test`, the runfiles copy.
std::string GoldenDir() { return testutil::WorkspacePath("testdata/golden"); }

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesExpectedConfig) {
  const std::string dir = GoldenDir() + "/" + GetParam();
  GoldenOutcome outcome = CheckGoldenCase(dir, update_mode);
  if (outcome.updated) std::cout << "updated " << dir << "/config.json\n";
  EXPECT_TRUE(outcome.ok) << dir << ":\n" << outcome.detail;
}

std::vector<std::string> Cases() {
  absl::StatusOr<std::vector<std::string>> cases = ListGoldenCases(GoldenDir());
  if (!cases.ok()) {
    std::cerr << "cannot list golden cases: " << cases.status() << "\n";
    std::exit(1);
  }
  return *cases;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(GoldenSuite, HasCases) { EXPECT_GE(Cases().size(), 10u); }

}  // namespace
}  // namespace ocikit

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ocikit::update_mode = ocikit::testutil::UpdateModeRequested(argc, argv);
  return RUN_ALL_TESTS();
}
