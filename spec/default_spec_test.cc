#include "spec/default_spec.h"

#include <gtest/gtest.h>

#include "spec/codec.h"

namespace ocikit {
namespace {

// The compact serialisation of containerd v2's default Linux spec for
// namespace "default" and container id "ID", as derived from the runtime-spec
// v1.3.0 field order and omitempty rules (shared/reference
// anchors-spec-generation.md §1.4).
constexpr absl::string_view kContainerdDefault =
    R"({"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"cwd":"/","capabilities":{"bounding":["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD","CAP_NET_RAW","CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"],"effective":["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD","CAP_NET_RAW","CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"],"permitted":["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD","CAP_NET_RAW","CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"]},"rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}],"noNewPrivileges":true},"root":{"path":"rootfs"},"mounts":[{"destination":"/proc","type":"proc","source":"proc","options":["nosuid","noexec","nodev"]},{"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]},{"destination":"/dev/pts","type":"devpts","source":"devpts","options":["nosuid","noexec","newinstance","ptmxmode=0666","mode=0620","gid=5"]},{"destination":"/dev/shm","type":"tmpfs","source":"shm","options":["nosuid","noexec","nodev","mode=1777","size=65536k"]},{"destination":"/dev/mqueue","type":"mqueue","source":"mqueue","options":["nosuid","noexec","nodev"]},{"destination":"/sys","type":"sysfs","source":"sysfs","options":["nosuid","noexec","nodev","ro"]},{"destination":"/run","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]}],"linux":{"resources":{"devices":[{"allow":false,"access":"rwm"}]},"cgroupsPath":"/default/ID","namespaces":[{"type":"pid"},{"type":"ipc"},{"type":"uts"},{"type":"mount"},{"type":"network"}],"maskedPaths":["/proc/acpi","/proc/asound","/proc/kcore","/proc/keys","/proc/latency_stats","/proc/timer_list","/proc/timer_stats","/proc/sched_debug","/sys/firmware","/sys/devices/virtual/powercap","/proc/scsi"],"readonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]}})";

TEST(DefaultLinuxSpec, MatchesContainerdByteForByte) {
  EXPECT_EQ(Marshal(DefaultLinuxSpec("default", "ID")), kContainerdDefault);
}

TEST(DefaultLinuxSpec, CgroupsPathFollowsGoPathJoin) {
  EXPECT_EQ(DefaultLinuxSpec("default", "").linux_section->cgroups_path, "/default");
  EXPECT_EQ(DefaultLinuxSpec("k8s.io", "abc").linux_section->cgroups_path, "/k8s.io/abc");
  EXPECT_EQ(DefaultLinuxSpec("default", "../../escape").linux_section->cgroups_path, "/escape");
}

TEST(DefaultLinuxSpec, HasNoInheritableOrAmbientCapabilities) {
  const Spec spec = DefaultLinuxSpec();
  EXPECT_TRUE(spec.process->capabilities->inheritable.empty());
  EXPECT_TRUE(spec.process->capabilities->ambient.empty());
}

TEST(DefaultLinuxSpec, SurvivesRoundTrip) {
  const Spec spec = DefaultLinuxSpec("default", "ID");
  absl::StatusOr<Spec> parsed = ParseSpec(Marshal(spec));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, spec);
}

}  // namespace
}  // namespace ocikit
