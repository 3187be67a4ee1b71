#include "executor/cli/spec_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "executor/cli/command_test_util.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit::cli {
namespace {

using Result = CommandResult;

Result RunCommand(const std::vector<std::string>& args) { return RunCommandForTest(RunSpec, args); }

TEST(RunSpec, PrintsDefaultSpecIndentedByDefault) {
  Result r = RunCommand({});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, MarshalIndent(DefaultLinuxSpec(), 4) + "\n");
  EXPECT_EQ(r.err, "");
}

TEST(RunSpec, CompactAndCommand) {
  Result r = RunCommand({"--compact", "--hostname", "web", "sh", "-c", "echo hi"});
  EXPECT_EQ(r.code, 0);
  absl::StatusOr<Spec> spec = ParseSpec(r.out);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->hostname, "web");
  EXPECT_EQ(spec->process->args, (std::vector<std::string>{"sh", "-c", "echo hi"}));
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1);
}

TEST(RunSpec, BadFlagIsOneSentenceAndExit125) {
  Result r = RunCommand({"--cap-add", "fly"});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "ocikit: spec: WithAddedCapabilities: unknown capability \"fly\"; expected a name such as CAP_NET_RAW or ALL\n");
}

TEST(RunSpec, HelpListsFlags) {
  Result r = RunCommand({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("Usage: ocikit spec"), std::string::npos);
  EXPECT_NE(r.out.find("--cap-drop CAP"), std::string::npos);
}

}  // namespace
}  // namespace ocikit::cli
