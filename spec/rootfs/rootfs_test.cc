#include "spec/rootfs/rootfs.h"

#include <ftw.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace ocikit {
namespace {

// A scratch directory holding `root/` (the rootfs under test) and files beside
// it that stand for the host: nothing may ever read those.
class RootfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Short, so unix socket paths fit in sun_path.
    char tmpl[] = "/tmp/ocikit-rootfs-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    base_ = tmpl;
    root_ = base_ + "/root";
    ASSERT_EQ(::mkdir(root_.c_str(), 0755), 0);
    Write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    WriteHost("host-secret", "HOST SECRET\n");
  }

  void TearDown() override {
    ::nftw(
        base_.c_str(), [](const char* path, const struct stat*, int, struct FTW*) { return ::remove(path); }, 16,
        FTW_DEPTH | FTW_PHYS);
  }

  // Creates `rel` (and its parents) inside the rootfs.
  void Write(const std::string& rel, const std::string& content, mode_t mode = 0644) {
    WriteAt(root_ + "/" + rel, content, mode);
  }
  void WriteHost(const std::string& rel, const std::string& content) { WriteAt(base_ + "/" + rel, content, 0644); }
  void Mkdir(const std::string& rel) { MkdirAt(root_ + "/" + rel); }
  void Symlink(const std::string& rel, const std::string& target) {
    const std::string path = root_ + "/" + rel;
    MkdirAt(path.substr(0, path.rfind('/')));
    ASSERT_EQ(::symlink(target.c_str(), path.c_str()), 0) << path;
  }

  static void MkdirAt(const std::string& path) {
    for (size_t i = 1; i <= path.size(); ++i) {
      if (i == path.size() || path[i] == '/') ::mkdir(path.substr(0, i).c_str(), 0755);
    }
  }
  static void WriteAt(const std::string& path, const std::string& content, mode_t mode) {
    MkdirAt(path.substr(0, path.rfind('/')));
    std::ofstream(path) << content;
    ::chmod(path.c_str(), mode);
  }

  absl::StatusOr<std::string> Read(absl::string_view path, size_t max = kMaxRootfsFileBytes) {
    return ReadFileInRoot(root_, path, max);
  }

  std::string base_;
  std::string root_;
};

TEST_F(RootfsTest, ReadsRegularFiles) {
  EXPECT_EQ(*Read("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  EXPECT_EQ(*Read("/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  EXPECT_EQ(*Read("//etc/./passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  Write("empty", "");
  EXPECT_EQ(*Read("empty"), "");
}

TEST_F(RootfsTest, FollowsAbsoluteAndRelativeSymlinksInside) {
  Symlink("etc/abs", "/etc/passwd");
  Symlink("etc/rel", "passwd");
  Symlink("etc/up", "../etc/./passwd");
  for (const char* path : {"etc/abs", "etc/rel", "etc/up"}) {
    absl::StatusOr<std::string> data = Read(path);
    ASSERT_TRUE(data.ok()) << path << ": " << data.status();
    EXPECT_EQ(*data, "root:x:0:0:root:/root:/bin/sh\n") << path;
  }
  EXPECT_EQ(*ResolveInRoot(root_, "etc/abs"), "/etc/passwd");
}

TEST_F(RootfsTest, SymlinkedDirectoriesAsOnAndroidAndNixOS) {
  Write("system/etc/group", "root:x:0:\n");
  Symlink("sys-etc/etc", "/system/etc");  // a whole directory
  EXPECT_EQ(*Read("sys-etc/etc/group"), "root:x:0:\n");
  EXPECT_EQ(*ResolveInRoot(root_, "sys-etc/etc/group"), "/system/etc/group");
  // ".." after a symlink leaves the link's target, not the link's directory.
  Write("system/other", "other\n");
  EXPECT_EQ(*Read("sys-etc/etc/../other"), "other\n");
}

TEST_F(RootfsTest, DotDotIsClampedAtTheRoot) {
  EXPECT_EQ(*Read("../../../../etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  EXPECT_EQ(*Read("etc/../../etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  EXPECT_EQ(*ResolveInRoot(root_, "../.."), "/");
  // etc -> .. : etc/passwd is the root's own passwd.
  const std::string other = base_ + "/other-root";
  WriteAt(other + "/passwd", "top-level passwd\n", 0644);
  ASSERT_EQ(::symlink("..", (other + "/etc").c_str()), 0);
  EXPECT_EQ(*ReadFileInRoot(other, "etc/passwd"), "top-level passwd\n");
  EXPECT_EQ(*ReadFileInRoot(other, "etc/etc/etc/passwd"), "top-level passwd\n");
  EXPECT_EQ(*ResolveInRoot(other, "etc/passwd"), "/passwd");
}

TEST_F(RootfsTest, NeverReadsAHostFile) {
  // An absolute link to the host's copy resolves inside the rootfs instead.
  const std::string host_path = base_ + "/host-secret";
  Symlink("etc/shadow", host_path);
  absl::StatusOr<std::string> data = Read("etc/shadow");
  EXPECT_EQ(data.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(data.status().message(), "etc/shadow: No such file or directory");
  Write(host_path.substr(1), "inside copy\n");
  EXPECT_EQ(*Read("etc/shadow"), "inside copy\n");
  EXPECT_EQ(*ResolveInRoot(root_, "etc/shadow"), host_path);

  // Relative links cannot climb out either.
  Symlink("etc/escape", "../../../../../host-secret");
  EXPECT_EQ(Read("etc/escape").status().message(), "etc/escape: No such file or directory");
  Write("host-secret", "inside root\n");
  EXPECT_EQ(*Read("etc/escape"), "inside root\n");
}

TEST_F(RootfsTest, SymlinkLoopsGiveELOOP) {
  Symlink("loop/a", "b");
  Symlink("loop/b", "a");
  absl::StatusOr<std::string> data = Read("loop/a");
  EXPECT_EQ(data.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(data.status().message(), "loop/a: Too many levels of symbolic links");
  Symlink("loop/self", "/loop/self");
  EXPECT_EQ(Read("loop/self").status().message(), "loop/self: Too many levels of symbolic links");
}

TEST_F(RootfsTest, FollowsExactlyFortySymlinks) {
  // chain/l0 -> l1 -> ... -> l<n-1> -> /etc/passwd is n links.
  const auto make_chain = [&](const std::string& dir, int n) {
    for (int i = 0; i < n; ++i) {
      Symlink(dir + "/l" + std::to_string(i), i + 1 < n ? "l" + std::to_string(i + 1) : "/etc/passwd");
    }
  };
  make_chain("forty", 40);
  make_chain("forty-one", 41);
  EXPECT_EQ(*Read("forty/l0"), "root:x:0:0:root:/root:/bin/sh\n");
  EXPECT_EQ(Read("forty-one/l0").status().message(), "forty-one/l0: Too many levels of symbolic links");
  // The count is per resolution, across every component.
  Symlink("forty/dir", "/forty");
  EXPECT_EQ(Read("forty/dir/l0").status().message(), "forty/dir/l0: Too many levels of symbolic links");
}

TEST_F(RootfsTest, RefusesFifoWithoutBlocking) {
  Mkdir("etc");
  ASSERT_EQ(::mkfifo((root_ + "/etc/group").c_str(), 0644), 0);
  Symlink("etc/group-link", "/etc/group");
  const auto start = std::chrono::steady_clock::now();
  for (const char* path : {"etc/group", "etc/group-link"}) {
    absl::StatusOr<std::string> data = Read(path);
    EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(data.status().message(), std::string(path) + ": not a regular file");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(RootfsTest, RefusesCharacterDevice) {
  if (::geteuid() != 0) GTEST_SKIP() << "creating a device node needs root (CAP_MKNOD)";
  Mkdir("dev");
  if (::mknod((root_ + "/dev/zero").c_str(), S_IFCHR | 0666, makedev(1, 5)) != 0) {
    GTEST_SKIP() << "mknod of a character device failed (" << std::strerror(errno)
                 << "); the sandbox does not allow device nodes";
  }
  Symlink("etc/passwd-dev", "/dev/zero");
  absl::StatusOr<std::string> data = Read("etc/passwd-dev");
  EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(data.status().message(), "etc/passwd-dev: not a regular file");
}

TEST_F(RootfsTest, RefusesSocket) {
  Mkdir("run");
  const std::string path = root_ + "/run/sock";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  struct sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  ASSERT_LT(path.size(), sizeof(addr.sun_path));
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<struct sockaddr*>(&addr), sizeof(addr)), 0) << std::strerror(errno);
  absl::StatusOr<std::string> data = Read("run/sock");
  ::close(fd);
  EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(data.status().message(), "run/sock: not a regular file");
}

TEST_F(RootfsTest, RefusesDirectories) {
  EXPECT_EQ(Read("etc").status().message(), "etc: not a regular file");
  EXPECT_EQ(Read("/").status().message(), "/: not a regular file");
  EXPECT_EQ(Read(".").status().message(), ".: not a regular file");
  EXPECT_EQ(Read("etc").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(RootfsTest, CapsTheSize) {
  Write("etc/small", std::string(16, 'x'));
  Write("etc/big", std::string(17, 'x'));
  EXPECT_EQ(Read("etc/small", 16)->size(), 16u);
  absl::StatusOr<std::string> big = Read("etc/big", 16);
  EXPECT_EQ(big.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(big.status().message(), "\"etc/big\" exceeds 16 bytes");
  // The default cap, 10 MiB, on a sparse file one byte over it.
  Write("etc/group", "");
  ASSERT_EQ(::truncate((root_ + "/etc/group").c_str(), (10 << 20) + 1), 0);
  EXPECT_EQ(Read("etc/group").status().message(), "\"etc/group\" exceeds 10485760 bytes");
  ASSERT_EQ(::truncate((root_ + "/etc/group").c_str(), 10 << 20), 0);
  EXPECT_EQ(Read("etc/group")->size(), size_t{10} << 20);
}

TEST_F(RootfsTest, NonDirectoryInTheMiddleGivesENOTDIR) {
  absl::StatusOr<std::string> data = Read("etc/passwd/x");
  EXPECT_EQ(data.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(data.status().message(), "etc/passwd/x: Not a directory");
  EXPECT_EQ(Read("etc/passwd/..").status().message(), "etc/passwd/..: Not a directory");
}

TEST_F(RootfsTest, TrailingSlashRequiresADirectory) {
  EXPECT_EQ(Read("etc/passwd/").status().message(), "etc/passwd/: Not a directory");
  EXPECT_EQ(Read("etc/passwd/.").status().message(), "etc/passwd/.: Not a directory");
  Symlink("etc/slash", "passwd/");
  EXPECT_EQ(Read("etc/slash").status().message(), "etc/slash: Not a directory");
  Symlink("etc/dir-slash", "/etc/");
  EXPECT_EQ(*ResolveInRoot(root_, "etc/dir-slash"), "/etc");
  EXPECT_EQ(*ResolveInRoot(root_, "etc/"), "/etc");
  EXPECT_EQ(Read("etc/").status().message(), "etc/: not a regular file");
}

TEST_F(RootfsTest, MissingAndEmptyPathsAreNotFound) {
  absl::StatusOr<std::string> empty = Read("");
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(empty.status().message(), "empty path: No such file or directory");
  EXPECT_EQ(Read("etc/group").status().message(), "etc/group: No such file or directory");
  EXPECT_EQ(Read("nope/passwd").status().code(), absl::StatusCode::kNotFound);
  Symlink("etc/dangling", "/nix/store/none");
  EXPECT_EQ(Read("etc/dangling").status().message(), "etc/dangling: No such file or directory");
  EXPECT_EQ(ResolveInRoot(root_, "").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(RootfsTest, OverlongPathsGiveENAMETOOLONG) {
  EXPECT_EQ(Read(std::string(5000, 'a')).status().message(),
            std::string(5000, 'a') + ": File name too long");
}

TEST_F(RootfsTest, MissingRootfsIsNotMistakenForAMissingFile) {
  absl::StatusOr<std::string> data = ReadFileInRoot(base_ + "/nope", "etc/passwd");
  EXPECT_EQ(data.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(data.status().message(), "rootfs \"" + base_ + "/nope\": No such file or directory");
}

TEST_F(RootfsTest, LookPathFindsExecutableRegularFiles) {
  Write("usr/bin/sh", "#!\n", 0755);
  Write("usr/bin/notes", "text\n", 0644);
  Write("usr/local/bin/tool", "#!\n", 0700);
  Mkdir("usr/local/bin/sh");  // a directory named like the command is skipped
  Symlink("bin", "usr/bin");  // merged /usr
  Symlink("usr/local/bin/busybox-ls", "/usr/bin/sh");
  EXPECT_EQ(*LookPathInRoot(root_, "sh", "PATH=/usr/local/bin:/usr/bin"), "/usr/bin/sh");
  EXPECT_EQ(*LookPathInRoot(root_, "sh", "/bin:/usr/bin"), "/bin/sh");  // keeps the PATH spelling
  EXPECT_EQ(*LookPathInRoot(root_, "busybox-ls", "/usr/local/bin"), "/usr/local/bin/busybox-ls");
  EXPECT_EQ(*LookPathInRoot(root_, "tool", "/usr/bin:/usr/local/bin/"), "/usr/local/bin/tool");
  // Not executable, relative or empty entries, and missing directories.
  absl::StatusOr<std::string> notes = LookPathInRoot(root_, "notes", "PATH=:.:usr/bin:/nope:/usr/bin");
  EXPECT_EQ(notes.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(notes.status().message(), "executable file \"notes\" not found in $PATH inside the rootfs");
  EXPECT_EQ(LookPathInRoot(root_, "sh", "").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(LookPathInRoot(root_, "", "/usr/bin").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(LookPathInRoot(root_, "bin/sh", "/").status().message(),
            "command \"bin/sh\" contains a slash; only bare names are looked up in $PATH");
}

TEST_F(RootfsTest, LookPathStaysInside) {
  // A host executable reached through an escaping PATH entry is not found.
  WriteAt(base_ + "/hostbin/hosttool", "#!\n", 0755);
  Symlink("usr/escape", "../../../" + base_ + "/hostbin");
  EXPECT_EQ(LookPathInRoot(root_, "hosttool", "/usr/escape:" + base_ + "/hostbin").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ocikit
