#include "spec/opts/process.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

using Env = std::vector<std::string>;

TEST(ReplaceOrAppendEnv, FollowsContainerdRules) {
  EXPECT_EQ(ReplaceOrAppendEnv({"A=1", "B=2"}, {"A=3", "C=4"}), (Env{"A=3", "B=2", "C=4"}));
  EXPECT_EQ(ReplaceOrAppendEnv({"A=1", "B=2"}, {"A"}), (Env{"B=2"}));         // "K" removes K
  EXPECT_EQ(ReplaceOrAppendEnv({"A=1"}, {"Z"}), (Env{"A=1"}));                 // ...and ignores absent K
  EXPECT_EQ(ReplaceOrAppendEnv({"A=1"}, {"A="}), (Env{"A="}));                 // "K=" sets empty
  EXPECT_EQ(ReplaceOrAppendEnv({"A=1", "A=2"}, {"A=3"}), (Env{"A=1", "A=3"}));  // last occurrence replaced
  EXPECT_EQ(ReplaceOrAppendEnv({}, {"a=1", "a=2"}), (Env{"a=1", "a=2"}));      // appended keys not indexed
  EXPECT_EQ(ReplaceOrAppendEnv({}, {"a=1", "a"}), (Env{"a=1"}));
  EXPECT_EQ(ReplaceOrAppendEnv({"z", ""}, {"Q=1"}), (Env{"z", "Q=1"}));        // empty entries dropped
  EXPECT_EQ(ReplaceOrAppendEnv({"z"}, {"z=1"}), (Env{"z=1"}));
}

TEST(OverrideEnv, LaterWinsOneEntryPerKeyAtTheFirstPosition) {
  EXPECT_EQ(OverrideEnv({}, {"A=1", "A=3"}), (Env{"A=3"}));                         // -e A=1 -e A=3
  EXPECT_EQ(OverrideEnv({"A=0", "B=2"}, {"A=1", "C=4", "A=3"}), (Env{"A=3", "B=2", "C=4"}));
  EXPECT_EQ(OverrideEnv({"A=0", "B=2", "A=5"}, {"A=1"}), (Env{"A=1", "B=2"}));      // base duplicates go too
  EXPECT_EQ(OverrideEnv({"B=2", "A=0"}, {"C=1", "A="}), (Env{"B=2", "A=", "C=1"}));  // "K=" sets empty
  EXPECT_EQ(OverrideEnv({"A=1", "B=2", "A=2"}, {"A"}), (Env{"B=2"}));                // "K" removes every K
  EXPECT_EQ(OverrideEnv({"A=1"}, {"A", "A=7"}), (Env{"A=7"}));                       // ...and a later K=V adds it
  EXPECT_EQ(OverrideEnv({"A=1"}, {"Z"}), (Env{"A=1"}));
  EXPECT_EQ(OverrideEnv({"z", "", "D=1", "D=2"}, {"z=1", ""}), (Env{"z=1", "D=1", "D=2"}));  // untouched keys stay
}

TEST(WithEnvOverrides, MergesWithDockerRules) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithEnv({"A=1", "B=2"}), WithEnvOverrides({"A=5", "A=9", "B"})}).ok());
  EXPECT_EQ(spec.process->env, (Env{"A=9"}));
  Spec untouched;
  ASSERT_TRUE(ApplyOpts({}, untouched, {WithEnvOverrides({})}).ok());
  EXPECT_FALSE(untouched.process.has_value());
}

TEST(WithEnv, CreatesProcessAndMergesInPlace) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithEnv({"A=1", "B=2"}), WithEnv({"A=9"})}).ok());
  EXPECT_EQ(spec.process->env, (Env{"A=9", "B=2"}));
  Spec untouched;
  ASSERT_TRUE(ApplyOpts({}, untouched, {WithEnv({})}).ok());
  EXPECT_FALSE(untouched.process.has_value());
}

TEST(WithDefaultPathEnv, ReplacesExistingPath) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithEnv({"PATH=/x", "A=1"}), WithDefaultPathEnv()}).ok());
  EXPECT_EQ(spec.process->env, (Env{std::string(kDefaultPathEnv), "A=1"}));
}

TEST(WithProcessArgs, SetsArgsAndClearsCommandLine) {
  Spec spec;
  spec.process.emplace().command_line = "cmd.exe";
  ASSERT_TRUE(ApplyOpts({}, spec, {WithProcessArgs({"sh", "-c", "true"})}).ok());
  EXPECT_EQ(spec.process->args, (Env{"sh", "-c", "true"}));
  EXPECT_EQ(spec.process->command_line, "");
}

TEST(WithTTY, SetsTerminalAndOneTerm) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithEnv({"TERM=dumb"}), WithTTY(), WithTTYSize(80, 24)}).ok());
  EXPECT_TRUE(spec.process->terminal);
  EXPECT_EQ(spec.process->env, (Env{"TERM=xterm"}));
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","process":{"terminal":true,"consoleSize":{"height":24,"width":80},"user":{"uid":0,"gid":0},"env":["TERM=xterm"],"cwd":""}})");
}

TEST(WithHostname, SetsHostnameDomainnameAndAnnotations) {
  Spec spec;
  spec.annotations["keep"] = "1";
  spec.annotations["a"] = "old";
  ASSERT_TRUE(ApplyOpts({}, spec, {WithHostname("web"), WithDomainname("example.org"),
                                   WithAnnotations({{"a", "new"}, {"b", "2"}}), WithProcessCwd("/srv")})
                  .ok());
  EXPECT_EQ(spec.hostname, "web");
  EXPECT_EQ(spec.domainname, "example.org");
  EXPECT_EQ(spec.process->cwd, "/srv");
  EXPECT_EQ(spec.annotations, (std::map<std::string, std::string>{{"a", "new"}, {"b", "2"}, {"keep", "1"}}));
}

}  // namespace
}  // namespace ocikit
