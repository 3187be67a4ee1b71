#include "executor/runtime_shim/shim.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/file.h"

namespace ocikit::runtime_shim {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ShimArgsTest, SplitsGlobalFlagsCommandAndShimFlags) {
  absl::StatusOr<ShimArgs> a = ParseShimArgs({"--root", "/run/r", "--debug", "--log=/l.json", "--log-format", "json",
                                              "--ocikit-policy", "/p.json", "--rootless", "false", "--systemd-cgroup",
                                              "--ocikit-fail-open", "--ocikit-delegate=crun", "create", "--bundle", "/b",
                                              "id1"});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_THAT(a->global, ElementsAre("--root", "/run/r", "--debug", "--log=/l.json", "--log-format", "json",
                                     "--rootless", "false", "--systemd-cgroup"));
  EXPECT_EQ(a->log, "/l.json");
  EXPECT_EQ(a->log_format, "json");
  EXPECT_EQ(a->command, "create");
  EXPECT_THAT(a->rest, ElementsAre("--bundle", "/b", "id1"));
  EXPECT_EQ(a->policy, "/p.json");
  EXPECT_EQ(a->delegate, "crun");
  EXPECT_TRUE(a->fail_open);
  EXPECT_THAT(a->DelegateArgs(), ElementsAre("--root", "/run/r", "--debug", "--log=/l.json", "--log-format", "json",
                                             "--rootless", "false", "--systemd-cgroup", "create", "--bundle", "/b",
                                             "id1"));
  // --debug takes no value (the next word is the command); --rootless takes
  // one, separate or after "=", as does --criu.
  a = ParseShimArgs({"-debug", "--rootless=auto", "--criu", "/usr/sbin/criu", "--debug", "run", "web"});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_THAT(a->global, ElementsAre("-debug", "--rootless=auto", "--criu", "/usr/sbin/criu", "--debug"));
  EXPECT_EQ(a->command, "run");
  EXPECT_THAT(a->rest, ElementsAre("web"));
  EXPECT_FALSE(ParseShimArgs({"--ocikit-policy"}).ok());
  a = ParseShimArgs({"--version"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->command, "");
  EXPECT_THAT(a->DelegateArgs(), ElementsAre("--version"));
}

TEST(ShimArgsTest, CommandArguments) {
  CommandArgs c = ParseCommandArgs("create", {"-b", "/b", "--pid-file", "/p", "--no-pivot", "web"});
  EXPECT_EQ(c.bundle, "/b");
  EXPECT_EQ(c.id, "web");
  c = ParseCommandArgs("run", {"--detach", "--bundle=/x", "web"});
  EXPECT_EQ(c.bundle, "/x");
  EXPECT_EQ(c.id, "web");
  c = ParseCommandArgs("exec", {"-u", "0:0", "--cap", "CAP_SYS_ADMIN", "-e", "A=1", "--tty", "web", "sh", "-c", "x"});
  EXPECT_EQ(c.id, "web");
  EXPECT_EQ(c.user, "0:0");
  EXPECT_THAT(c.caps, ElementsAre("CAP_SYS_ADMIN"));
  EXPECT_THAT(c.exec_args, ElementsAre("sh", "-c", "x"));
  c = ParseCommandArgs("exec", {"--process", "/p.json", "--detach", "web"});
  EXPECT_EQ(c.process_file, "/p.json");
}

TEST(ShimArgsTest, LogLinesAreRuncStyle) {
  const nlohmann::json j = nlohmann::json::parse(internal::LogLine("json", "error", "ocikit: refused \"x\""));
  EXPECT_EQ(j["level"], "error");
  EXPECT_EQ(j["msg"], "ocikit: refused \"x\"");
  EXPECT_TRUE(j["time"].is_string());
  EXPECT_THAT(internal::LogLine("text", "warning", "a \"b\""), HasSubstr("level=warning msg=\"a \\\"b\\\"\""));
}

// A bundle in a temporary directory and a fake exec that records the hand-over.
class ShimRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ocikit-shim-test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    env_.cwd = dir_;
    env_.syslog = false;
    env_.policy = dir_ + "/none.json";  // named but absent: see PolicyMissing
    Spec spec = DefaultLinuxSpec();
    spec.process->args = {"sh"};
    spec.root->path = "rootfs";
    spec.linux_section->seccomp.emplace().default_action = "SCMP_ACT_ERRNO";
    config_ = MarshalIndent(spec, 2);
  }
  void TearDown() override { ASSERT_EQ(std::system(("rm -rf " + dir_).c_str()), 0); }

  void WriteConfig(const Spec& spec) { config_ = MarshalIndent(spec, 2); }
  void WritePolicy(const std::string& json) {
    env_.policy = dir_ + "/runtime.json";
    ASSERT_TRUE(WriteFileAtomic(env_.policy, json, 0644).ok());
  }
  // Runs the shim on `args` after --log (and --ocikit-delegate /bin/true
  // unless `delegate_flag` is false).
  int Run(std::vector<std::string> args, bool delegate_flag = true) {
    EXPECT_TRUE(WriteFileAtomic(dir_ + "/config.json", config_, 0640).ok());
    if (delegate_flag) args.insert(args.begin(), {"--ocikit-delegate", "/bin/true"});
    args.insert(args.begin(), {"--log", dir_ + "/log.json", "--log-format", "json"});
    handed_over_.clear();
    exec_path_.clear();
    return RunShim(args, env_, [this](const std::string& path, const std::vector<std::string>& argv) {
      exec_path_ = path;
      handed_over_ = argv;
      return 0;
    });
  }
  std::string Log() { return ReadRegularFile(dir_ + "/log.json", 1 << 20).value_or(""); }
  std::string Config() { return *ReadRegularFile(dir_ + "/config.json", 1 << 20); }

  std::string dir_, config_;
  ShimEnv env_;
  std::vector<std::string> handed_over_;
  std::string exec_path_;  // what the hand-over exec'd
};

TEST_F(ShimRunTest, PassThroughCommandsAreHandedOverUnchanged) {
  EXPECT_EQ(Run({"state", "web"}), 0);
  EXPECT_THAT(handed_over_, ElementsAre("/bin/true", "--log", dir_ + "/log.json", "--log-format", "json", "state", "web"));
}

TEST_F(ShimRunTest, PolicyFileDelegateIsUsedWithoutFlagOrEnvironment) {
  WritePolicy(R"({"version":1,"delegate":"/bin/true"})");
  EXPECT_EQ(Run({"create", "--bundle", dir_, "web"}, /*delegate_flag=*/false), 0);
  EXPECT_EQ(exec_path_, "/bin/true");
  EXPECT_THAT(handed_over_, ElementsAre("/bin/true", "--log", dir_ + "/log.json", "--log-format", "json", "create",
                                        "--bundle", dir_, "web"));
  EXPECT_EQ(Run({"state", "web"}, /*delegate_flag=*/false), 0);  // pass-through reads the file for it too
  EXPECT_EQ(exec_path_, "/bin/true");
  EXPECT_THAT(handed_over_, ElementsAre("/bin/true", "--log", dir_ + "/log.json", "--log-format", "json", "state", "web"));
  // OCIKIT_RUNTIME_DELEGATE beats the file, the flag beats both.
  env_.delegate = "/bin/false";
  EXPECT_EQ(Run({"state", "web"}, /*delegate_flag=*/false), 0);
  EXPECT_EQ(exec_path_, "/bin/false");
  EXPECT_EQ(Run({"create", "--bundle", dir_, "web"}, /*delegate_flag=*/false), 0);
  EXPECT_EQ(exec_path_, "/bin/false");
  EXPECT_EQ(Run({"state", "web"}), 0);
  EXPECT_EQ(exec_path_, "/bin/true");
}

TEST_F(ShimRunTest, NamedPolicyMissingRefusesEveryCreate) {
  EXPECT_EQ(Run({"create", "web"}), 1);
  EXPECT_TRUE(handed_over_.empty());
  EXPECT_THAT(Log(), HasSubstr("ocikit: refusing every container: node policy " + dir_ + "/none.json"));
}

TEST_F(ShimRunTest, AllowedCreateIsHandedOver) {
  WritePolicy("{}");
  EXPECT_EQ(Run({"create", "--bundle", dir_, "web"}), 0);
  EXPECT_THAT(handed_over_, ElementsAre("/bin/true", "--log", dir_ + "/log.json", "--log-format", "json", "create",
                                        "--bundle", dir_, "web"));
  EXPECT_EQ(Config(), config_);  // untouched
}

TEST_F(ShimRunTest, DebugAndRootlessReachTheDelegateOfAGatedCreate) {
  WritePolicy("{}");
  EXPECT_EQ(Run({"--debug", "--rootless", "false", "create", "--bundle", dir_, "web"}), 0);
  EXPECT_THAT(handed_over_, ElementsAre("/bin/true", "--log", dir_ + "/log.json", "--log-format", "json", "--debug",
                                        "--rootless", "false", "create", "--bundle", dir_, "web"));
}

TEST_F(ShimRunTest, PrivilegedCreateIsRefusedWithARuncStyleLogLine) {
  WritePolicy(R"({"name":"acme"})");
  Spec spec = *ParseSpec(config_);
  spec.process->capabilities->bounding.push_back("CAP_SYS_ADMIN");
  WriteConfig(spec);
  EXPECT_EQ(Run({"run", "web"}), 1);  // the bundle is the current directory
  EXPECT_TRUE(handed_over_.empty());
  const std::string log = Log();
  const std::string last = log.substr(log.rfind('\n', log.size() - 2) + 1);
  const nlohmann::json j = nlohmann::json::parse(last);
  EXPECT_EQ(j["level"], "error");
  EXPECT_THAT(j["msg"].get<std::string>(), HasSubstr("ocikit: refused by policy acme: process.capabilities.bounding"));
  EXPECT_THAT(j["msg"].get<std::string>(), HasSubstr("[SEC401]"));
}

TEST_F(ShimRunTest, InvalidPolicyRefusesUnlessFailOpen) {
  WritePolicy(R"({"profile":"strict"})");
  EXPECT_EQ(Run({"create", "web"}), 1);
  EXPECT_THAT(Log(), HasSubstr("profile: \\\"strict\\\" is not a profile"));
  env_.fail_open = true;
  EXPECT_EQ(Run({"create", "web"}), 0);
  EXPECT_FALSE(handed_over_.empty());
  EXPECT_THAT(Log(), HasSubstr("ocikit: FAIL-OPEN: create runs UNCHECKED"));
  env_.fail_open = false;
  WritePolicy(R"({"profile":"strict","failOpen":true})");
  EXPECT_EQ(Run({"create", "web"}), 0);
}

TEST_F(ShimRunTest, MutationRewritesConfigAtomicallyKeepingModeAndOriginal) {
  WritePolicy(R"({"mutations":[{"name":"defaultSeccomp"}],"keepOriginal":true})");
  Spec spec = *ParseSpec(config_);
  spec.linux_section->seccomp.reset();
  WriteConfig(spec);
  const std::string original = config_;
  EXPECT_EQ(Run({"create", "web"}), 0);
  EXPECT_FALSE(handed_over_.empty());
  absl::StatusOr<Spec> now = ParseSpec(Config());
  ASSERT_TRUE(now.ok());
  EXPECT_TRUE(now->linux_section->seccomp.has_value());
  EXPECT_EQ(*ReadRegularFile(dir_ + "/config.json.ocikit-orig", 1 << 20), original);
  struct stat st;
  ASSERT_EQ(::stat((dir_ + "/config.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640);
  EXPECT_THAT(Log(), HasSubstr("mutated " + dir_ + "/config.json by defaultSeccomp"));
}

TEST_F(ShimRunTest, WarnFindingsGoToTheLogNotStdio) {
  WritePolicy(R"({"modes":{"SEC405":"warn"}})");
  Spec spec = *ParseSpec(config_);
  spec.linux_section->seccomp.reset();
  WriteConfig(spec);
  testing::internal::CaptureStderr();
  EXPECT_EQ(Run({"create", "web"}), 0);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_THAT(Log(), HasSubstr(R"("level":"warning","msg":"ocikit: allowed rule=SEC405 mode=warn)"));
}

TEST_F(ShimRunTest, ExecWithProcessFileIsJudged) {
  WritePolicy("{}");
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/p.json",
                              R"({"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/proc/self/fd/3"})", 0600)
                  .ok());
  EXPECT_EQ(Run({"exec", "--process", "p.json", "no-such-container"}), 1);
  EXPECT_THAT(Log(), HasSubstr("[SEC414]"));
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/p.json", R"({"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/"})", 0600).ok());
  EXPECT_EQ(Run({"exec", "--process", "p.json", "no-such-container"}), 0);
}

TEST_F(ShimRunTest, ExecWithFlagsJudgesTheProcessTheyBuild) {
  WritePolicy("{}");
  // The delegate (/bin/true) knows no container: the process is judged alone.
  EXPECT_EQ(Run({"exec", "--cap", "CAP_SYS_ADMIN", "-u", "1000:1000", "web", "sh"}), 1);
  EXPECT_THAT(Log(), HasSubstr("CAP_SYS_ADMIN"));
  EXPECT_THAT(Log(), HasSubstr("[SEC401]"));
  EXPECT_EQ(Run({"exec", "-u", "1000:1000", "--cwd", "/", "web", "sh"}), 0);
  EXPECT_THAT(handed_over_, ::testing::Contains("--cwd"));
}

// A config.json of about 140 kB (2000 env entries, 1000 annotations) that
// the crash test's policy mutates.
std::string LargeConfig() {
  Spec spec = DefaultLinuxSpec();
  spec.process->args = {"sh"};
  spec.root->path = "rootfs";
  for (int i = 0; i < 2000; ++i) spec.process->env.push_back(absl::StrCat("VAR", i, "=", std::string(24, 'x')));
  for (int i = 0; i < 1000; ++i) spec.annotations[absl::StrCat("com.example.key", i)] = std::string(40, 'v');
  spec.linux_section->masked_paths.clear();
  return MarshalIndent(spec, 2) + "\n";
}

// Whether child `pid` has ended, without reaping it (a zombie keeps its pid,
// so a kill after this never reaches another process).
bool Ended(pid_t pid) {
  siginfo_t info = {};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

// Forks a shim that runs `args` (handing over to nothing) and SIGKILLs it:
// at the kill_at_event-th name that appears in `bundle` (a file created or
// renamed there: where a rewrite is most fragile) when kill_at_event > 0,
// after `delay` when it is 0, never when it is < 0. Returns when it is gone.
void RunAndKill(const std::vector<std::string>& args, const ShimEnv& env, const std::string& bundle, int kill_at_event,
                absl::Duration delay) {
  const int in = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  ASSERT_GE(in, 0);
  ASSERT_GE(::inotify_add_watch(in, bundle.c_str(), IN_CREATE | IN_MOVED_TO), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(RunShim(args, env, [](const std::string&, const std::vector<std::string>&) { return 0; }));
  if (kill_at_event == 0) absl::SleepFor(delay);
  alignas(inotify_event) char buf[4096];
  for (int seen = 0; kill_at_event > 0 && seen < kill_at_event && !Ended(pid);) {
    pollfd p = {in, POLLIN, 0};
    ::poll(&p, 1, 10);
    const ssize_t n = ::read(in, buf, sizeof buf);
    for (ssize_t off = 0; off < n; ++seen) {
      off += static_cast<ssize_t>(sizeof(inotify_event) + reinterpret_cast<const inotify_event*>(buf + off)->len);
    }
  }
  if (kill_at_event >= 0) ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  while (::waitpid(-1, nullptr, 0) > 0) {  // its UnlinkInBackground child (the test is a subreaper)
  }
  ::close(in);
}

// SIGKILLs shims that rewrite a large config.json (and keep the original)
// at each step of the rewrite and at random moments: config.json is always
// the engine's file or the mutated one, whole; the bundle never holds a
// temporary file other than the one name ReplaceFile uses between its link
// and its unlink, and that one is gone after the next rewrite. The test is
// the subreaper of the shims' background children, so it waits for them.
TEST_F(ShimRunTest, KilledRewriteLeavesTheOldOrTheNewConfigAndNoTemporaryFile) {
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  WritePolicy(R"({"profile":"none","modes":{"default":"warn"},"keepOriginal":true,
                  "mutations":[{"name":"maskedPaths"},{"name":"defaultSeccomp"},{"name":"noNewPrivileges"}]})");
  const std::string bundle = dir_ + "/bundle", config = bundle + "/config.json";
  ASSERT_EQ(::mkdir(bundle.c_str(), 0755), 0);
  const std::string original = LargeConfig();
  const std::vector<std::string> args = {"create", "--bundle", bundle, "web"};
  // The mutated text, and how long an unkilled rewrite takes.
  ASSERT_TRUE(WriteFileAtomic(config, original, 0644).ok());
  const absl::Time start = absl::Now();
  RunAndKill(args, env_, bundle, /*kill_at_event=*/-1, absl::ZeroDuration());
  const absl::Duration full = absl::Now() - start;
  const std::string mutated = *ReadRegularFile(config, 1 << 24);
  ASSERT_NE(mutated, original);
  ASSERT_TRUE(ParseSpec(mutated).ok());
  const std::set<std::string> allowed = {"config.json", "config.json.ocikit-orig", "config.json.ocikit-tmp",
                                         "config.json.ocikit-orig.ocikit-tmp"};
  std::mt19937 random(18);
  int old_seen = 0, new_seen = 0, stray = 0;
  const absl::Time budget = absl::Now() + absl::Seconds(6);  // bounds the test, not an assertion
  for (int i = 0; i < 60 && absl::Now() < budget; ++i) {
    ASSERT_TRUE(WriteFileAtomic(config, original, 0644).ok());
    // Each of the 6 name events of a rewrite (for the original, then for
    // config.json: the link, and the exchange's two names), or a random moment.
    const int event = i % 7 < 6 ? i % 7 + 1 : 0;
    const absl::Duration delay = full * std::uniform_real_distribution<double>(0, 1.2)(random);
    RunAndKill(args, env_, bundle, event, delay);
    const std::string now = *ReadRegularFile(config, 1 << 24);
    ASSERT_TRUE(now == original || now == mutated) << "kill " << i << ": config.json is neither file";
    (now == original ? old_seen : new_seen)++;
    const absl::StatusOr<std::vector<std::string>> names = ReadDirNames(bundle);
    ASSERT_TRUE(names.ok()) << names.status();
    for (const std::string& name : *names) {
      ASSERT_TRUE(allowed.count(name)) << "kill " << i << " left " << name;
      stray += absl::StrContains(name, ".ocikit-tmp") ? 1 : 0;
    }
    if (absl::StatusOr<std::string> orig = ReadRegularFile(config + ".ocikit-orig", 1 << 24); orig.ok()) {
      ASSERT_EQ(*orig, original) << "kill " << i;
    }
  }
  std::cout << "kills: " << old_seen << " left the original, " << new_seen << " the mutated file; " << stray
            << " left the replacement name\n";
  EXPECT_GT(old_seen, 0);
  EXPECT_GT(new_seen, 0);
  // A rewrite that runs to the end leaves config.json and the original only.
  ASSERT_TRUE(WriteFileAtomic(config, original, 0644).ok());
  RunAndKill(args, env_, bundle, /*kill_at_event=*/-1, absl::ZeroDuration());
  EXPECT_EQ(*ReadRegularFile(config, 1 << 24), mutated);
  EXPECT_THAT(*ReadDirNames(bundle), ElementsAre("config.json", "config.json.ocikit-orig"));
  ::prctl(PR_SET_CHILD_SUBREAPER, 0);
}

// ReplaceFile exchanges the files, and the old one, under the temporary
// name, is unlinked by a child while the caller goes on.
TEST_F(ShimRunTest, ReplaceFileUnlinksTheOldFileInTheBackground) {
  const std::string path = dir_ + "/config.json";
  ASSERT_TRUE(WriteFileAtomic(path, "old", 0640).ok());
  const int old = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(old, 0);
  ASSERT_TRUE(internal::ReplaceFile(path, "new", 0640, FileSync::kAtomic, internal::Replaced::kUnlinkInBackground).ok());
  EXPECT_EQ(*ReadRegularFile(path, 100), "new");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640);
  // The children's exit (an earlier test's too): the old file has no name
  // left, the temporary one is gone.
  while (::waitpid(-1, nullptr, 0) > 0) {
  }
  ASSERT_EQ(::fstat(old, &st), 0);
  EXPECT_EQ(st.st_nlink, 0u);
  ::close(old);
  EXPECT_THAT(*ReadDirNames(dir_), ElementsAre("config.json"));
  // Without a file to replace, it is a rename.
  ASSERT_TRUE(internal::ReplaceFile(dir_ + "/new.json", "x", 0600, FileSync::kAtomic).ok());
  EXPECT_THAT(*ReadDirNames(dir_), ElementsAre("config.json", "new.json"));
}

// The unlink is the child's: its exit status is its errno, and a second call
// after the first child has ended gets a child of its own.
TEST(UnlinkInBackgroundTest, AChildUnlinksAndExitsWithItsErrno) {
  const std::string file = absl::StrCat(::testing::TempDir(), "/unlink-in-background");
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(WriteFileAtomic(file, "x", 0600).ok());
    const pid_t pid = internal::UnlinkInBackground(file);
    ASSERT_GT(pid, 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_NE(::access(file.c_str(), F_OK), 0);
  }
  const pid_t pid = internal::UnlinkInBackground(file);  // gone already
  ASSERT_GT(pid, 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_EQ(WEXITSTATUS(status), ENOENT);
}

// The delegate is the shim (here the front that started it) when it is the
// same file: a hard link to it under another name would exec the shim again
// and again; a copy is another program.
TEST_F(ShimRunTest, ADelegateThatIsTheShimUnderAnotherNameIsRefused) {
  env_.front = dir_ + "/ocikit-runtime";
  ASSERT_TRUE(WriteFileAtomic(env_.front, "#!/bin/sh\n", 0755).ok());
  const std::string link = dir_ + "/runc", copy = dir_ + "/crun";
  ASSERT_EQ(::link(env_.front.c_str(), link.c_str()), 0);
  ASSERT_TRUE(WriteFileAtomic(copy, "#!/bin/sh\n", 0755).ok());
  ShimArgs args;
  args.delegate = link;
  absl::StatusOr<std::string> refused = internal::ResolveDelegate(args, env_, nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("is ocikit-runtime itself"));
  args.delegate = copy;
  EXPECT_TRUE(internal::ResolveDelegate(args, env_, nullptr).ok());
}

TEST(ExecProcessTest, FlagsChangeTheContainersProcessAsRuncDoes) {
  Spec container = DefaultLinuxSpec();
  container.process->args = {"sleep", "1000"};
  CommandArgs c = ParseCommandArgs("exec", {"-u", "1000:50", "--cap", "CAP_NET_ADMIN", "-e", "A=1", "--no-new-privs",
                                            "--cwd", "/tmp", "web", "sh", "-c", "id"});
  Process p = internal::ExecProcessFromFlags(container, c);
  EXPECT_THAT(p.args, ElementsAre("sh", "-c", "id"));
  EXPECT_EQ(p.user.uid, 1000u);
  EXPECT_EQ(p.user.gid, 50u);
  EXPECT_EQ(p.cwd, "/tmp");
  EXPECT_TRUE(p.no_new_privileges);
  EXPECT_THAT(p.env, ::testing::Contains("A=1"));
  EXPECT_THAT(p.capabilities->bounding, ::testing::Contains("CAP_NET_ADMIN"));
  EXPECT_THAT(p.capabilities->effective, ::testing::Contains("CAP_NET_ADMIN"));
  EXPECT_THAT(p.capabilities->permitted, ::testing::Contains("CAP_NET_ADMIN"));
  EXPECT_THAT(p.capabilities->inheritable, ::testing::Not(::testing::Contains("CAP_NET_ADMIN")));
}

}  // namespace
}  // namespace ocikit::runtime_shim
