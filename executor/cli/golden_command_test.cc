#include "executor/cli/golden_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "executor/cli/command_test_util.h"
#include "executor/flags/spec_flags.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit::cli {
namespace {

using Result = CommandResult;

Result RunCli(const std::vector<std::string>& args) { return RunCommandForTest(RunGolden, args); }

class GoldenCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/golden-cmd-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    // No seccomp filter: the mismatch below stays about the flags changed.
    AddCase("web", "--hostname\nweb\n-e\nA=1\n--security-opt\nseccomp=unconfined\n");
    AddCase("plain", "# the default spec, compact\n--compact\n");
  }
  void AddCase(const std::string& name, const std::string& args) {
    ::mkdir((dir_ + "/" + name).c_str(), 0755);
    ASSERT_TRUE(WriteFileAtomic(dir_ + "/" + name + "/args", args, 0644).ok());
  }
  std::string dir_;
};

TEST_F(GoldenCommandTest, CheckAndUpdateWriteNothingButConfigJson) {
  const std::string state = dir_ + "/state";  // the case's --state-dir: must stay absent
  AddCase("dns", "--state-dir\n" + state + "\n--dns\n192.0.2.53\n--hostname\nweb\n");
  EXPECT_EQ(RunCli({"update", dir_}).code, 0);
  struct stat st;
  EXPECT_NE(::stat(state.c_str(), &st), 0) << "golden update wrote generated files into " << state;
  const absl::StatusOr<Spec> spec = ReadSpecFile(dir_ + "/dns/config.json");
  ASSERT_TRUE(spec.ok()) << spec.status();
  bool bound = false;
  for (const Mount& m : spec->mounts) bound |= m.destination == "/etc/resolv.conf" && absl::EndsWith(m.source, "/state/resolv.conf");
  EXPECT_TRUE(bound) << "the spec still binds the generated file";
  const Result r = RunCli({"check", dir_});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(::stat(state.c_str(), &st), 0);
}

TEST_F(GoldenCommandTest, UpdateThenCheckThenMismatchShowsTheSemanticDiff) {
  Result r = RunCli({"check", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("FAIL    " + dir_ + "/plain\n" + dir_ +
                       "/plain/config.json: No such file or directory (create it with `ocikit golden update`)\n"),
            std::string::npos)
      << r.out;

  r = RunCli({"update", dir_});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("updated " + dir_ + "/web/config.json\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("golden: 2 cases, 2 updated\n"), std::string::npos) << r.out;
  EXPECT_EQ(*ReadRegularFile(dir_ + "/plain/config.json", 1 << 20), Marshal(*BuildSpec(SpecFlags())) + "\n");

  r = RunCli({"check", dir_});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "ok      " + dir_ + "/plain\nok      " + dir_ + "/web\ngolden: 2 cases, 0 differ\n");

  AddCase("web", "--hostname\ndb\n-e\nA=1\n--cap-add\nsys_admin\n--security-opt\nseccomp=unconfined\n");
  r = RunCli({"check", "-q", dir_ + "/"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "FAIL    " + dir_ + "/web\n"
                   "--- " + dir_ + "/web/config.json\n"
                   "+++ generated from " + dir_ + "/web/args\n"
                   "@@ process.capabilities @@\n"
                   "+ process.capabilities.bounding: \"CAP_SYS_ADMIN\"\n"
                   "+ process.capabilities.effective: \"CAP_SYS_ADMIN\"\n"
                   "+ process.capabilities.permitted: \"CAP_SYS_ADMIN\"\n"
                   "@@ hostname @@\n"
                   "~ hostname: \"web\" -> \"db\"\n"
                   "4 changes: 3 added, 0 removed, 1 changed, 0 moved\n"
                   "golden: 2 cases, 1 differ\n"
                   "review the changes, then accept them with: ocikit golden update " + dir_ + "\n");

  r = RunCli({"update", "-q", dir_});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("updated " + dir_ + "/web/config.json\n--- "), std::string::npos) << r.out;
  EXPECT_EQ(RunCli({"check", dir_}).code, 0);
}

TEST_F(GoldenCommandTest, LayoutOnlyDifferenceShowsTheLineDiff) {
  ASSERT_EQ(RunCli({"update", dir_}).code, 0);
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/plain/config.json", MarshalIndent(*BuildSpec(SpecFlags()), 2) + "\n", 0644).ok());
  Result r = RunCli({"check", "-q", dir_});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.rfind("FAIL    " + dir_ + "/plain\nsame spec, other bytes (layout):\n@@ line 1 @@\n-{\n", 0), 0u)
      << r.out;
}

TEST_F(GoldenCommandTest, OneCaseFolderIsACase) {
  ASSERT_EQ(RunCli({"update", dir_ + "/web"}).code, 0);
  Result r = RunCli({"check", dir_ + "/web"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "ok      " + dir_ + "/web\ngolden: 1 case, 0 differ\n");
}

TEST_F(GoldenCommandTest, TroubleIsExit2) {
  AddCase("broken", "--bogus-flag\n");
  Result r = RunCli({"check", "-q", dir_});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("error   " + dir_ + "/broken: " + dir_ + "/broken/args: unknown flag \"--bogus-flag\"\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(", 1 error\n"), std::string::npos) << r.out;

  const std::string empty = dir_ + "/web";  // no sub-cases once args is gone
  ASSERT_EQ(::unlink((empty + "/args").c_str()), 0);
  r = RunCli({"check", empty});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "ocikit: golden: " + empty + ": no golden cases (folders holding an args file)\n");
  EXPECT_EQ(RunCli({"check", dir_ + "/missing"}).err, "ocikit: golden: " + dir_ + "/missing: No such file or directory\n");
  EXPECT_EQ(RunCli({"verify", dir_}).err, "ocikit: golden: expected `check DIR` or `update DIR`\n");
  EXPECT_EQ(RunCli({"check"}).code, 2);
}

TEST(RunGolden, Help) {
  Result r = RunCli({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("Usage: ocikit golden check [FLAGS] DIR\n", 0), 0u);
}

}  // namespace
}  // namespace ocikit::cli
