#include "spec/opts/mounts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spec/codec.h"
#include "spec/opts/mount_flags.h"

namespace ocikit {
namespace {

using Options = std::vector<std::string>;
using Maps = std::vector<LinuxIDMapping>;

Mount MakeMount(std::string destination, std::string type, std::string source, Options options) {
  return Mount{.destination = std::move(destination),
               .type = std::move(type),
               .source = std::move(source),
               .options = std::move(options)};
}

LinuxIDMapping Map(uint32_t container_id, uint32_t host_id, uint32_t size) {
  return LinuxIDMapping{.container_id = container_id, .host_id = host_id, .size = size};
}

std::vector<std::string> Destinations(const Spec& spec) {
  std::vector<std::string> out;
  for (const Mount& m : spec.mounts) out.push_back(m.destination);
  return out;
}

// --- Transforms -------------------------------------------------------------

TEST(WithCgroupfsMount, AddsAReadOnlyCgroupMountAfterSysOnce) {
  Spec spec;
  spec.mounts = {MakeMount("/proc", "proc", "proc", {}), MakeMount("/sys", "sysfs", "sysfs", {"ro"}),
                 MakeMount("/run", "tmpfs", "tmpfs", {})};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithCgroupfsMount(), WithCgroupfsMount()}).ok());
  EXPECT_EQ(Destinations(spec), (std::vector<std::string>{"/proc", "/sys", "/sys/fs/cgroup", "/run"}));
  EXPECT_EQ(spec.mounts[2], MakeMount("/sys/fs/cgroup", "cgroup", "cgroup",
                                      {"rprivate", "nosuid", "noexec", "nodev", "relatime", "ro"}));
  // --privileged makes it writable (WithWriteableCgroupfs).
  ASSERT_TRUE(ApplyOpts({}, spec, {WithWriteableCgroupfs()}).ok());
  EXPECT_EQ(spec.mounts[2].options.back(), "rw");
}

TEST(WithCgroupfsMount, KeepsAMountAlreadyThereAndAppendsWithoutSys) {
  Spec spec;
  spec.mounts = {MakeMount("/sys/fs/cgroup/", "bind", "/srv/cg", {"rbind", "rw"})};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithCgroupfsMount()}).ok());
  ASSERT_EQ(spec.mounts.size(), 1u);
  EXPECT_EQ(spec.mounts[0].type, "bind");
  Spec bare;
  ASSERT_TRUE(ApplyOpts({}, bare, {WithCgroupfsMount()}).ok());
  EXPECT_EQ(Destinations(bare), std::vector<std::string>{"/sys/fs/cgroup"});
}

TEST(WithReadOnlyTmpfs, AddsTmpVarTmpAndRunWhereNothingIsMounted) {
  Spec spec;
  Mount mine;
  mine.destination = "/tmp/";  // the user's own /tmp mount stays
  mine.type = "bind";
  mine.source = "/srv/tmp";
  spec.mounts = {mine};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithReadOnlyTmpfs()}).ok());
  ASSERT_EQ(spec.mounts.size(), 3u);
  EXPECT_EQ(spec.mounts[0].source, "/srv/tmp");
  EXPECT_EQ(spec.mounts[1].destination, "/var/tmp");
  EXPECT_EQ(spec.mounts[1].type, "tmpfs");
  EXPECT_EQ(spec.mounts[1].options, (std::vector<std::string>{"nosuid", "nodev", "mode=1777"}));
  EXPECT_EQ(spec.mounts[2].destination, "/run");
  EXPECT_EQ(spec.mounts[2].options, (std::vector<std::string>{"nosuid", "nodev", "mode=755"}));
}

TEST(WithMounts, AppendsToEmptySpec) {
  Spec spec;
  const Mount data = MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate"});
  ASSERT_TRUE(ApplyOpts({}, spec, {WithMounts({data})}).ok());
  EXPECT_EQ(spec.mounts, std::vector<Mount>{data});
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","mounts":[{"destination":"/data","type":"bind","source":"/srv",)"
            R"("options":["rbind","rw","rprivate"]}]})");
}

TEST(WithMounts, ReplacesSameCleanedDestinationInPlace) {
  Spec spec = DefaultLinuxSpec();
  const Mount shm = MakeMount("/dev//shm/", "tmpfs", "shm", {"size=1k"});
  const Mount data = MakeMount("/data", "bind", "/srv", {"rbind"});
  ASSERT_TRUE(ApplyOpts({}, spec, {WithMounts({shm, data})}).ok());
  EXPECT_EQ(Destinations(spec), (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev//shm/", "/dev/mqueue",
                                                          "/sys", "/run", "/data"}));
  EXPECT_EQ(spec.mounts[3], shm);
  EXPECT_EQ(spec.mounts[7], data);
}

TEST(WithMounts, CollapsesDuplicatesIntoTheFirstPosition) {
  Spec spec;
  spec.mounts = {MakeMount("/a", "bind", "/one", {}), MakeMount("/b", "bind", "/two", {}),
                 MakeMount("/a/", "bind", "/three", {})};
  ASSERT_TRUE(ApplyOpts({}, spec,
                        {WithMounts({MakeMount("/a", "bind", "/four", {}), MakeMount("/e", "bind", "/five", {}),
                                     MakeMount("/e/.", "bind", "/six", {})})})
                  .ok());
  EXPECT_EQ(spec.mounts, (std::vector<Mount>{MakeMount("/a", "bind", "/four", {}), MakeMount("/b", "bind", "/two", {}),
                                             MakeMount("/e/.", "bind", "/six", {})}));
}

TEST(WithoutMounts, CleansMountsAndArguments) {
  Spec spec = DefaultLinuxSpec();
  spec.mounts.push_back(MakeMount("/data/", "bind", "/srv", {}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMounts({"/run/", "//dev/./mqueue", "/data"})}).ok());
  EXPECT_EQ(Destinations(spec), (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev/shm", "/sys"}));
}

TEST(WithoutMounts, EmptySpecStaysEmpty) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutMounts({"/run"}), WithoutRunMount()}).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":""})");
}

TEST(WithoutRunMount, RemovesOnlyRun) {
  Spec spec = DefaultLinuxSpec();
  spec.mounts.push_back(MakeMount("/run/secrets", "bind", "/srv", {}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithoutRunMount()}).ok());
  EXPECT_EQ(Destinations(spec), (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue",
                                                          "/sys", "/run/secrets"}));
}

TEST(WithDevShmSize, ReplacesEverySizeOptionOfTheDefaultShm) {
  Spec spec = DefaultLinuxSpec();
  spec.mounts[3].options.insert(spec.mounts[3].options.begin(), "size=1m");
  ASSERT_TRUE(ApplyOpts({}, spec, {WithDevShmSize(131072)}).ok());
  EXPECT_EQ(spec.mounts[3].options, (Options{"nosuid", "noexec", "nodev", "mode=1777", "size=131072k"}));
  EXPECT_EQ(spec.mounts[1].options, DefaultMounts()[1].options);  // /dev keeps its size
}

TEST(WithDevShmSize, ChangesOnlyTheFirstTmpfsWithSourceShm) {
  Spec spec;
  spec.mounts = {MakeMount("/dev/shm", "tmpfs", "tmpfs", {"size=1k"}), MakeMount("/dev/shm/", "tmpfs", "shm", {}),
                 MakeMount("/dev/shm", "tmpfs", "shm", {"size=2k"})};
  ASSERT_TRUE(ApplyOpts({}, spec, {WithDevShmSize(0)}).ok());
  EXPECT_EQ(spec.mounts[0].options, Options{"size=1k"});
  EXPECT_EQ(spec.mounts[1].options, Options{"size=0k"});
  EXPECT_EQ(spec.mounts[2].options, Options{"size=2k"});
}

TEST(WithDevShmSize, FailsWithoutShmMount) {
  EXPECT_EQ(NoShmMountError(), absl::FailedPreconditionError("no /dev/shm mount specified"));
  Spec empty;
  absl::Status s = ApplyOpts({}, empty, {WithDevShmSize(64)});
  EXPECT_EQ(s, absl::FailedPreconditionError("WithDevShmSize: no /dev/shm mount specified"));
  Spec bind;
  bind.mounts = {MakeMount("/dev/shm", "bind", "shm", {})};
  EXPECT_EQ(ApplyOpts({}, bind, {WithDevShmSize(64)}).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(bind.mounts[0].options, Options{});
}

TEST(WithHostFiles, BindsContextFilesReadOnlyOnEmptySpec) {
  SpecContext ctx;
  ctx.host_hosts = "/fixture/hosts";
  ctx.host_resolv_conf = "/fixture/resolv.conf";
  Spec spec;
  ASSERT_TRUE(ApplyOpts(ctx, spec, {WithHostHostsFile(), WithHostResolvconf(), WithHostLocaltime()}).ok());
  EXPECT_EQ(spec.mounts, (std::vector<Mount>{
                             MakeMount("/etc/hosts", "bind", "/fixture/hosts", {"rbind", "ro"}),
                             MakeMount("/etc/resolv.conf", "bind", "/fixture/resolv.conf", {"rbind", "ro"}),
                             MakeMount("/etc/localtime", "bind", "/etc/localtime", {"rbind", "ro"}),
                         }));
}

TEST(WithHostFiles, AppendsToDefaultSpecOnceEach) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithHostHostsFile(), WithHostResolvconf(), WithHostHostsFile()}).ok());
  EXPECT_EQ(Destinations(spec), (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue",
                                                          "/sys", "/run", "/etc/hosts", "/etc/resolv.conf"}));
  EXPECT_EQ(spec.mounts[7], MakeMount("/etc/hosts", "bind", "/etc/hosts", {"rbind", "ro"}));
  EXPECT_EQ(spec.mounts[8], MakeMount("/etc/resolv.conf", "bind", "/etc/resolv.conf", {"rbind", "ro"}));
}

TEST(WithWriteableSysfs, ReplacesRoInSysfsMountsOnly) {
  Spec spec = DefaultLinuxSpec();
  spec.mounts.push_back(MakeMount("/sys/fs/cgroup", "cgroup", "cgroup", {"ro", "nosuid"}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithWriteableSysfs()}).ok());
  EXPECT_EQ(spec.mounts[5].options, (Options{"nosuid", "noexec", "nodev", "rw"}));
  EXPECT_EQ(spec.mounts[7].options, (Options{"ro", "nosuid"}));
}

TEST(WithWriteableCgroupfs, ReplacesRoInCgroupMountsOnly) {
  Spec spec = DefaultLinuxSpec();
  spec.mounts.push_back(MakeMount("/sys/fs/cgroup", "cgroup", "cgroup", {"ro", "nosuid"}));
  ASSERT_TRUE(ApplyOpts({}, spec, {WithWriteableCgroupfs()}).ok());
  EXPECT_EQ(spec.mounts[7].options, (Options{"rw", "nosuid"}));
  EXPECT_EQ(spec.mounts[5].options, (Options{"nosuid", "noexec", "nodev", "ro"}));
}

TEST(WithWriteableSysfs, EmptySpecStaysEmpty) {
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithWriteableSysfs(), WithWriteableCgroupfs()}).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":""})");
}

// --- ParseMountIDMap --------------------------------------------------------

TEST(ParseMountIDMap, ParsesRanges) {
  struct Case {
    const char* input;
    Maps want;
  } cases[] = {
      {"0-1000-10", {Map(0, 1000, 10)}},
      {"0-1-10#10-11-10", {Map(0, 1, 10), Map(10, 11, 10)}},
      {"4294967294-0-1", {Map(4294967294u, 0, 1)}},  // the last mappable id
      {"0-0-4294967295", {Map(0, 0, 4294967295u)}},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Maps> got = ParseMountIDMap(c.input);
    ASSERT_TRUE(got.ok()) << c.input << ": " << got.status();
    EXPECT_EQ(*got, c.want) << c.input;
  }
}

TEST(ParseMountIDMap, RejectsBadRanges) {
  struct Case {
    std::string input;
    const char* message;
  } cases[] = {
      {"", "empty id mapping; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536"},
      {"0-1", "invalid id mapping \"0-1\"; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536"},
      {"0-1-10#", "invalid id mapping \"\"; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536"},
      {"0-1-10,10-11-10", "invalid id mapping \"0-1-10,10-11-10\"; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536"},
      {"0-1-10,10", "id mapping \"0-1-10,10\": \"10,10\" is not an id; expected 0..4294967295"},
      {"0-x-10", "id mapping \"0-x-10\": \"x\" is not an id; expected 0..4294967295"},
      {"0-+1-10", "id mapping \"0-+1-10\": \"+1\" is not an id; expected 0..4294967295"},
      {"0-4294967296-1", "id mapping \"0-4294967296-1\": \"4294967296\" is not an id; expected 0..4294967295"},
      {"0-1-0", "mapping \"0-1-0\": size must be at least 1"},
      {"4294967295-0-2", "mapping \"4294967295-0-2\": container id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"0-4294967295-2", "mapping \"0-4294967295-2\": host id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"4294967295-0-1", "mapping \"4294967295-0-1\": container id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"0-1-4294967295", "mapping \"0-1-4294967295\": host id + size exceeds 4294967295 (the kernel never maps id 4294967295, (uid_t)-1)"},
      {"0-1-10#5-100-10", "mapping \"5-100-10\" overlaps \"0-1-10\" in container ids"},
      {"0-1-10#20-5-10", "mapping \"20-5-10\" overlaps \"0-1-10\" in host ids"},
      {"@0-1-10", "relative id mapping \"@0-1-10\" is not supported; expected CONTAINER-HOST-SIZE with a host id"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Maps> got = ParseMountIDMap(c.input);
    EXPECT_EQ(got.status(), absl::InvalidArgumentError(c.message)) << c.input;
  }
}

TEST(ParseMountIDMap, AcceptsAt340RangesAndRejectsMore) {
  std::string text;
  for (int i = 0; i < 341; ++i) absl::StrAppend(&text, i == 0 ? "" : "#", i, "-", 1000 + i, "-1");
  EXPECT_EQ(ParseMountIDMap(text).status(),
            absl::InvalidArgumentError("341 mappings; the kernel accepts at most 340"));
  absl::StatusOr<Maps> at_limit = ParseMountIDMap(text.substr(0, text.rfind('#')));
  ASSERT_TRUE(at_limit.ok()) << at_limit.status();
  EXPECT_EQ(at_limit->size(), 340u);
}

TEST(ParseMountIDMapOption, ParsesBothParts) {
  absl::StatusOr<MountIDMaps> got = ParseMountIDMapOption("gids=0-2000-5;uids=0-1000-10#10-3000-1");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->uid_mappings, (Maps{Map(0, 1000, 10), Map(10, 3000, 1)}));
  EXPECT_EQ(got->gid_mappings, (Maps{Map(0, 2000, 5)}));
}

TEST(ParseMountIDMapOption, RejectsBadValues) {
  struct Case {
    const char* input;
    const char* message;
  } cases[] = {
      {"uids=0-1-10", "idmap \"uids=0-1-10\" lacks gids=; expected uids=RANGES;gids=RANGES"},
      {"gids=0-1-10", "idmap \"gids=0-1-10\" lacks uids=; expected uids=RANGES;gids=RANGES"},
      {"uids=0-1-1;uids=0-1-1", "idmap \"uids=0-1-1;uids=0-1-1\" repeats uids="},
      {"users=0-1-1", "unknown idmap part \"users=0-1-1\"; expected uids=RANGES;gids=RANGES"},
      {"", "unknown idmap part \"\"; expected uids=RANGES;gids=RANGES"},
      {"uids=0-1;gids=0-1-1", "uids: invalid id mapping \"0-1\"; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536"},
      {"uids=0-1-1;gids=", "gids: empty id mapping; expected CONTAINER-HOST-SIZE, e.g. 0-100000-65536"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseMountIDMapOption(c.input).status(), absl::InvalidArgumentError(c.message)) << c.input;
  }
}

// --- ParseVolumeFlag --------------------------------------------------------

struct GoodCase {
  const char* input;
  Mount want;
};

struct BadCase {
  const char* input;
  const char* message;
};

TEST(ParseVolumeFlag, ParsesBindMountsInTheDocumentedOrder) {
  const GoodCase cases[] = {
      {"/srv/data:/data", MakeMount("/data", "bind", "/srv/data", {"rbind", "rw", "rprivate"})},
      {"/srv/data:/data/:ro", MakeMount("/data", "bind", "/srv/data", {"rbind", "ro", "rprivate"})},
      {"/srv/../x:/a/./b", MakeMount("/a/b", "bind", "/srv/../x", {"rbind", "rw", "rprivate"})},
      {"/srv:/data:nosuid,bind,ro,shared,nodev",
       MakeMount("/data", "bind", "/srv", {"bind", "ro", "shared", "nosuid", "nodev"})},
      {"/srv:/data:ro,ro,z,Z,nosuid,nosuid", MakeMount("/data", "bind", "/srv", {"rbind", "ro", "rprivate", "nosuid"})},
      {"/srv:/data:exec,rslave,rbind,dev,suid",
       MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rslave", "exec", "dev", "suid"})},
      {"/srv:/data:idmap", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate", "idmap"})},
      {"/srv:/data:ridmap=true,rprivate", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate", "ridmap"})},
      {"/srv:/data:idmap=false,private", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "private"})},
      {"/srv:/data:idmap,idmap", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate", "idmap"})},
  };
  for (const GoodCase& c : cases) {
    absl::StatusOr<Mount> got = ParseVolumeFlag(c.input);
    ASSERT_TRUE(got.ok()) << c.input << ": " << got.status();
    EXPECT_EQ(*got, c.want) << c.input;
  }
}

TEST(ParseVolumeFlag, IdmapWithMappingsFillsMountMappings) {
  absl::StatusOr<Mount> got = ParseVolumeFlag("/srv:/data:noexec,idmap=uids=0-1000-10#10-2000-5;gids=0-3000-15");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->options, (Options{"rbind", "rw", "rprivate", "noexec", "idmap"}));
  EXPECT_EQ(got->uid_mappings, (Maps{Map(0, 1000, 10), Map(10, 2000, 5)}));
  EXPECT_EQ(got->gid_mappings, (Maps{Map(0, 3000, 15)}));
  Spec spec;
  ASSERT_TRUE(ApplyOpts({}, spec, {WithMounts({*got})}).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","mounts":[{"destination":"/data","type":"bind","source":"/srv",)"
            R"("options":["rbind","rw","rprivate","noexec","idmap"],)"
            R"("uidMappings":[{"containerID":0,"hostID":1000,"size":10},{"containerID":10,"hostID":2000,"size":5}],)"
            R"("gidMappings":[{"containerID":0,"hostID":3000,"size":15}]}]})");
}

TEST(ParseVolumeFlag, RejectsWhatItCannotMount) {
  const BadCase cases[] = {
      {"/data", "anonymous volume \"/data\" is not supported; expected HOST-DIR:CONTAINER-DIR[:OPTIONS]"},
      {"data:/data", "named volume \"data\" is not supported; expected an absolute host path"},
      {"./data:/data", "host path \"./data\" is not absolute"},
      {"srv/data:/data", "host path \"srv/data\" is not absolute"},
      {":/data", "empty host path; expected an absolute path"},
      {"/srv:data", "container path \"data\" is not absolute"},
      {"/srv:", "empty container path; expected an absolute path"},
      {"/srv:/", "container path \"/\" is not allowed; expected a directory below /"},
      {"/srv:/a/..", "container path \"/\" is not allowed; expected a directory below /"},
      {"/srv:/data:ro:x", "too many \":\" in \"/srv:/data:ro:x\"; expected HOST-DIR:CONTAINER-DIR[:OPTIONS]"},
      {"/srv:/data:ro,rw", "conflicting options \"ro\" and \"rw\""},
      {"/srv:/data:bind,rbind", "conflicting options \"bind\" and \"rbind\""},
      {"/srv:/data:shared,private", "conflicting options \"shared\" and \"private\""},
      {"/srv:/data:nosuid,suid", "conflicting options \"nosuid\" and \"suid\""},
      {"/srv:/data:exec,noexec", "conflicting options \"exec\" and \"noexec\""},
      {"/srv:/data:idmap,ridmap", "conflicting options \"idmap\" and \"ridmap\""},
      {"/srv:/data:idmap=uids=0-1-10", "idmap \"uids=0-1-10\" lacks gids=; expected uids=RANGES;gids=RANGES"},
      {"/srv:/data:", "unknown volume option \"\"; expected ro, rw, z, Z, [r]shared, [r]slave, [r]private, bind, "
                      "rbind, nosuid, nodev, noexec, suid, dev, exec, idmap[=...] or ridmap[=...]"},
      {"/srv:/data:U", "unknown volume option \"U\"; expected ro, rw, z, Z, [r]shared, [r]slave, [r]private, bind, "
                       "rbind, nosuid, nodev, noexec, suid, dev, exec, idmap[=...] or ridmap[=...]"},
      {"/srv:/data:RO", "unknown volume option \"RO\"; expected ro, rw, z, Z, [r]shared, [r]slave, [r]private, bind, "
                        "rbind, nosuid, nodev, noexec, suid, dev, exec, idmap[=...] or ridmap[=...]"},
  };
  for (const BadCase& c : cases) {
    EXPECT_EQ(ParseVolumeFlag(c.input).status(), absl::InvalidArgumentError(c.message)) << c.input;
  }
}

// --- ParseTmpfsFlag ---------------------------------------------------------

TEST(ParseTmpfsFlag, MergesDockerDefaultsWithGivenOptions) {
  const GoodCase cases[] = {
      {"/run", MakeMount("/run", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev"})},
      {"/run/:size=64m,mode=1777",
       MakeMount("/run", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=64m", "mode=1777"})},
      {"/tmp:exec,size=64MiB,size=1g", MakeMount("/tmp", "tmpfs", "tmpfs", {"nosuid", "nodev", "exec", "size=1g"})},
      {"/tmp:noexec", MakeMount("/tmp", "tmpfs", "tmpfs", {"nosuid", "nodev", "noexec"})},
      {"/tmp:size=1536k,mode=01777,uid=1000,gid=0,nr_inodes=10k,ro",
       MakeMount("/tmp", "tmpfs", "tmpfs",
                 {"noexec", "nosuid", "nodev", "size=1536k", "mode=1777", "uid=1000", "gid=0", "nr_inodes=10k", "ro"})},
      {"/tmp:size=4096,rprivate,defaults",
       MakeMount("/tmp", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=4k", "rprivate"})},
      {"/tmp:size=1000,mode=0", MakeMount("/tmp", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=1000", "mode=0"})},
      {"/tmp:size=50%,mpol=interleave",
       MakeMount("/tmp", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=50%", "mpol=interleave"})},
      {"/tmp:size=2GB,ro,rw", MakeMount("/tmp", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=2g", "rw"})},
      {"/tmp:size=1t", MakeMount("/tmp", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=1024g"})},
      {"/tmp:size=0", MakeMount("/tmp", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=0"})},
  };
  for (const GoodCase& c : cases) {
    absl::StatusOr<Mount> got = ParseTmpfsFlag(c.input);
    ASSERT_TRUE(got.ok()) << c.input << ": " << got.status();
    EXPECT_EQ(*got, c.want) << c.input;
  }
}

TEST(ParseTmpfsFlag, RejectsBadOptions) {
  constexpr char kUnknownTail[] =
      "\"; expected a mount flag such as ro or noexec, or one of size=, mode=, uid=, gid=, nr_inodes=, nr_blocks=, mpol=";
  const std::string unknown_foo = absl::StrCat("unknown tmpfs option \"foo", kUnknownTail);
  const std::string unknown_foo_bar = absl::StrCat("unknown tmpfs option \"foo=bar", kUnknownTail);
  const BadCase cases[] = {
      {"tmp", "container path \"tmp\" is not absolute"},
      {"", "empty container path; expected an absolute path"},
      {":size=1m", "empty container path; expected an absolute path"},
      {"/tmp:", "empty tmpfs option"},
      {"/tmp:ro,,rw", "empty tmpfs option"},
      {"/tmp:size=", "tmpfs option \"size=\" has no value"},
      {"/tmp:size=64x", "invalid size \"64x\"; expected bytes or a number with a k, m, g or t suffix, e.g. 64m"},
      {"/tmp:size=1.5g", "invalid size \"1.5g\"; expected bytes or a number with a k, m, g or t suffix, e.g. 64m"},
      {"/tmp:size=m", "invalid size \"m\"; expected bytes or a number with a k, m, g or t suffix, e.g. 64m"},
      {"/tmp:size=-1", "invalid size \"-1\"; expected bytes or a number with a k, m, g or t suffix, e.g. 64m"},
      {"/tmp:size=99999999999t", "size \"99999999999t\" is too large"},
      {"/tmp:size=x%", "invalid size \"x%\"; expected a percentage such as 50%"},
      {"/tmp:mode=999", "invalid mode \"999\"; expected an octal mode such as 1777"},
      {"/tmp:mode=17777", "invalid mode \"17777\"; expected an octal mode such as 1777"},
      {"/tmp:uid=-1", "invalid uid \"-1\"; expected a number in 0..4294967295"},
      {"/tmp:gid=4294967296", "invalid gid \"4294967296\"; expected a number in 0..4294967295"},
      {"/tmp:nr_inodes=x", "invalid nr_inodes \"x\"; expected a number with an optional k, m or g suffix"},
      {"/tmp:foo", unknown_foo.c_str()},
      {"/tmp:foo=bar", unknown_foo_bar.c_str()},
  };
  for (const BadCase& c : cases) {
    EXPECT_EQ(ParseTmpfsFlag(c.input).status(), absl::InvalidArgumentError(c.message)) << c.input;
  }
}

// --- ParseMountFlag ---------------------------------------------------------

TEST(ParseMountFlag, ParsesBindAndTmpfs) {
  const GoodCase cases[] = {
      {"type=bind,source=/srv,target=/data", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate"})},
      {"TYPE=bind,Src=/srv,dst=/data/,readonly", MakeMount("/data", "bind", "/srv", {"rbind", "ro", "rprivate"})},
      {"type=bind,src=/srv,destination=/data,ro=false", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate"})},
      {"type=bind,src=/srv,dst=/data,rw=0", MakeMount("/data", "bind", "/srv", {"rbind", "ro", "rprivate"})},
      {"type=bind,src=/srv,dst=/data,readonly=TRUE", MakeMount("/data", "bind", "/srv", {"rbind", "ro", "rprivate"})},
      {"type=bind,src=/srv,dst=/data,bind-propagation=rshared,bind-nonrecursive,nosuid,relabel=shared,"
       "consistency=cached",
       MakeMount("/data", "bind", "/srv", {"bind", "rw", "rshared", "nosuid"})},
      {"type=bind,src=/srv,dst=/data,bind-nonrecursive=false,noexec,nodev",
       MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate", "noexec", "nodev"})},
      {"type=bind,src=/srv,dst=/data,ridmap", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate", "ridmap"})},
      {"type=bind,src=/srv,dst=/data,idmap=false", MakeMount("/data", "bind", "/srv", {"rbind", "rw", "rprivate"})},
      {"type=tmpfs,dst=/cache,tmpfs-size=512M,tmpfs-mode=700",
       MakeMount("/cache", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "size=512m", "mode=700"})},
      {"type=tmpfs,target=/cache,readonly,exec,tmpfs-size=1000",
       MakeMount("/cache", "tmpfs", "tmpfs", {"nosuid", "nodev", "ro", "exec", "size=1000"})},
      {"type=tmpfs,target=/cache,rw=false", MakeMount("/cache", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev", "ro"})},
      {"type=tmpfs,target=/cache,readonly=false", MakeMount("/cache", "tmpfs", "tmpfs", {"noexec", "nosuid", "nodev"})},
  };
  for (const GoodCase& c : cases) {
    absl::StatusOr<Mount> got = ParseMountFlag(c.input);
    ASSERT_TRUE(got.ok()) << c.input << ": " << got.status();
    EXPECT_EQ(*got, c.want) << c.input;
  }
}

TEST(ParseMountFlag, IdmapWithMappings) {
  absl::StatusOr<Mount> got = ParseMountFlag("type=bind,src=/srv,dst=/data,idmap=uids=0-1000-10;gids=0-1000-10");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->options, (Options{"rbind", "rw", "rprivate", "idmap"}));
  EXPECT_EQ(got->uid_mappings, (Maps{Map(0, 1000, 10)}));
  EXPECT_EQ(got->gid_mappings, (Maps{Map(0, 1000, 10)}));
}

TEST(ParseMountFlag, RejectsBadFields) {
  constexpr char kKeys[] =
      "; expected one of type, source, destination, readonly, rw, bind-propagation, bind-nonrecursive, idmap, ridmap, "
      "nosuid, nodev, noexec, suid, dev, exec, tmpfs-size, tmpfs-mode, relabel, consistency";
  const std::string unknown = absl::StrCat("unknown key \"foo\"", kKeys);
  const BadCase cases[] = {
      {"", "empty field; expected KEY[=VALUE]"},
      {"type=bind,,dst=/x", "empty field; expected KEY[=VALUE]"},
      {"src=/srv,dst=/data", "missing type; expected type=bind or type=tmpfs"},
      {"type=volume,src=vol,dst=/data",
       "unsupported mount type \"volume\"; expected bind or tmpfs (named volumes need a volume store)"},
      {"type=npipe,dst=/x", "unsupported mount type \"npipe\"; expected bind or tmpfs"},
      {"type=Bind,src=/srv,dst=/x", "unsupported mount type \"Bind\"; expected bind or tmpfs"},
      {"type=bind,src=/srv", "missing destination; expected destination=PATH (or dst=, target=)"},
      {"type=tmpfs,tmpfs-size=1m", "missing destination; expected destination=PATH (or dst=, target=)"},
      {"type=bind,dst=/data", "missing source; expected source=HOST-PATH for a bind mount"},
      {"type=bind,src=vol,dst=/data", "named volume \"vol\" is not supported; expected an absolute host path"},
      {"type=bind,src=/srv,dst=data", "container path \"data\" is not absolute"},
      {"type=bind,src=/srv,dst=/a,target=/b", "duplicate key \"target\""},
      {"type=bind,src=/srv,dst=/a,ro,rw", "duplicate key \"rw\""},
      {"type=bind,src=/srv,dst=/a,nosuid,suid", "duplicate key \"suid\""},
      {"type=bind,type=tmpfs,dst=/a", "duplicate key \"type\""},
      {"type=bind,src=/srv,dst=/a,foo=1", unknown.c_str()},
      {"type=bind,src=/srv,dst=/a,readonly=yes", "invalid value \"yes\" for key \"readonly\"; expected true or false"},
      {"type=bind,src=/srv,dst=/a,bind-nonrecursive=2",
       "invalid value \"2\" for key \"bind-nonrecursive\"; expected true or false"},
      {"type=bind,src=/srv,dst=/a,bind-propagation=rbind",
       "invalid bind-propagation \"rbind\"; expected one of private, rprivate, shared, rshared, slave, rslave"},
      {"type=bind,src=/srv,dst=/a,tmpfs-size=1m", "key \"tmpfs-size\" is not allowed for bind mounts"},
      {"type=tmpfs,src=/srv,dst=/a", "key \"src\" is not allowed for tmpfs mounts"},
      {"type=tmpfs,dst=/a,idmap", "key \"idmap\" is not allowed for tmpfs mounts"},
      {"type=tmpfs,dst=/a,bind-propagation=shared", "key \"bind-propagation\" is not allowed for tmpfs mounts"},
      {"type=bind,src=/srv,dst=/a,nosuid=1", "key \"nosuid\" takes no value"},
      {"type=bind,src,dst=/a", "key \"src\" needs a value"},
      {"type=,dst=/a", "key \"type\" needs a value"},
      {"type=tmpfs,dst=/a,tmpfs-mode=8", "invalid mode \"8\"; expected an octal mode such as 1777"},
      {"type=tmpfs,dst=/a,tmpfs-size=big",
       "invalid size \"big\"; expected bytes or a number with a k, m, g or t suffix, e.g. 64m"},
      {"type=bind,src=/srv,dst=/a,idmap=uids=@0-1-10;gids=0-1-10",
       "uids: relative id mapping \"@0-1-10\" is not supported; expected CONTAINER-HOST-SIZE with a host id"},
      {"type=bind,src=/srv,dst=/a,relabel=z", "invalid relabel \"z\"; expected shared or private"},
  };
  for (const BadCase& c : cases) {
    EXPECT_EQ(ParseMountFlag(c.input).status(), absl::InvalidArgumentError(c.message)) << c.input;
  }
}

TEST(ParseMountFlag, ParsedMountsFeedWithMounts) {
  absl::StatusOr<Mount> run = ParseMountFlag("type=tmpfs,dst=/run,tmpfs-size=1g");
  absl::StatusOr<Mount> data = ParseVolumeFlag("/srv:/data:ro");
  ASSERT_TRUE(run.ok() && data.ok());
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithMounts({*run, *data})}).ok());
  EXPECT_EQ(Destinations(spec), (std::vector<std::string>{"/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue",
                                                          "/sys", "/run", "/data"}));
  EXPECT_EQ(spec.mounts[6].options, (Options{"noexec", "nosuid", "nodev", "size=1g"}));
}

}  // namespace
}  // namespace ocikit
