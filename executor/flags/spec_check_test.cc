#include "executor/flags/spec_check.h"

#include <gtest/gtest.h>

#include "executor/flags/test_util.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "policy/lint/lint.h"
#include "spec/codec.h"

namespace ocikit {
namespace {

using Strings = std::vector<std::string>;

// Parses `args` as `ocikit spec` does; `checked` adds the safety net.
absl::StatusOr<Spec> Build(const Strings& args, bool checked) {
  absl::StatusOr<SpecFlags> flags = testing::ParseSpecArgs(args);
  if (!flags.ok()) return flags.status();
  return checked ? BuildCheckedSpec(*flags) : BuildSpec(*flags);
}

using ::ocikit::testing::WriteTemp;

// The errors `ocikit lint` reports on what `ocikit spec` prints for `spec`.
std::vector<std::string> Errors(const Spec& spec) {
  std::vector<std::string> out;
  for (const LintFinding& f : LintConfigText(FormatSpecOutput(spec, OutputFlags()), LintOptions()).findings) {
    if (f.severity == LintSeverity::kError) out.push_back(f.rule_id + " " + f.Text());
  }
  return out;
}

TEST(CheckGeneratedSpec, TheDefaultSpecPasses) {
  EXPECT_TRUE(CheckGeneratedSpec(DefaultLinuxSpec()).ok());
}

TEST(CheckGeneratedSpec, RefusesWhatLintRejectsWithTheRulesMessage) {
  Spec spec = DefaultLinuxSpec();
  spec.process->cwd = "relative";
  spec.process->env = {"=x", "A=1"};
  EXPECT_EQ(CheckGeneratedSpec(spec),
            absl::FailedPreconditionError("the generated config.json fails lint: OCI121 process-cwd-absolute: "
                                          "process.cwd: \"relative\" is not absolute; expected an absolute path such as \"/\" "
                                          "(and 1 more errors)"));
}

TEST(BuildCheckedSpec, RefusesANulByteFromTheBaseFile) {
  const std::string base = WriteTemp("nul.json",
      R"({"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"cwd":"/","env":["A=a\u0000b"]},"root":{"path":"rootfs"}})");
  ASSERT_TRUE(Build({"--from", base}, false).ok());  // the reader accepts it
  EXPECT_EQ(Build({"--from", base}, true).status(),
            absl::FailedPreconditionError("the generated config.json fails lint: OCI139 string-nul: process.env[0]: "
                                          "the value holds a NUL byte (\\u0000) at offset 3; runc refuses it and C "
                                          "runtimes cut the string there; expected no NUL"));
}

TEST(BuildCheckedSpec, RefusesAnIdRangeTheKernelRefusesFromTheBaseFile) {
  const std::string base = WriteTemp("idmap.json",
      R"({"ociVersion":"1.3.0","root":{"path":"rootfs"},"linux":{"namespaces":[{"type":"user"}],)"
      R"("uidMappings":[{"containerID":0,"hostID":4294967295,"size":1}],)"
      R"("gidMappings":[{"containerID":0,"hostID":1000,"size":1}]}})");
  EXPECT_EQ(Build({"--from", base}, true).status(),
            absl::FailedPreconditionError(
                "the generated config.json fails lint: OCI199 id-mapping-range: linux.uidMappings[0]: mapping "
                "\"0:4294967295:1\": host id + size exceeds 4294967295 (the kernel never maps id 4294967295, "
                "(uid_t)-1); the kernel refuses it (EINVAL)"));
}

// A built-in profile is left to the runtime to compile (spec_check.h); a
// section from a file is compiled, so one libseccomp cannot load is refused.
TEST(BuildCheckedSpec, CompilesTheSeccompSectionOfAFileNotABuiltInProfile) {
  const auto built_in = [](const Strings& args) {
    absl::StatusOr<SpecFlags> flags = testing::ParseSpecArgs(args);
    EXPECT_TRUE(flags.ok()) << flags.status();
    return flags.ok() && SeccompFromBuiltInProfile(*flags);
  };
  EXPECT_TRUE(built_in({"--rootfs", "r"}));
  EXPECT_TRUE(built_in({"--rootfs", "r", "--security-opt", "seccomp=containerd"}));
  EXPECT_TRUE(built_in({"--rootfs", "r", "--security-opt", "seccomp=unconfined"}));
  EXPECT_TRUE(built_in({"--rootfs", "r", "--privileged", "--security-opt", "seccomp=/p.json"}));
  EXPECT_FALSE(built_in({"--rootfs", "r", "--security-opt", "seccomp=/p.json"}));
  EXPECT_FALSE(built_in({"--from", "c.json"}));
  EXPECT_TRUE(built_in({"--from", "c.json", "--security-opt", "seccomp=default"}));

  // 5,000 argument rules compile to more than the kernel's 4,096 instructions.
  std::vector<std::string> rules;
  for (int i = 0; i < 5000; ++i) {
    rules.push_back(absl::StrCat(R"({"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":)", i,
                                 R"(,"op":"SCMP_CMP_EQ"}]})"));
  }
  const std::string base = WriteTemp("huge-filter.json",
      absl::StrCat(R"({"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"cwd":"/","args":["sh"]},)",
                   R"("root":{"path":"rootfs"},"linux":{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW",)",
                   R"("architectures":["SCMP_ARCH_X86_64"],"syscalls":[)", absl::StrJoin(rules, ","), "]}}}"));
  ASSERT_TRUE(Build({"--from", base}, false).ok());
  const absl::Status checked = Build({"--from", base}, true).status();
  EXPECT_EQ(checked.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(checked.message().find("SCMP525"), std::string::npos) << checked;
}

// The property of issue 13: whatever `ocikit spec` accepts, `ocikit lint`
// of its output passes. Random combinations of flags, valid ones and ones the parser must
// refuse; for each, either BuildSpec refuses it, or the spec has no lint
// error. No safety net here (BuildSpec, not BuildCheckedSpec): the flags
// themselves must hold.
TEST(SpecFlagsProperty, WhatBuildSpecAcceptsLintsWithoutErrors) {
  const std::vector<Strings> pool = {
      {"-e", "A=1"}, {"-e", "A=2"}, {"-e", "B=x y"}, {"-e", "A"}, {"-e", "=x"}, {"--env=="},
      {"-w", "/srv"}, {"-w", "relative"}, {"-w", "./x"}, {"--hostname", "web"}, {"--domainname", "example.org"},
      {"-t"}, {"--console-size", "80x24"}, {"--read-only"}, {"--umask", "0077"}, {"-u", "1000:1000"},
      {"-u", "1000:"}, {"-u", ":"}, {"--group-add", "10"}, {"--default-path"}, {"--hostname-env"},
      {"--cap-add", "NET_ADMIN"}, {"--cap-drop", "ALL"}, {"--cap-add", "ALL"}, {"--cap-drop", "chown"},
      {"--privileged"}, {"--ambient-caps"}, {"--drop-nonroot-caps"},
      {"--network", "host"}, {"--network", "none"}, {"--uts", "host"}, {"--pid", "host"}, {"--ipc", "host"},
      {"--cgroupns", "private"}, {"--uidmap", "0:100000:65536"}, {"--gidmap", "0:100000:65536"},
      {"--uidmap", "4294967295:0:1"}, {"--uidmap", "0:4294967295:1"}, {"--gidmap", "0:1:4294967295"},
      {"--uidmap", "1:0:4294967295"}, {"--rootless"}, {"--no-process-sandbox"},
      {"--tmpfs", "/tmp"}, {"-v", "/data:/data:ro"}, {"--mount", "type=tmpfs,destination=/scratch"},
      {"--mount", "type=bind,source=/src,destination=/dst,idmap=uids=0-1000-10;gids=0-1000-10"},
      {"--mount", "type=bind,source=/src,destination=/dst2,idmap=uids=4294967295-0-1;gids=0-1-1"},
      {"--remove-mount", "/run"}, {"--path-defaults", "moby"}, {"--path-defaults", "podman"},
      {"--security-opt", "no-new-privileges"}, {"--security-opt", "seccomp=unconfined"},
      {"--security-opt", "mask=/proc/foo"}, {"--security-opt", "unmask=ALL"},
      {"--security-opt", "systempaths=unconfined"}, {"--security-opt", "apparmor=unconfined"},
      {"--security-opt", "label=type:spc_t"}, {"--memory", "64m"}, {"--memory-swap", "128m"},
      {"--pids-limit", "100"}, {"--cpus", "1.5"}, {"--cpu-shares", "512"}, {"--ulimit", "nofile=1024:2048"},
      {"--sysctl", "net.ipv4.ip_forward=1"}, {"--sysctl", "kernel.msgmax=65536"}, {"--annotation", "a=b"},
      {"--oom-score-adj", "500"}, {"--shm-size", "128m"}, {"--name", "web"}, {"--cgroup-parent", "/custom"},
      {"--blkio-weight", "500"}, {"--device-cgroup-rule", "c 1:3 rwm"}, {"--pid", "ns:relative"},
      {"--network", "ns:/proc/1/ns/net"}, {"--annotation", "org.opencontainers.x=1"},
      {"--annotation", "org.opencontainers.image.source=x"}, {"--uts", "host"}, {"--hostname", "db"},
  };
  const std::vector<Strings> commands = {{}, {"sh"}, {"sh", "-c", "echo hi"}};
  std::mt19937 rng(13);  // fixed: the same combinations on every run
  size_t accepted = 0;
  for (int round = 0; round < 2000; ++round) {
    Strings args;
    const size_t n = 1 + rng() % 6;
    for (size_t k = 0; k < n; ++k) {
      const Strings& group = pool[rng() % pool.size()];
      args.insert(args.end(), group.begin(), group.end());
    }
    const Strings& command = commands[rng() % commands.size()];
    args.insert(args.end(), command.begin(), command.end());
    absl::StatusOr<Spec> spec = Build(args, false);
    if (!spec.ok()) continue;
    ++accepted;
    EXPECT_EQ(Errors(*spec), std::vector<std::string>()) << "ocikit spec " << absl::StrJoin(args, " ");
  }
  EXPECT_GT(accepted, 500u);  // the pool is mostly valid: the property is exercised
}

}  // namespace
}  // namespace ocikit
