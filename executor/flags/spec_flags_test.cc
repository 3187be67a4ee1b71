#include "executor/flags/spec_flags.h"

#include <gtest/gtest.h>

#include "executor/flags/test_util.h"
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ocikit {
namespace {

using Strings = std::vector<std::string>;

absl::StatusOr<Spec> Build(const Strings& args) {
  absl::StatusOr<SpecFlags> flags = testing::ParseSpecArgs(args);
  if (!flags.ok()) return flags.status();
  return BuildSpec(*flags);
}

TEST(BuildSpec, NoFlagsGiveTheDefaultSpec) {
  absl::StatusOr<Spec> spec = Build({});
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(*spec, DefaultLinuxSpec());
}

TEST(BuildSpec, RelativeStateDirIsTakenFromTheWorkingDirectory) {
  std::string dir = ::testing::TempDir() + "/state-rel-XXXXXX";
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  char cwd[4096];
  ASSERT_NE(::getcwd(cwd, sizeof(cwd)), nullptr);
  ASSERT_EQ(::chdir(dir.c_str()), 0);
  char real[4096];
  ASSERT_NE(::getcwd(real, sizeof(real)), nullptr);  // as the kernel spells it
  dir = real;
  ASSERT_EQ(::mkdir("gen", 0755), 0);
  ASSERT_EQ(::mkdir("s", 0755), 0);
  absl::StatusOr<Spec> spec = Build({"--state-dir", "./s/../gen", "--dns", "192.0.2.53"});
  ASSERT_EQ(::chdir(cwd), 0);
  ASSERT_TRUE(spec.ok()) << spec.status();
  bool bound = false;
  for (const Mount& m : spec->mounts) bound |= m.destination == "/etc/resolv.conf" && m.source == dir + "/gen/resolv.conf";
  EXPECT_TRUE(bound);
  struct stat st;
  EXPECT_EQ(::stat((dir + "/gen/resolv.conf").c_str(), &st), 0);
}

TEST(BuildSpec, NoNewPrivilegesInDockerAndPodmanSpellings) {
  for (const auto& [opt, want] : std::vector<std::pair<std::string, bool>>{{"no-new-privileges", true},
                                                                           {"no-new-privileges=true", true},
                                                                           {"no-new-privileges:true", true},
                                                                           {"no-new-privileges=false", false},
                                                                           {"no-new-privileges:false", false}}) {
    absl::StatusOr<Spec> spec = Build({"--security-opt", opt});
    ASSERT_TRUE(spec.ok()) << opt << ": " << spec.status();
    EXPECT_EQ(spec->process->no_new_privileges, want) << opt;
  }
  EXPECT_FALSE(Build({"--security-opt", "no-new-privileges:maybe"}).ok());
  EXPECT_FALSE(Build({"--security-opt", "seccomp:unconfined"}).ok());  // only no-new-privileges takes ':'
}

TEST(BuildSpec, NetIsAnAliasOfNetwork) {
  absl::StatusOr<Spec> net = Build({"--net", "host"});
  absl::StatusOr<Spec> network = Build({"--network", "host"});
  ASSERT_TRUE(net.ok() && network.ok());
  EXPECT_EQ(Marshal(*net), Marshal(*network));
  EXPECT_NE(Marshal(*net), Marshal(*Build({})));
}

TEST(BuildSpec, MemoryWithoutMemorySwapMaySwapAsMuchAsItsLimit) {
  // Docker and Podman: memory+swap defaults to twice --memory.
  absl::StatusOr<Spec> spec = Build({"--memory", "512m"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  const LinuxMemory& memory = *spec->linux_section->resources->memory;
  EXPECT_EQ(memory.limit, 512 << 20);
  EXPECT_EQ(memory.swap, int64_t{1024} << 20);
  spec = Build({"--memory", "512m", "--memory-swap", "-1"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->linux_section->resources->memory->swap, -1);
  spec = Build({"--memory", "512m", "--memory-swap", "600m"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->linux_section->resources->memory->swap, int64_t{600} << 20);
  spec = Build({"--memory-reservation", "256m"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_FALSE(spec->linux_section->resources->memory->swap.has_value());
}

TEST(BuildSpec, FlagOrderDoesNotMatter) {
  absl::StatusOr<Spec> a = Build({"--read-only", "--hostname", "web", "-e", "A=1", "--cap-drop", "ALL", "--cap-add", "kill", "sh"});
  absl::StatusOr<Spec> b = Build({"--cap-add", "kill", "-e", "A=1", "--cap-drop", "ALL", "--hostname", "web", "--read-only", "sh"});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->process->capabilities->bounding, Strings{"CAP_KILL"});  // adds win over drop ALL
  EXPECT_EQ(a->process->args, Strings{"sh"});
  EXPECT_TRUE(a->root->readonly);
}

TEST(BuildSpec, AddAllThenDropKeepsEverythingButTheDropped) {
  absl::StatusOr<Spec> spec = Build({"--cap-drop", "NET_RAW", "--cap-add", "ALL"});
  ASSERT_TRUE(spec.ok());
  const Strings& bounding = spec->process->capabilities->bounding;
  EXPECT_EQ(bounding.size(), KnownCapabilities().size() - 1);
  EXPECT_EQ(std::find(bounding.begin(), bounding.end(), "CAP_NET_RAW"), bounding.end());
}

TEST(BuildSpec, EnvKeyAlonePassesTheHostValue) {
  ::setenv("OCIKIT_TEST_PASS", "v", 1);
  ::unsetenv("OCIKIT_TEST_ABSENT");
  absl::StatusOr<Spec> spec = Build({"-e", "OCIKIT_TEST_PASS", "-e", "OCIKIT_TEST_ABSENT", "-e", "B=2"});
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->process->env, (Strings{"OCIKIT_TEST_PASS=v", "B=2"}));
}

using ::ocikit::testing::WriteTemp;

TEST(BuildSpec, EnvLaterWinsWithOneEntryPerKeyAtItsFirstPosition) {
  absl::StatusOr<Spec> spec = Build({"-e", "A=1", "-e", "B=2", "-e", "A=3"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->process->env, (Strings{"A=3", "B=2"}));
  // A --from env that a flag overrides: one entry, where the first one was.
  const std::string base = WriteTemp("env_base.json",
      R"({"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"cwd":"/","env":["A=0","PATH=/bin","A=9","C=1"]}})");
  ::unsetenv("C");
  spec = Build({"--from", base, "-e", "A=1", "-e", "C"});  // C unset here: removes C, as Docker does
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->process->env, (Strings{"A=1", "PATH=/bin"}));
}

TEST(BuildSpec, EnvFileEntriesComeFirstAndFollowTheSameRules) {
  const std::string file = WriteTemp("app.env", "\xef\xbb\xbf# comment\n  A=from-file\n\nB=2\r\nA=again\nEMPTY=\n");
  absl::StatusOr<Spec> spec = Build({"--env-file", file, "-e", "B=flag"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->process->env, (Strings{"A=again", "B=flag", "EMPTY="}));
  const std::pair<std::string, std::string> bad[] = {
      {"A B=1\n", "line 1: variable name \"A B\" contains white space"},
      {"X=1\n=2\n", "line 2: no variable name before '='"},
      {"X=caf\xe9\n", "line 1: not valid UTF-8 (byte 0xe9 at offset 5); config.json holds UTF-8 only"},
      {std::string("X=a\0b\n", 6), "line 1: contains a NUL byte, which no runtime accepts in env"},
  };
  for (const auto& [text, message] : bad) {
    const std::string path = WriteTemp("bad.env", text);
    EXPECT_EQ(Build({"--env-file", path}).status().message(), "--env-file \"" + path + "\": " + message);
  }
}

TEST(BuildSpec, BadValuesAreRefusedWhenParsedWithTheFlagsName) {
  EXPECT_EQ(Build({"-w", "relative"}).status().message(),
            "--workdir \"relative\": expected an absolute path: the working directory in the container");
  EXPECT_EQ(Build({"-e", "=x"}).status().message(), "--env \"=x\": expected KEY=VALUE or KEY, with a non-empty KEY");
  EXPECT_EQ(Build({"--env="}).status().message(), "--env \"\": expected KEY=VALUE or KEY, with a non-empty KEY");
  EXPECT_EQ(Build({"--hostname", "h\xff"}).status().message(),
            "--hostname: the value is not valid UTF-8 (byte 0xff at offset 1); config.json holds UTF-8 only");
  EXPECT_EQ(Build({"sh", "-c", "\xc0"}).status().message(),
            "argument 3 is not valid UTF-8 (byte 0xc0 at offset 0); config.json holds UTF-8 only");
  EXPECT_EQ(Build({"--uidmap", "4294967295:0:1"}).status().message(),
            "--uidmap \"4294967295:0:1\": mapping \"4294967295:0:1\": container id + size exceeds 4294967295 "
            "(the kernel never maps id 4294967295, (uid_t)-1)");
  EXPECT_EQ(Build({"--annotation", "org.opencontainers.x=1"}).status().message(),
            "--annotation \"org.opencontainers.x=1\": org.opencontainers.* keys are reserved by the runtime-spec (only "
            "org.opencontainers.image.* may be set); expected your own prefix");
  EXPECT_TRUE(Build({"--annotation", "org.opencontainers.image.source=x"}).ok());
  EXPECT_EQ(Build({"-u", "guest:"}).status().message(),
            "WithUser: invalid USER value \"guest:\": empty group after ':'; expected USER or USER:GROUP, each a name "
            "or a number");
}

TEST(BuildSpec, ErrorsNameFlagAndTransform) {
  EXPECT_EQ(Build({"--cap-add", "fly"}).status().message(),
            "WithAddedCapabilities: unknown capability \"fly\"; expected a name such as CAP_NET_RAW or ALL");
  EXPECT_EQ(Build({"--annotation", "novalue"}).status().message(), "--annotation \"novalue\": expected KEY=VALUE");
  EXPECT_EQ(Build({"--from", "/nonexistent/config.json"}).status().message(),
            "/nonexistent/config.json: No such file or directory");
}

TEST(BuildSpec, NameAndNamespaceSetCgroupsPath) {
  absl::StatusOr<Spec> spec = Build({"--name", "web", "--namespace", "k8s.io"});
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->linux_section->cgroups_path, "/k8s.io/web");
}

TEST(BuildSpec, NamespaceFlags) {
  absl::StatusOr<Spec> spec = Build({"--network", "host", "--pid", "ns:/proc/1/ns/pid", "--cgroupns", "private"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  std::vector<std::string> got;
  for (const LinuxNamespace& n : spec->linux_section->namespaces) got.push_back(n.type + ":" + n.path);
  EXPECT_EQ(got, (Strings{"pid:/proc/1/ns/pid", "ipc:", "uts:", "mount:", "cgroup:"}));
  EXPECT_EQ(Build({"--ipc", "none"}).status().message(),
            "--ipc \"none\": expected private, host or ns:PATH with an absolute PATH");
  EXPECT_EQ(Build({"--network", "ns:"}).status().message(),
            "--network \"ns:\": expected private, host, none or ns:PATH with an absolute PATH");
  EXPECT_EQ(Build({"--pid", "ns:proc/1/ns/pid"}).status().message(),
            "--pid \"ns:proc/1/ns/pid\": expected private, host or ns:PATH with an absolute PATH");
  EXPECT_EQ(Build({"--uts", "host", "--hostname", "web"}).status().message(),
            "--hostname and --domainname need a private UTS namespace; with --uts host they would rename the host");
  EXPECT_TRUE(Build({"--uts", "host"}).ok());
  EXPECT_TRUE(Build({"--uts", "host", "--uts", "private", "--hostname", "web"}).ok());  // the last --uts counts
}

TEST(BuildSpec, OneIdMapMapsBothAndRootlessDefaultsToTheCaller) {
  absl::StatusOr<Spec> spec = Build({"--gidmap", "0:5000:10"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->linux_section->uid_mappings, spec->linux_section->gid_mappings);
  EXPECT_EQ(spec->linux_section->uid_mappings[0].host_id, 5000u);
  spec = Build({"--rootless"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->linux_section->uid_mappings[0].host_id, ::getuid());
  EXPECT_EQ(spec->linux_section->gid_mappings[0].host_id, ::getgid());
  EXPECT_EQ(Build({"--uidmap", "0:1:0"}).status().message(), "--uidmap \"0:1:0\": mapping \"0:1:0\": size must be at least 1");
}

TEST(OutputFlags, IndentAndCompact) {
  OutputFlags out;
  FlagSet set;
  AddOutputFlags(set, out);
  ASSERT_TRUE(set.Parse({"--indent", "2"}).ok());
  EXPECT_EQ(out.indent, 2);
  ASSERT_TRUE(set.Parse({"--compact"}).ok());
  EXPECT_EQ(out.indent, 0);
  EXPECT_EQ(set.Parse({"--indent", "x"}).status().message(),
            "--indent \"x\": expected a number of spaces from 0 to 16");
  Spec spec;
  spec.oci_version = "1.3.0";
  EXPECT_EQ(FormatSpecOutput(spec, out), "{\"ociVersion\":\"1.3.0\"}\n");
}

}  // namespace
}  // namespace ocikit
