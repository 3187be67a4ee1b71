#include "policy/diff/diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "policy/seccomp/default_profiles.h"
#include "policy/diff/format.h"
#include "policy/diff/test_util.h"
#include "spec/codec.h"
#include "spec/default_spec.h"

namespace ocikit {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// One line per change: "<symbol> <path> <old> <new>" (moves: from/to).
std::vector<std::string> Lines(const SpecDiff& d) {
  std::vector<std::string> out;
  for (const Change& c : d.changes) {
    std::string line = absl::StrCat(std::string(1, ChangeKindSymbol(c.kind)), " ", c.path.ToString());
    if (c.kind == ChangeKind::kMoved) {
      absl::StrAppend(&line, " ", c.from, "->", c.to, c.after.empty() ? "" : " after ", c.after);
    } else if (c.copies) {
      absl::StrAppend(&line, " ", c.old_value, " x", c.from, "->x", c.to);
    } else {
      if (!c.old_value.empty()) absl::StrAppend(&line, " ", c.old_value);
      if (!c.new_value.empty()) absl::StrAppend(&line, " ", c.new_value);
    }
    out.push_back(line);
  }
  return out;
}

// Diffs and checks that the patch turns A into B byte for byte.
SpecDiff Diff(const Spec& a, const Spec& b) {
  SpecDiff d = DiffSpecs(a, b);
  absl::StatusOr<std::string> patched = testing::ApplyPatchWithNlohmann(a, FormatJsonPatch(d.patch));
  EXPECT_TRUE(patched.ok()) << patched.status() << "\n" << FormatJsonPatch(d.patch);
  if (patched.ok()) {
    EXPECT_EQ(*patched, Marshal(b)) << FormatJsonPatch(d.patch);
  }
  return d;
}

Spec Parse(absl::string_view text) {
  absl::StatusOr<Spec> s = ParseSpec(text);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : Spec();
}

TEST(DiffSpecs, IdenticalSpecsHaveNoChangesAndAnEmptyPatch) {
  const SpecDiff d = Diff(DefaultLinuxSpec(), DefaultLinuxSpec());
  EXPECT_TRUE(d.equal());
  EXPECT_THAT(d.patch, IsEmpty());
}

TEST(DiffSpecs, ScalarsFollowGoOmitEmpty) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  b.hostname = "web";
  b.process->cwd = "/srv";
  b.process->no_new_privileges = false;
  b.root->readonly = true;
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre("~ process.cwd \"/\" \"/srv\"", "- process.noNewPrivileges true",
                                             "+ root.readonly true", "+ hostname \"web\""));
}

TEST(DiffSpecs, SectionsAreTopLevelKeysAndContainersOfProcessAndLinux) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  b.process->cwd = "/srv";
  b.process->env = {"A=1"};
  b.linux_section->cgroups_path = "/x";
  b.linux_section->masked_paths.push_back("/proc/x");
  b.hostname = "h";
  std::vector<std::string> sections;
  for (const Change& c : Diff(a, b).changes) sections.push_back(c.section);
  EXPECT_THAT(sections, ElementsAre("process.env", "process", "hostname", "linux", "linux.maskedPaths"));
}

TEST(DiffSpecs, MountsAreKeyedByDestinationAndReordersAreMoves) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  std::swap(b.mounts[0], b.mounts[6]);      // /run first, /proc last
  b.mounts[1].options.push_back("noexec");  // /dev
  b.mounts.erase(b.mounts.begin() + 4);     // /dev/mqueue
  Mount data;
  data.destination = "/data";
  data.type = "bind";
  data.source = "/srv/data";
  data.options = {"rbind"};
  b.mounts.insert(b.mounts.begin() + 2, data);
  EXPECT_THAT(Lines(Diff(a, b)),
              ElementsAre(R"(- mounts[destination=/dev/mqueue] {"destination":"/dev/mqueue","type":"mqueue","source":"mqueue","options":["nosuid","noexec","nodev"]})",
                          "> mounts[destination=/run] 6->0",
                          R"(~ mounts[destination=/dev].options ["nosuid","strictatime","mode=755","size=65536k"] ["nosuid","strictatime","mode=755","size=65536k","noexec"])",
                          R"(+ mounts[destination=/data] {"destination":"/data","type":"bind","source":"/srv/data","options":["rbind"]})",
                          "> mounts[destination=/proc] 0->6 after mounts[destination=/sys]"));
}

TEST(DiffSpecs, OneMountMovedToTheEndIsOneMove) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  std::rotate(b.mounts.begin(), b.mounts.begin() + 1, b.mounts.end());
  const SpecDiff d = Diff(a, b);
  EXPECT_THAT(Lines(d), ElementsAre("> mounts[destination=/proc] 0->6 after mounts[destination=/run]"));
  ASSERT_EQ(d.patch.size(), 1u);
  EXPECT_EQ(d.patch[0].from, "/mounts/0");
  EXPECT_EQ(d.patch[0].path, "/mounts/6");
}

TEST(DiffSpecs, DuplicateKeysPairInOrder) {
  Spec a = DefaultLinuxSpec();
  Mount tmp;
  tmp.destination = "/tmp";
  tmp.type = "tmpfs";
  a.mounts.push_back(tmp);
  a.mounts.push_back(tmp);
  Spec b = a;
  b.mounts.back().options = {"ro"};
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre(R"(+ mounts[destination=/tmp#2].options ["ro"])"));
}

TEST(DiffSpecs, EnvIsKeyedByNameAndOrderIsNotAChange) {
  Spec a = DefaultLinuxSpec();
  a.process->env = {"PATH=/bin", "TERM=xterm", "HOME=/root"};
  Spec b = a;
  b.process->env = {"HOME=/root", "PATH=/usr/bin:/bin", "LANG=C"};
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre(R"(- process.env[name=TERM] "TERM=xterm")",
                                             R"(~ process.env[name=PATH] "PATH=/bin" "PATH=/usr/bin:/bin")",
                                             R"(+ process.env[name=LANG] "LANG=C")"));
  Spec c = a;
  std::reverse(c.process->env.begin(), c.process->env.end());
  const SpecDiff reordered = Diff(a, c);
  EXPECT_TRUE(reordered.equal());
  EXPECT_FALSE(reordered.patch.empty());  // B's order, exactly
}

TEST(DiffSpecs, CapabilitiesAreSetsPerSet) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  LinuxCapabilities& caps = *b.process->capabilities;
  std::reverse(caps.bounding.begin(), caps.bounding.end());
  caps.bounding.push_back("CAP_SYS_ADMIN");
  std::erase(caps.effective, "CAP_NET_RAW");
  caps.ambient = {"CAP_KILL"};
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre(R"(+ process.capabilities.bounding "CAP_SYS_ADMIN")",
                                             R"(- process.capabilities.effective "CAP_NET_RAW")",
                                             R"(+ process.capabilities.ambient ["CAP_KILL"])"));
}

TEST(DiffSpecs, NumbersInUnknownFieldsCompareByValue) {
  Spec a = Parse(R"({"ociVersion":"1.3.0","x":{"a":1,"b":0.5,"c":-0,"d":100,"e":2}})");
  Spec b = Parse(R"({"ociVersion":"1.3.0","x":{"a":1.0,"b":5e-1,"c":0.0,"d":1E2,"e":2.000001}})");
  // (nlohmann would respell the numbers, so no patch round trip through it here.)
  EXPECT_THAT(Lines(DiffSpecs(a, b)), ElementsAre("~ x.e 2 2.000001"));
  EXPECT_TRUE(diff_internal::JsonNumbersEqual("12.50e1", "125"));
  EXPECT_FALSE(diff_internal::JsonNumbersEqual("1", "-1"));
  EXPECT_FALSE(diff_internal::JsonNumbersEqual("\"1\"", "\"1\""));  // strings compare as text elsewhere
  EXPECT_FALSE(diff_internal::JsonNumbersEqual("1e99999999999999999999", "1e99999999999999999999"));
}

TEST(DiffSpecs, DuplicatesOfASetElementAreDeduplicationNotADrop) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  a.process->capabilities->bounding.push_back("CAP_CHOWN");
  a.process->capabilities->bounding.push_back("CAP_CHOWN");
  b.process->capabilities->effective.push_back("CAP_KILL");
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre(R"(~ process.capabilities.bounding "CAP_CHOWN" x3->x1)",
                                             R"(~ process.capabilities.effective "CAP_KILL" x1->x2)"));
  EXPECT_THAT(Lines(Diff(b, a)), ElementsAre(R"(~ process.capabilities.bounding "CAP_CHOWN" x1->x3)",
                                             R"(~ process.capabilities.effective "CAP_KILL" x2->x1)"));
}

TEST(DiffSpecs, NamespacesRlimitsDevicesAndGidsByKey) {
  Spec a = DefaultLinuxSpec();
  a.process->user.additional_gids = {10, 20};
  Spec b = a;
  b.linux_section->namespaces[4].path = "/var/run/netns/blue";  // network
  b.linux_section->namespaces.erase(b.linux_section->namespaces.begin());  // pid
  b.linux_section->namespaces.emplace_back().type = "user";
  b.process->rlimits[0].soft = 4096;
  b.process->user.additional_gids = {20, 30};
  LinuxDevice fuse;
  fuse.path = "/dev/fuse";
  fuse.type = "c";
  fuse.major = 10;
  fuse.minor = 229;
  b.linux_section->devices.push_back(fuse);
  EXPECT_THAT(Lines(Diff(a, b)),
              ElementsAre(R"(- process.user.additionalGids 10)", R"(+ process.user.additionalGids 30)",
                          R"(~ process.rlimits[type=RLIMIT_NOFILE].soft 1024 4096)",
                          R"(- linux.namespaces[type=pid] {"type":"pid"})",
                          R"(+ linux.namespaces[type=network].path "/var/run/netns/blue")",
                          R"(+ linux.namespaces[type=user] {"type":"user"})",
                          R"(+ linux.devices [{"path":"/dev/fuse","type":"c","major":10,"minor":229}])"));
}

TEST(DiffSpecs, DeviceCgroupRulesAreOrderedWholeRules) {
  Spec a = DefaultLinuxSpec();
  LinuxDeviceCgroup null_dev;
  null_dev.allow = true;
  null_dev.type = "c";
  null_dev.major = 1;
  null_dev.minor = 3;
  null_dev.access = "rwm";
  a.linux_section->resources->devices.push_back(null_dev);
  Spec b = a;
  std::reverse(b.linux_section->resources->devices.begin(), b.linux_section->resources->devices.end());
  b.linux_section->resources->devices[0].access = "rw";
  EXPECT_THAT(Lines(Diff(a, b)),
              ElementsAre(R"(- linux.resources.devices[rule="allow c 1:3 rwm"] {"allow":true,"type":"c","major":1,"minor":3,"access":"rwm"})",
                          R"(+ linux.resources.devices[rule="allow c 1:3 rw"] {"allow":true,"type":"c","major":1,"minor":3,"access":"rw"})"));
}

TEST(DiffSpecs, MapsByKeyWithPointerEscaping) {
  Spec a = DefaultLinuxSpec();
  a.annotations = {{"a/b~c", "1"}, {"keep", "x"}};
  Spec b = a;
  b.annotations["a/b~c"] = "2";
  b.linux_section->sysctl["net.ipv4.ip_forward"] = "1";
  const SpecDiff d = Diff(a, b);
  EXPECT_THAT(Lines(d), ElementsAre(R"(~ annotations["a/b~c"] "1" "2")",
                                    R"(+ linux.sysctl {"net.ipv4.ip_forward":"1"})"));
  EXPECT_EQ(d.patch[0].path, "/annotations/a~1b~0c");
}

TEST(DiffSpecs, SeccompRulesByNamesActionArgsAndNamesAsSets) {
  absl::StatusOr<LinuxSeccomp> profile = DefaultRuntimeSeccomp(SeccompTarget{});
  ASSERT_TRUE(profile.ok()) << profile.status();
  Spec a = DefaultLinuxSpec();
  a.linux_section->seccomp = *profile;
  Spec b = a;
  LinuxSeccomp& s = *b.linux_section->seccomp;
  ASSERT_GT(s.syscalls[0].names->size(), 100u);
  s.syscalls[0].names->push_back("kexec_load");
  std::reverse(s.syscalls.begin(), s.syscalls.end());  // not a change: rules are matched by key
  LinuxSyscall deny;
  deny.names = std::vector<std::string>{"ptrace"};
  deny.action = "SCMP_ACT_ERRNO";
  deny.errno_ret = 1;
  s.syscalls.push_back(deny);
  const std::vector<std::string> lines = Lines(Diff(a, b));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], ::testing::MatchesRegex(
                            R"re(\+ linux\.seccomp\.syscalls\[rule=[a-z_0-9]+,[a-z_0-9]+,[a-z_0-9]+,\+[0-9]+/SCMP_ACT_ALLOW\]\.names "kexec_load")re"));
  EXPECT_EQ(lines[1],
            R"(+ linux.seccomp.syscalls[rule=ptrace/SCMP_ACT_ERRNO] {"names":["ptrace"],"action":"SCMP_ACT_ERRNO","errnoRet":1})");
}

TEST(DiffSpecs, SeccompArgsAreInTheRuleName) {
  Spec a = Parse(R"({"ociVersion":"1.3.0","linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
      {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]},
      {"names":null,"action":"SCMP_ACT_ERRNO","errnoRet":1}]}}})");
  Spec b = Parse(R"({"ociVersion":"1.3.0","linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
      {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]},
      {"names":null,"action":"SCMP_ACT_ERRNO","errnoRet":38}]}}})");
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre("~ linux.seccomp.syscalls[rule=(null)/SCMP_ACT_ERRNO].errnoRet 1 38"));
  b.linux_section->seccomp->syscalls[0].args[0].value = 9;
  EXPECT_THAT(Lines(Diff(a, b)),
              ElementsAre(R"(- linux.seccomp.syscalls[rule=personality/SCMP_ACT_ALLOW/0:EQ:8] {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":8,"op":"SCMP_CMP_EQ"}]})",
                          R"(+ linux.seccomp.syscalls[rule=personality/SCMP_ACT_ALLOW/0:EQ:9] {"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":9,"op":"SCMP_CMP_EQ"}]})",
                          "~ linux.seccomp.syscalls[rule=(null)/SCMP_ACT_ERRNO].errnoRet 1 38"));
}

TEST(DiffSpecs, NullAndEmptyNamesAreDifferent) {
  Spec a = Parse(R"({"ociVersion":"1.3.0","linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":null,"action":"SCMP_ACT_LOG"}]}}})");
  Spec b = Parse(R"({"ociVersion":"1.3.0","linux":{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":[],"action":"SCMP_ACT_LOG"}]}}})");
  EXPECT_THAT(Lines(Diff(a, b)),
              ElementsAre(R"(- linux.seccomp.syscalls[rule=(null)/SCMP_ACT_LOG] {"names":null,"action":"SCMP_ACT_LOG"})",
                          R"(+ linux.seccomp.syscalls[rule=(none)/SCMP_ACT_LOG] {"names":[],"action":"SCMP_ACT_LOG"})"));
}

TEST(DiffSpecs, HooksInOrderByPath) {
  Spec a = Parse(R"({"ociVersion":"1.3.0","hooks":{"createRuntime":[{"path":"/bin/a"},{"path":"/bin/b","args":["b"]}]}})");
  Spec b = Parse(R"({"ociVersion":"1.3.0","hooks":{"createRuntime":[{"path":"/bin/b","args":["b","-v"]},{"path":"/bin/a"}],"poststop":[{"path":"/bin/c"}]}})");
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre(R"(~ hooks.createRuntime[path=/bin/b].args ["b"] ["b","-v"])",
                                             "> hooks.createRuntime[path=/bin/a] 0->1 after hooks.createRuntime[path=/bin/b]",
                                             R"(+ hooks.poststop [{"path":"/bin/c"}])"));
}

TEST(DiffSpecs, UnknownFieldsGenericallyAndTheirOrderIsNotAChange) {
  Spec a = Parse(R"({"ociVersion":"1.3.0","x-a":{"n":-0.0,"list":[1,2,3],"o":{"k":true}},"x-b":"s",
      "process":{"cwd":"/","user":{"uid":0,"gid":0},"x-p":[{"a":1}]},"a.b":1})");
  Spec b = Parse(R"({"ociVersion":"1.3.0","x-c":null,"x-b":"s","x-a":{"o":{"k":false},"list":[1,2],"n":-0.0},
      "process":{"cwd":"/","user":{"uid":0,"gid":0},"x-p":[{"a":1,"b":2}]},"a.b":2})");
  const SpecDiff d = Diff(a, b);
  EXPECT_THAT(Lines(d), ElementsAre(R"(+ process.x-p[0].b 2)", R"(+ x-c null)", R"(~ x-a.o.k true false)",
                                    R"(- x-a.list[2] 3)", R"(~ ["a.b"] 1 2)"));
  EXPECT_EQ(d.changes[1].section, "x-c");
  EXPECT_EQ(d.changes[4].section, "a.b");
  Spec c = a;
  std::reverse(c.unknown.begin(), c.unknown.end());
  const SpecDiff reordered = Diff(a, c);
  EXPECT_TRUE(reordered.equal());
  EXPECT_FALSE(reordered.patch.empty());
}

TEST(DiffSpecs, UnknownNumbersStayAsWritten) {
  Spec a = Parse(R"({"ociVersion":"1.3.0","x":{"n":1e400,"m":123456789012345678901234567890}})");
  Spec b = Parse(R"({"ociVersion":"1.3.0","x":{"n":1E400,"m":123456789012345678901234567891}})");
  const SpecDiff d = DiffSpecs(a, b);
  // 1e400 and 1E400 are one value (no change), but the patch writes B's spelling.
  EXPECT_THAT(Lines(d), ElementsAre("~ x.m 123456789012345678901234567890 123456789012345678901234567891"));
  EXPECT_EQ(FormatJsonPatch(d.patch),
            "[\n  {\"op\":\"replace\",\"path\":\"/x/n\",\"value\":1E400},\n"
            "  {\"op\":\"replace\",\"path\":\"/x/m\",\"value\":123456789012345678901234567891}\n]\n");
}

TEST(DiffSpecs, PlatformSectionsAreRawJson) {
  Spec a = Parse(R"({"ociVersion":"1.3.0","windows":{"layerFolders":["a"],"hyperv":{}}})");
  Spec b = Parse(R"({"ociVersion":"1.3.0","windows":{"layerFolders":["a","b"],"hyperv":{"utilityVMPath":"x"}},"vm":{"hypervisor":{}}})");
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre(R"(+ windows.layerFolders[1] "b")", R"(+ windows.hyperv.utilityVMPath "x")",
                                             R"(+ vm {"hypervisor":{}})"));
}

TEST(DiffSpecs, ListsWithoutRulesArePositionalOrWhole) {
  Spec a = DefaultLinuxSpec();
  a.process->args = {"sh", "-c", "true"};
  Spec b = a;
  b.process->args = {"sh", "-c", "false"};
  LinuxInterfacePriority p;
  p.name = "eth0";
  p.priority = 1;
  b.linux_section->resources->network.emplace().priorities = {p};
  EXPECT_THAT(Lines(Diff(a, b)), ElementsAre(R"(~ process.args ["sh","-c","true"] ["sh","-c","false"])",
                                             R"(+ linux.resources.network {"priorities":[{"name":"eth0","priority":1}]})"));
}

TEST(DiffSpecs, WholeSectionsAddedOrRemoved) {
  Spec a = DefaultLinuxSpec();
  Spec b = a;
  b.process.reset();
  b.linux_section->resources.reset();
  const std::vector<std::string> lines = Lines(Diff(a, b));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].substr(0, 12), "- process {\"");
  EXPECT_EQ(lines[1], R"(- linux.resources {"devices":[{"allow":false,"access":"rwm"}]})");
}

TEST(LongestIncreasing, MarksAFewestSetOfMovers) {
  using diff_internal::LongestIncreasing;
  EXPECT_EQ(LongestIncreasing({0, 1, 2}), (std::vector<bool>{true, true, true}));
  EXPECT_EQ(LongestIncreasing({1, 2, 0}), (std::vector<bool>{true, true, false}));
  EXPECT_EQ(LongestIncreasing({2, 0, 1}), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(LongestIncreasing({}), std::vector<bool>{});
}

}  // namespace
}  // namespace ocikit
