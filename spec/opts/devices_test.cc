#include "spec/opts/devices.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spec/codec.h"
#include "spec/pathutil.h"

namespace ocikit {
namespace {

absl::Status Apply(Spec& spec, SpecOpt opt) { return ApplyOpts({}, spec, {std::move(opt)}); }

LinuxDeviceCgroup Rule(bool allow, const char* type, std::optional<int64_t> major, std::optional<int64_t> minor,
                       const char* access) {
  LinuxDeviceCgroup r;
  r.allow = allow;
  r.type = type;
  r.major = major;
  r.minor = minor;
  r.access = access;
  return r;
}

// A directory of device nodes made at test time: null (char 1:3, mode 02640,
// owner 1000:1001), sda (block 8:0), fuse (char 10:229), a FIFO, a regular
// file, a directory and symlinks.
class DeviceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = CleanPath(::testing::TempDir() + "/devices-XXXXXX");
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    if (::mknod(Path("null").c_str(), S_IFCHR | 0600, makedev(1, 3)) != 0) {
      GTEST_SKIP() << "mknod needs CAP_MKNOD: " << strerror(errno);
    }
    ASSERT_EQ(::chmod(Path("null").c_str(), 02640), 0);
    ASSERT_EQ(::chown(Path("null").c_str(), 1000, 1001), 0);
    ASSERT_EQ(::mknod(Path("sda").c_str(), S_IFBLK | 0660, makedev(8, 0)), 0);
    ASSERT_EQ(::chmod(Path("sda").c_str(), 0660), 0);
    ASSERT_EQ(::mknod(Path("fuse").c_str(), S_IFCHR | 0666, makedev(10, 229)), 0);
    ASSERT_EQ(::chmod(Path("fuse").c_str(), 0666), 0);
    ASSERT_EQ(::mkfifo(Path("fifo").c_str(), 0600), 0);
    ASSERT_EQ(::chmod(Path("fifo").c_str(), 0600), 0);
    FILE* f = ::fopen(Path("file").c_str(), "w");
    ASSERT_NE(f, nullptr);
    ::fclose(f);
    ASSERT_EQ(::mkdir(Path("dir").c_str(), 0755), 0);
    ASSERT_EQ(::symlink("null", Path("null-link").c_str()), 0);
    ASSERT_EQ(::symlink("missing", Path("dangling").c_str()), 0);
  }
  std::string Path(absl::string_view name) const { return absl::StrCat(dir_, "/", name); }
  std::string dir_;
};

TEST_F(DeviceFixture, DeviceFromPathReadsNodes) {
  absl::StatusOr<LinuxDevice> null = DeviceFromPath(Path("null"));
  ASSERT_TRUE(null.ok()) << null.status();
  EXPECT_EQ(null->path, Path("null"));
  EXPECT_EQ(null->type, "c");
  EXPECT_EQ(null->major, 1);
  EXPECT_EQ(null->minor, 3);
  EXPECT_EQ(null->file_mode, 02640u);
  EXPECT_EQ(null->uid, 1000u);
  EXPECT_EQ(null->gid, 1001u);
  absl::StatusOr<LinuxDevice> sda = DeviceFromPath(Path("sda"));
  ASSERT_TRUE(sda.ok()) << sda.status();
  EXPECT_EQ(sda->type, "b");
  EXPECT_EQ(sda->major, 8);
  EXPECT_EQ(sda->minor, 0);
  EXPECT_EQ(sda->file_mode, 0660u);
  EXPECT_EQ(sda->uid, 0u);
  absl::StatusOr<LinuxDevice> fifo = DeviceFromPath(Path("fifo"));
  ASSERT_TRUE(fifo.ok()) << fifo.status();
  EXPECT_EQ(fifo->type, "p");
  EXPECT_EQ(fifo->major, 0);
  EXPECT_EQ(fifo->file_mode, 0600u);
}

TEST_F(DeviceFixture, DeviceFromPathFollowsSymlinksOnlyWhenAsked) {
  absl::StatusOr<LinuxDevice> followed = DeviceFromPath(Path("null-link"), true);
  ASSERT_TRUE(followed.ok()) << followed.status();
  EXPECT_EQ(followed->path, Path("null-link"));
  EXPECT_EQ(followed->minor, 3);
  for (const char* name : {"null-link", "file", "dir"}) {
    absl::StatusOr<LinuxDevice> got = DeviceFromPath(Path(name));
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << name;
    EXPECT_EQ(got.status().message(), absl::StrCat("\"", Path(name), "\" is not a device node"));
  }
  EXPECT_EQ(DeviceFromPath(Path("dir"), true).status().message(), absl::StrCat("\"", Path("dir"), "\" is not a device node"));
  absl::StatusOr<LinuxDevice> missing = DeviceFromPath(Path("dangling"), true);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), absl::StrCat(Path("dangling"), ": No such file or directory"));
}

TEST(ValidateDevicePermissions, AcceptsCombinationsOfRWM) {
  for (const char* ok : {"r", "w", "m", "rw", "mrw", "rwm", "wm"}) EXPECT_TRUE(ValidateDevicePermissions(ok).ok()) << ok;
  for (const char* bad : {"", "x", "rr", "rwmr", "RWM", "rw "}) {
    EXPECT_EQ(ValidateDevicePermissions(bad).message(),
              absl::StrCat("invalid device permissions \"", bad, "\"; expected a combination of r, w and m such as rwm"));
  }
}

TEST(ParseDeviceFlag, AcceptsDockerForms) {
  struct Case {
    const char* flag;
    const char* host;
    const char* container;
    const char* permissions;
  };
  const Case cases[] = {
      {"/dev/fuse", "/dev/fuse", "/dev/fuse", "rwm"},
      {"/dev/sda:/dev/xvda", "/dev/sda", "/dev/xvda", "rwm"},
      {"/dev/sda:r", "/dev/sda", "/dev/sda", "r"},
      {"/dev/sda:mw", "/dev/sda", "/dev/sda", "mw"},
      {"/dev/sda:/dev/xvda:rw", "/dev/sda", "/dev/xvda", "rw"},
      {"/dev/fuse:/dev/fuse:rwm", "/dev/fuse", "/dev/fuse", "rwm"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<DeviceFlag> got = ParseDeviceFlag(c.flag);
    ASSERT_TRUE(got.ok()) << c.flag << ": " << got.status();
    EXPECT_EQ(got->host_path, c.host) << c.flag;
    EXPECT_EQ(got->container_path, c.container) << c.flag;
    EXPECT_EQ(got->permissions, c.permissions) << c.flag;
  }
}

TEST(ParseDeviceFlag, RejectsBadFormsWithExactMessages) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "invalid device \"\": expected HOST[:CONTAINER][:PERMISSIONS] such as /dev/fuse:/dev/fuse:rwm"},
      {":/dev/x", "invalid device \":/dev/x\": expected HOST[:CONTAINER][:PERMISSIONS] such as /dev/fuse:/dev/fuse:rwm"},
      {"/a:/b:rw:x", "invalid device \"/a:/b:rw:x\": expected HOST[:CONTAINER][:PERMISSIONS] such as /dev/fuse:/dev/fuse:rwm"},
      {"dev/fuse", "invalid device \"dev/fuse\": host path \"dev/fuse\" is not absolute"},
      {"/dev/fuse:dev/fuse", "invalid device \"/dev/fuse:dev/fuse\": container path \"dev/fuse\" is not absolute"},
      {"/dev/fuse:rwx", "invalid device \"/dev/fuse:rwx\": container path \"rwx\" is not absolute"},
      {"/dev/fuse:/dev/fuse:rwx",
       "invalid device \"/dev/fuse:/dev/fuse:rwx\": invalid device permissions \"rwx\"; expected a combination of r, w "
       "and m such as rwm"},
  };
  for (const auto& [flag, message] : cases) {
    absl::StatusOr<DeviceFlag> got = ParseDeviceFlag(flag);
    ASSERT_FALSE(got.ok()) << flag;
    EXPECT_EQ(got.status().message(), message);
  }
}

TEST(ParseDeviceCgroupRule, AcceptsDockerRules) {
  const std::pair<const char*, LinuxDeviceCgroup> cases[] = {
      {"c 1:3 rwm", Rule(true, "c", 1, 3, "rwm")},
      {"b *:* m", Rule(true, "b", std::nullopt, std::nullopt, "m")},
      {"c 136:* rw", Rule(true, "c", 136, std::nullopt, "rw")},
      {"c *:5 r", Rule(true, "c", std::nullopt, 5, "r")},
      {"a", Rule(true, "a", std::nullopt, std::nullopt, "rwm")},
      {"a *:* rwm", Rule(true, "a", std::nullopt, std::nullopt, "rwm")},
      {"  c  10:200\trwm ", Rule(true, "c", 10, 200, "rwm")},
  };
  for (const auto& [text, want] : cases) {
    absl::StatusOr<LinuxDeviceCgroup> got = ParseDeviceCgroupRule(text);
    ASSERT_TRUE(got.ok()) << text << ": " << got.status();
    EXPECT_EQ(*got, want) << text;
  }
}

TEST(ParseDeviceCgroupRule, RejectsBadRulesWithExactMessages) {
  for (const char* bad : {"", "x 1:3 rwm", "c 1:3", "c 1-3 rwm", "c 1:3 rwx", "c -1:3 rwm", "c 1:3:4 rwm", "c a:3 rwm",
                          "a r", "c 1: rwm", "c 99999999999999999999:1 rwm", "c 1:3 rwm x"}) {
    absl::StatusOr<LinuxDeviceCgroup> got = ParseDeviceCgroupRule(bad);
    ASSERT_FALSE(got.ok()) << bad;
    EXPECT_EQ(got.status().message(),
              absl::StrCat("invalid device cgroup rule \"", bad,
                           "\"; expected TYPE MAJOR:MINOR ACCESS such as \"c 1:3 rwm\" or \"b *:* m\", or \"a\""));
  }
}

TEST_F(DeviceFixture, WithLinuxDeviceCreatesSectionsOnEmptySpec) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithLinuxDevice(Path("null"), "/dev/null", "rw")).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"resources":{"devices":[{"allow":true,"type":"c","major":1,"minor":3,"access":"rw"}]},"devices":[{"path":"/dev/null","type":"c","major":1,"minor":3,"fileMode":1440,"uid":1000,"gid":1001}]}})");
}

TEST_F(DeviceFixture, WithLinuxDeviceAppendsToDefaultSpecAndReplacesSamePath) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithLinuxDevice(Path("sda"), "/dev/xvda"), WithLinuxDevice(Path("fuse")),
                                   WithLinuxDevice(Path("null"), "/dev/xvda", "r")})
                  .ok());
  const Linux& lx = *spec.linux_section;
  ASSERT_EQ(lx.devices.size(), 2u);
  EXPECT_EQ(lx.devices[0].path, "/dev/xvda");
  EXPECT_EQ(lx.devices[0].type, "c");  // replaced in place by the null device
  EXPECT_EQ(lx.devices[1].path, Path("fuse"));
  EXPECT_EQ(lx.devices[1].major, 10);
  EXPECT_EQ(lx.resources->devices,
            (std::vector<LinuxDeviceCgroup>{Rule(false, "", std::nullopt, std::nullopt, "rwm"),
                                            Rule(true, "b", 8, 0, "rwm"), Rule(true, "c", 10, 229, "rwm"),
                                            Rule(true, "c", 1, 3, "r")}));
}

TEST_F(DeviceFixture, WithLinuxDeviceGivesFifosNoCgroupRule) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(spec, WithLinuxDevice(Path("fifo"), "/run/fifo")).ok());
  EXPECT_EQ(spec.linux_section->devices.size(), 1u);
  EXPECT_EQ(spec.linux_section->devices[0].type, "p");
  EXPECT_EQ(spec.linux_section->resources->devices.size(), 1u);
}

TEST_F(DeviceFixture, WithLinuxDeviceRejectsBadInputAndChangesNothing) {
  const Spec before = DefaultLinuxSpec();
  const std::pair<SpecOpt, std::string> cases[] = {
      {WithLinuxDevice(Path("null"), "", "rwx"),
       "WithLinuxDevice: invalid device permissions \"rwx\"; expected a combination of r, w and m such as rwm"},
      {WithLinuxDevice(Path("null"), "dev/null"), "WithLinuxDevice: container path \"dev/null\" is not absolute"},
      {WithLinuxDevice(Path("null-link")), absl::StrCat("WithLinuxDevice: \"", Path("null-link"), "\" is not a device node")},
      {WithLinuxDevice(Path("file")), absl::StrCat("WithLinuxDevice: \"", Path("file"), "\" is not a device node")},
      {WithLinuxDevice(Path("nope")), absl::StrCat("WithLinuxDevice: ", Path("nope"), ": No such file or directory")},
      {WithLinuxDeviceFollowSymlinks(Path("dangling")),
       absl::StrCat("WithLinuxDeviceFollowSymlinks: ", Path("dangling"), ": No such file or directory")},
  };
  for (const auto& [opt, message] : cases) {
    Spec spec = before;
    EXPECT_EQ(Apply(spec, opt).message(), message);
    EXPECT_EQ(spec, before) << message;
  }
}

TEST_F(DeviceFixture, WithLinuxDeviceFollowSymlinksKeepsTheGivenPath) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithLinuxDeviceFollowSymlinks(Path("null-link"))).ok());
  ASSERT_EQ(spec.linux_section->devices.size(), 1u);
  EXPECT_EQ(spec.linux_section->devices[0].path, Path("null-link"));
  EXPECT_EQ(spec.linux_section->devices[0].minor, 3);
  EXPECT_EQ(spec.linux_section->resources->devices, std::vector<LinuxDeviceCgroup>{Rule(true, "c", 1, 3, "rwm")});
  ASSERT_TRUE(Apply(spec, WithLinuxDeviceFollowSymlinks(Path("null-link"), "/dev/mynull", "r")).ok());
  EXPECT_EQ(spec.linux_section->devices[1].path, "/dev/mynull");
}

TEST(WithLinuxDevices, AppendsWithoutRules) {
  LinuxDevice d;
  d.path = "/dev/kvm";
  d.type = "c";
  d.major = 10;
  d.minor = 232;
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithLinuxDevices({d, d})).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"devices":[{"path":"/dev/kvm","type":"c","major":10,"minor":232},{"path":"/dev/kvm","type":"c","major":10,"minor":232}]}})");
}

TEST(WithDeviceCgroupRule, AppendsParsedRule) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithDeviceCgroupRule("c 10:200 rwm")).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"resources":{"devices":[{"allow":true,"type":"c","major":10,"minor":200,"access":"rwm"}]}}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithDeviceCgroupRule("b *:* m")).ok());
  EXPECT_EQ(def.linux_section->resources->devices.back(), Rule(true, "b", std::nullopt, std::nullopt, "m"));
  const Spec before = def;
  EXPECT_EQ(Apply(def, WithDeviceCgroupRule("c 1:3")).message(),
            "WithDeviceCgroupRule: invalid device cgroup rule \"c 1:3\"; expected TYPE MAJOR:MINOR ACCESS such as \"c "
            "1:3 rwm\" or \"b *:* m\", or \"a\"");
  EXPECT_EQ(def, before);
}

TEST(WithDefaultUnixDevices, AppendsContainerdsNineRulesInOrder) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithDefaultUnixDevices()).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"resources":{"devices":[)"
            R"({"allow":true,"type":"c","major":1,"minor":3,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":1,"minor":8,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":1,"minor":7,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":5,"minor":0,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":1,"minor":5,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":1,"minor":9,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":5,"minor":1,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":136,"access":"rwm"},)"
            R"({"allow":true,"type":"c","major":5,"minor":2,"access":"rwm"}]}}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithDefaultUnixDevices()).ok());
  const std::vector<LinuxDeviceCgroup>& rules = def.linux_section->resources->devices;
  ASSERT_EQ(rules.size(), 10u);
  EXPECT_FALSE(rules[0].allow);
  EXPECT_EQ(std::vector<LinuxDeviceCgroup>(rules.begin() + 1, rules.end()), DefaultUnixDeviceRules());
}

TEST(WithAllDevicesAllowed, ReplacesRulesWithOneAllowAll) {
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, def, {WithDefaultUnixDevices(), WithAllDevicesAllowed()}).ok());
  EXPECT_EQ(def.linux_section->resources->devices,
            std::vector<LinuxDeviceCgroup>{Rule(true, "", std::nullopt, std::nullopt, "rwm")});
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithAllDevicesAllowed()).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{"resources":{"devices":[{"allow":true,"access":"rwm"}]}}})");
}

TEST(WithParentCgroupDevices, ClearsRulesAndCreatesSections) {
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithParentCgroupDevices()).ok());
  EXPECT_TRUE(def.linux_section->resources->devices.empty());
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithParentCgroupDevices()).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{"resources":{}}})");
}

// Replays the header's Example: with a fixture node in place of /dev/fuse.
TEST_F(DeviceFixture, HeaderExample) {
  absl::StatusOr<DeviceFlag> fuse = ParseDeviceFlag(absl::StrCat(Path("fuse"), ":/dev/fuse"));
  ASSERT_TRUE(fuse.ok()) << fuse.status();
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec,
                        {WithLinuxDevice(fuse->host_path, fuse->container_path, fuse->permissions),
                         WithDeviceCgroupRule("c 10:200 rwm")})
                  .ok());
  EXPECT_EQ(spec.linux_section->devices[0].path, "/dev/fuse");
  EXPECT_EQ(spec.linux_section->resources->devices,
            (std::vector<LinuxDeviceCgroup>{Rule(false, "", std::nullopt, std::nullopt, "rwm"),
                                            Rule(true, "c", 10, 229, "rwm"), Rule(true, "c", 10, 200, "rwm")}));
}

TEST_F(DeviceFixture, HostDevicesWalksTheTreeAsRuncDoes) {
  ASSERT_EQ(::mkdir(Path("pts").c_str(), 0755), 0);  // skipped, as runc skips /dev/pts
  ASSERT_EQ(::mknod(Path("pts/0").c_str(), S_IFCHR | 0620, makedev(136, 0)), 0);
  ASSERT_EQ(::mknod(Path("dir/loop0").c_str(), S_IFBLK | 0660, makedev(7, 0)), 0);
  ASSERT_EQ(::mknod(Path("console").c_str(), S_IFCHR | 0600, makedev(5, 1)), 0);
  absl::StatusOr<std::vector<LinuxDevice>> devices = HostDevices(dir_);
  ASSERT_TRUE(devices.ok()) << devices.status();
  std::vector<std::string> paths;
  for (const LinuxDevice& d : *devices) paths.push_back(d.path);
  // Name order; no FIFO, file, symlink, console or pts entry.
  EXPECT_EQ(paths, (std::vector<std::string>{"/dev/dir/loop0", "/dev/fuse", "/dev/null", "/dev/sda"}));
  EXPECT_EQ((*devices)[0].type, "b");
  EXPECT_EQ((*devices)[0].major, 7);
  EXPECT_FALSE(HostDevices(Path("missing")).ok());
}

TEST_F(DeviceFixture, PrivilegedDevicesAndAllowAll) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithLinuxDevice(Path("null"), "/dev/null", "rwm"), WithHostDevices(dir_),
                                   WithAllDevicesAllowed()})
                  .ok());
  ASSERT_EQ(spec.linux_section->devices.size(), 3u);  // /dev/null replaced, not doubled
  EXPECT_EQ(spec.linux_section->devices[0].path, "/dev/null");
  EXPECT_EQ(spec.linux_section->resources->devices,
            (std::vector<LinuxDeviceCgroup>{Rule(true, "", std::nullopt, std::nullopt, "rwm")}));
}

}  // namespace
}  // namespace ocikit
