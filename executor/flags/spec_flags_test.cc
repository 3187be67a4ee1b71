#include "executor/flags/spec_flags.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>
#include "absl/strings/str_cat.h"
#include "policy/seccomp/opts.h"
#include "spec/codec.h"
#include "spec/file.h"
#include "spec/opts/mounts.h"
#include "spec/opts/namespaces.h"

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

// The default spec plus what Docker and Podman users expect of a plain run:
// a read-only /sys/fs/cgroup, a private cgroup namespace and moby's seccomp
// profile (issue 14).
Spec DefaultsForAPlainRun() {
  Spec want = DefaultLinuxSpec();
  SeccompProfileOptions seccomp;
  seccomp.check = SeccompNameCheck::kOff;
  EXPECT_TRUE(ApplyOpts({}, want, {WithCgroupfsMount(), WithLinuxNamespace("cgroup"), WithDefaultSeccompProfile(seccomp)}).ok());
  return want;
}

TEST(BuildSpec, NoFlagsGiveTheDefaultSpecWithCgroupfsCgroupnsAndSeccomp) {
  std::vector<std::string> warnings;
  absl::StatusOr<SpecFlags> flags = testing::ParseSpecArgs({});
  ASSERT_TRUE(flags.ok());
  absl::StatusOr<Spec> spec = BuildSpec(*flags, &warnings);
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(*spec, DefaultsForAPlainRun());
  ASSERT_TRUE(spec->linux_section->seccomp.has_value());
  EXPECT_EQ(spec->linux_section->seccomp->default_action, "SCMP_ACT_ERRNO");
  // The implicit profile does not warn about names this host's libseccomp lacks.
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

TEST(BuildSpec, SeccompUnconfinedPrivilegedAndFromFilesHaveNoDefaultFilter) {
  for (const Strings& args : {Strings{"--security-opt", "seccomp=unconfined"}, Strings{"--privileged"}}) {
    std::vector<std::string> warnings;
    absl::StatusOr<SpecFlags> flags = testing::ParseSpecArgs(args);
    ASSERT_TRUE(flags.ok());
    absl::StatusOr<Spec> spec = BuildSpec(*flags, &warnings);
    ASSERT_TRUE(spec.ok()) << args[0] << ": " << spec.status();
    EXPECT_FALSE(spec->linux_section->seccomp.has_value()) << args[0];
    EXPECT_TRUE(warnings.empty()) << args[0];  // nothing was asked for and ignored
  }
  // A --from file is taken as it is: no seccomp, cgroup mount or namespace added.
  const std::string base = testing::WriteTemp("base.json", Marshal(DefaultLinuxSpec()));
  absl::StatusOr<Spec> from = Build({"--from", base});
  ASSERT_TRUE(from.ok()) << from.status();
  EXPECT_EQ(*from, DefaultLinuxSpec());
}

TEST(BuildSpec, DefaultsPresets) {
  // containerd: ctr run's plain spec, the default spec as it is.
  absl::StatusOr<Spec> containerd = Build({"--defaults", "containerd"});
  ASSERT_TRUE(containerd.ok()) << containerd.status();
  EXPECT_EQ(*containerd, DefaultLinuxSpec());
  // ocikit: the same as no flag.
  absl::StatusOr<Spec> ocikit = Build({"--defaults", "ocikit"});
  ASSERT_TRUE(ocikit.ok());
  EXPECT_EQ(*ocikit, DefaultsForAPlainRun());
  // podman and docker: their presets, moby's seccomp, the cgroup namespace as they set it on this host.
  for (const char* engine : {"podman", "docker"}) {
    absl::StatusOr<Spec> spec = Build({"--defaults", engine});
    ASSERT_TRUE(spec.ok()) << engine << ": " << spec.status();
    EXPECT_TRUE(spec->linux_section->seccomp.has_value()) << engine;
    EXPECT_FALSE(spec->process->no_new_privileges) << engine;
    bool cgroupns = false;
    for (const LinuxNamespace& ns : spec->linux_section->namespaces) cgroupns |= ns.type == "cgroup";
    EXPECT_EQ(cgroupns, IsCgroupV2Host()) << engine;
  }
  absl::StatusOr<Spec> podman = Build({"--defaults", "podman", "--path-defaults", "moby"});
  ASSERT_TRUE(podman.ok());
  EXPECT_EQ(podman->process->capabilities->bounding, PodmanCapabilities());
  EXPECT_EQ(podman->linux_section->masked_paths, DefaultMaskedPathsFor(PathDefaults::kMoby));  // applies after
  EXPECT_FALSE(testing::ParseSpecArgs({"--defaults", "moby"}).ok());
}

// The cgroup v2 layout of the Podman and Docker presets, whatever this host
// runs: a private cgroup namespace on a v2 cgroupfs (a hybrid host's
// unified hierarchy stands in for one), none on anything else.
TEST(BuildSpec, PodmanAndDockerPresetsFollowTheHostsCgroupVersion) {
  std::string v2;
  for (const char* dir : {"/sys/fs/cgroup/unified", "/sys/fs/cgroup"}) {
    if (v2.empty() && IsCgroupV2Host(dir)) v2 = dir;
  }
  if (v2.empty()) GTEST_SKIP() << "no cgroup2 mount on this host to stand in for a v2 cgroupfs";
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string v1 = tmp != nullptr ? tmp : "/tmp";  // not a cgroup2 mount
  for (const char* engine : {"podman", "docker"}) {
    for (const std::string& cgroupfs : {v2, v1}) {
      absl::StatusOr<Spec> spec = Build({"--defaults", engine, "--host-cgroupfs", cgroupfs});
      ASSERT_TRUE(spec.ok()) << engine << ": " << spec.status();
      const auto& ns = spec->linux_section->namespaces;
      const bool cgroupns = std::any_of(ns.begin(), ns.end(), [](const LinuxNamespace& n) { return n.type == "cgroup"; });
      EXPECT_EQ(cgroupns, cgroupfs == v2) << engine << " on " << cgroupfs;
      const std::vector<Mount>& mounts = spec->mounts;
      const auto cgroup = std::find_if(mounts.begin(), mounts.end(),
                                       [](const Mount& m) { return m.destination == "/sys/fs/cgroup"; });
      ASSERT_NE(cgroup, mounts.end()) << engine;
      EXPECT_NE(std::find(cgroup->options.begin(), cgroup->options.end(), "ro"), cgroup->options.end()) << engine;
    }
  }
  // ocikit's own defaults make it private on either.
  for (const std::string& cgroupfs : {v2, v1}) {
    absl::StatusOr<Spec> spec = Build({"--host-cgroupfs", cgroupfs});
    ASSERT_TRUE(spec.ok()) << spec.status();
    const auto& ns = spec->linux_section->namespaces;
    EXPECT_TRUE(std::any_of(ns.begin(), ns.end(), [](const LinuxNamespace& n) { return n.type == "cgroup"; }));
  }
}

TEST(BuildSpec, CgroupnsHostKeepsTheReadOnlyCgroupfs) {
  absl::StatusOr<Spec> spec = Build({"--cgroupns", "host"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  for (const LinuxNamespace& ns : spec->linux_section->namespaces) EXPECT_NE(ns.type, "cgroup");
  EXPECT_TRUE(std::any_of(spec->mounts.begin(), spec->mounts.end(),
                          [](const Mount& m) { return m.destination == "/sys/fs/cgroup" && m.options.back() == "ro"; }));
}

TEST(BuildSpec, PrivilegedAddsTheHostDevicesAndAllowsAll) {
  absl::StatusOr<Spec> spec = Build({"--privileged", "--proc-status", "/proc/self/status"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  const std::vector<LinuxDevice>& devices = spec->linux_section->devices;
  EXPECT_TRUE(std::any_of(devices.begin(), devices.end(), [](const LinuxDevice& d) {
    return d.path == "/dev/null" && d.type == "c" && d.major == 1 && d.minor == 3;
  }));
  ASSERT_EQ(spec->linux_section->resources->devices.size(), 1u);
  EXPECT_TRUE(spec->linux_section->resources->devices[0].allow);
  EXPECT_EQ(spec->linux_section->resources->devices[0].type, "");
  EXPECT_FALSE(Build({"--privileged", "--host-dev", "/nonexistent"}).ok());
}

TEST(BuildSpec, EntrypointLabelsStopSignalAndUserns) {
  absl::StatusOr<Spec> spec = Build({"--entrypoint", "[\"sh\",\"-c\"]", "-l", "team=db", "--label", "tier",
                                     "--stop-signal", "SIGINT", "echo hi"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->process->args, (Strings{"sh", "-c", "echo hi"}));
  EXPECT_EQ(spec->annotations, (std::map<std::string, std::string>{
                                   {"org.opencontainers.image.stopSignal", "2"}, {"team", "db"}, {"tier", ""}}));
  // keep-id: the caller's subordinate ids come from the subuid and subgid files.
  const uint32_t me = static_cast<uint32_t>(::getuid());
  const std::string sub = testing::WriteTemp("subuid", absl::StrCat(me, ":100000:65536\n"));
  absl::StatusOr<SpecFlags> flags = testing::ParseSpecArgs({"--userns", "keep-id:uid=1000,gid=1000"});
  ASSERT_TRUE(flags.ok());
  flags->subuid_file = sub;
  flags->subgid_file = sub;
  absl::StatusOr<Spec> keep = BuildSpec(*flags);
  ASSERT_TRUE(keep.ok()) << keep.status();
  EXPECT_EQ(keep->process->user.uid, 1000u);
  ASSERT_EQ(keep->linux_section->uid_mappings.size(), 3u);
  EXPECT_EQ(keep->linux_section->uid_mappings[1].container_id, 1000u);
  EXPECT_EQ(keep->linux_section->uid_mappings[1].host_id, me);
  flags->subuid_file = "/nonexistent";
  EXPECT_FALSE(BuildSpec(*flags).ok());  // container root would be unmapped
  absl::StatusOr<Spec> plain = Build({"--entrypoint", "/bin/true", "a"});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->process->args, (Strings{"/bin/true", "a"}));
  absl::StatusOr<Spec> cleared = Build({"--entrypoint", "", "sh"});
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->process->args, Strings{"sh"});
  absl::StatusOr<Spec> host = Build({"--userns", "host"});
  ASSERT_TRUE(host.ok());
  EXPECT_TRUE(host->linux_section->uid_mappings.empty());
}

TEST(BuildSpec, BadEntrypointUsernsLabelAndStopSignalAreRefusedNamingTheFlag) {
  for (const Strings& args : {Strings{"--entrypoint", "[\"sh\", 1]"}, Strings{"--userns", "auto"},
                              Strings{"--userns", "keep-id:uid=x"}, Strings{"--label", "org.opencontainers.x=1"},
                              Strings{"--stop-signal", "SIGNOPE"}, Strings{"-l", "=x"}}) {
    absl::StatusOr<SpecFlags> flags = testing::ParseSpecArgs(args);
    ASSERT_FALSE(flags.ok()) << args[0] << " " << args[1];
    EXPECT_NE(flags.status().message().find(args[0]), absl::string_view::npos) << flags.status();
  }
  EXPECT_FALSE(Build({"--userns", "keep-id", "--uidmap", "0:1000:1"}).ok());
}

TEST(BuildSpec, InitRunsTheCommandUnderTini) {
  const std::string init = testing::WriteTemp("tini", "#!/bin/sh\n");
  ASSERT_EQ(::chmod(init.c_str(), 0755), 0);
  absl::StatusOr<Spec> spec = Build({"--init", "--init-path", init, "sleep", "1"});
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->process->args, (Strings{"/run/ocikit-init", "--", "sleep", "1"}));
  EXPECT_TRUE(std::any_of(spec->mounts.begin(), spec->mounts.end(),
                          [&](const Mount& m) { return m.destination == "/run/ocikit-init" && m.source == init; }));
  absl::StatusOr<Spec> missing = Build({"--init", "--init-path", "/nonexistent/tini", "sh"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("apt-get install tini"), absl::string_view::npos) << missing.status();
}

TEST(BuildSpec, HostNetworkHostsStartFromTheHostsFile) {
  const std::string state = ::testing::TempDir() + "/state-hostnet";
  ASSERT_TRUE(::mkdir(state.c_str(), 0755) == 0 || errno == EEXIST);
  absl::StatusOr<Spec> spec = Build({"--network", "host", "--hostname", "box", "--state-dir", state,
                                     "--add-host", "gw:host-gateway"});
  if (!spec.ok() && absl::IsNotFound(spec.status())) GTEST_SKIP() << spec.status();  // no IPv4 address here
  ASSERT_TRUE(spec.ok()) << spec.status();
  absl::StatusOr<std::string> host = ReadRegularFile("/etc/hosts", 1 << 20);
  absl::StatusOr<std::string> got = ReadRegularFile(state + "/hosts", 1 << 20);
  ASSERT_TRUE(got.ok());
  if (host.ok()) {
    EXPECT_TRUE(absl::StartsWith(*got, *host)) << *got;
  }
  EXPECT_NE(got->find("\tgw\n"), std::string::npos) << *got;
  EXPECT_EQ(got->find("127.0.0.1\tgw"), std::string::npos) << *got;  // the host's address, not loopback
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
