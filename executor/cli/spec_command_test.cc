#include "executor/cli/spec_command.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "executor/cli/command_test_util.h"
#include "executor/flags/spec_flags.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit::cli {
namespace {

using Result = CommandResult;

Result RunCommand(const std::vector<std::string>& args) { return RunCommandForTest(RunSpec, args); }

TEST(RunSpec, PrintsDefaultSpecIndentedByDefault) {
  Result r = RunCommand({});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, MarshalIndent(*BuildSpec(SpecFlags()), 4) + "\n");  // the plain-run defaults: spec_flags_test
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

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Issue 13: values a runtime or the kernel would refuse are refused first,
// with the flag's name, exit 125 and nothing on stdout.
TEST(RunSpec, RefusesBadFlagValuesWithTheFlagsName) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"-w", "relative"}, "--workdir \"relative\": expected an absolute path: the working directory in the container\n"},
      {{"-e", "=x"}, "--env \"=x\": expected KEY=VALUE or KEY, with a non-empty KEY\n"},
      {{"--hostname", "caf\xe9"},
       "--hostname: the value is not valid UTF-8 (byte 0xe9 at offset 3); config.json holds UTF-8 only\n"},
      {{"-e", "A=\xff"}, "--env: the value is not valid UTF-8 (byte 0xff at offset 2); config.json holds UTF-8 only\n"},
      {{"sh", "-c", "echo \xfe"}, "argument 3 is not valid UTF-8 (byte 0xfe at offset 5); config.json holds UTF-8 only\n"},
      {{"--uidmap", "0:4294967295:1"},
       "--uidmap \"0:4294967295:1\": mapping \"0:4294967295:1\": host id + size exceeds 4294967295 (the kernel never "
       "maps id 4294967295, (uid_t)-1)\n"},
      {{"--gidmap", "4294967295:0:1"},
       "--gidmap \"4294967295:0:1\": mapping \"4294967295:0:1\": container id + size exceeds 4294967295 (the kernel "
       "never maps id 4294967295, (uid_t)-1)\n"},
      {{"-u", ":guest"},
       "WithUser: invalid USER value \":guest\": empty user before ':'; expected USER or USER:GROUP, each a name or a "
       "number\n"},
  };
  for (const auto& [args, message] : cases) {
    Result r = RunCommand(args);
    EXPECT_EQ(r.code, 125) << args[0];
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(EndsWith(r.err, message)) << r.err;
    for (const char c : r.err) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << r.err;  // no raw bytes echoed
  }
}

TEST(RunSpec, RefusesAResultThatFailsLint) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string base = std::string(dir != nullptr ? dir : "/tmp") + "/nul-base.json";
  {
    std::ofstream f(base);
    f << R"({"ociVersion":"1.3.0","root":{"path":"rootfs"},"process":{"user":{"uid":0,"gid":0},"cwd":"/",)"
         R"("args":["sh","-c","echo\u0000rm -rf /"]}})";
  }
  Result r = RunCommand({"--from", base});
  EXPECT_EQ(r.code, 125);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(EndsWith(r.err, "the generated config.json fails lint: OCI139 string-nul: process.args[2]: the value "
                              "holds a NUL byte (\\u0000) at offset 4; runc refuses it and C runtimes cut the string "
                              "there; expected no NUL\n"))
      << r.err;
}

TEST(RunSpec, RepeatedEnvGivesOneEntryAndTheLastValue) {
  Result r = RunCommand({"-e", "A=1", "-e", "B=2", "-e", "A=3"});
  ASSERT_EQ(r.code, 0) << r.err;
  absl::StatusOr<Spec> spec = ParseSpec(r.out);
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->process->env, (std::vector<std::string>{"A=3", "B=2"}));
}

TEST(RunSpec, HelpListsFlags) {
  Result r = RunCommand({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("Usage: ocikit spec"), std::string::npos);
  EXPECT_NE(r.out.find("--cap-drop CAP"), std::string::npos);
}

}  // namespace
}  // namespace ocikit::cli
