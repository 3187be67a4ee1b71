// Hostile inputs through the real `ocikit` binary (issue 15 §4): for each
// input file and each command that reads it, the exit code, the error text
// and the peak memory (getrusage of the child, ru_maxrss) are checked, and no
// run may hang (each is killed after 20 s, which fails the case).
//
// Config inputs: truncated JSON, 1e6-deep nesting, numbers out of range, a NUL
// byte, invalid UTF-8, a 200 MB file, /dev/zero (as a file and as the standard
// input of diff and of either side of patch), a FIFO whose writer never stops,
// a directory (a FIFO nobody writes blocks lint, diff and patch as it blocks
// cat: they read pipes, for process substitution). Rootfs inputs (`ocikit spec --rootfs R -u alice`): /etc/passwd
// as an absolute symlink to a host file, a ../ escape to it, a symlink loop, a
// FIFO, a device, a 100 MB file. The host file names a user alice with uid
// 4242: the lookup must never see it.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Under ASan the binary's memory grows by its shadow and quarantine: the
// bounds are for the plain build, and three times as large under ASan.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kRssFactor = 3;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long kRssFactor = 3;
#else
constexpr long kRssFactor = 1;
#endif
#else
constexpr long kRssFactor = 1;
#endif

struct Result {
  int code = -1;  // exit status; 1000 + N when killed by signal N
  std::string out;
  std::string err;
  long max_rss_kib = 0;
  bool hung = false;
};

std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

std::string ReadBack(const std::string& path) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
  return text.ok() ? *text : "";
}

// Runs the ocikit binary with `args`, stdin from `stdin_path`.
Result RunOcikit(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null") {
  const std::string out = TempDir() + "/out", err = TempDir() + "/err";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int in = ::open(stdin_path.c_str(), O_RDONLY);
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    std::vector<char*> argv;
    static std::string binary = "executor/cli/ocikit";
    argv.push_back(binary.data());
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  Result r;
  int status = 0;
  rusage usage{};
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (::wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (absl::Now() > deadline) {
      r.hung = true;
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
  r.max_rss_kib = usage.ru_maxrss;
  r.out = ReadBack(out);
  r.err = ReadBack(err);
  return r;
}

struct Case {
  std::string name;
  std::vector<std::string> args;
  int code;
  std::string error;  // a part of stderr
  long max_rss_mib;
  std::string stdin_path = "/dev/null";
};

Result ExpectCase(const Case& c) {
  const Result r = RunOcikit(c.args, c.stdin_path);
  EXPECT_FALSE(r.hung) << c.name << ": did not return within 20 s";
  EXPECT_EQ(r.code, c.code) << c.name << "\n" << r.err;
  EXPECT_THAT(r.out + r.err, HasSubstr(c.error)) << c.name;
  EXPECT_LT(r.max_rss_kib, c.max_rss_mib * 1024 * kRssFactor) << c.name << ": peak RSS " << r.max_rss_kib / 1024 << " MiB";
  // One line for docs/reliability.md (scripts/reliability_doc.py), without
  // the temporary directory.
  std::string said = r.err.empty() ? r.out : r.err;
  said = said.substr(0, said.find('\n'));
  for (size_t at; (at = said.find(TempDir() + "/")) != std::string::npos;) said.erase(at, TempDir().size() + 1);
  std::cerr << c.name << ": exit " << r.code << ", peak RSS " << r.max_rss_kib / 1024 << " MiB, " << said << "\n";
  return r;
}

std::string Write(const std::string& name, const std::string& text) {
  const std::string path = TempDir() + "/" + name;
  EXPECT_TRUE(WriteFileAtomic(path, text, 0644).ok());
  return path;
}

// A sparse file of `bytes` bytes (no disk used; reads give zeros).
std::string Sparse(const std::string& path, off_t bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::ftruncate(fd, bytes), 0);
  ::close(fd);
  return path;
}

std::string Fifo(const std::string& path) {
  ::unlink(path.c_str());
  EXPECT_EQ(::mkfifo(path.c_str(), 0644), 0);
  return path;
}

// A FIFO with a writer that never stops (killed by the destructor).
class EndlessFifo {
 public:
  explicit EndlessFifo(const std::string& path) : path_(Fifo(path)) {
    writer_ = ::fork();
    if (writer_ == 0) {
      const int fd = ::open(path_.c_str(), O_WRONLY);
      const std::string block(1 << 16, ' ');
      while (::write(fd, block.data(), block.size()) > 0) {
      }
      ::_exit(0);
    }
  }
  ~EndlessFifo() {
    ::kill(writer_, SIGKILL);
    ::waitpid(writer_, nullptr, 0);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  pid_t writer_ = -1;
};

TEST(HostileInput, ConfigFiles) {
  const std::string good = Write("good.json", "{\"ociVersion\":\"1.2.0\"}");
  struct Input {
    std::string name, path, error;
    int spec, lint, diff, patch;  // the exit codes of each command
    std::string patch_error = {};  // when the patch command says otherwise
  };
  // The patch command takes the input as the patch: a number nlohmann/json
  // would respell is refused before the patch is applied (policy/diff/patch.h).
  const std::vector<Input> inputs = {
      {"truncated JSON", Write("truncated.json", "{\"ociVersion\":\"1.2.0\",\"process\":{\"args\":[\"sh\""),
        "process.args[0]: expected ',' or ']' after array element, got end of input", 125, 1, 2, 2},
      {"1e6-deep nesting",
       Write("deep.json", "{\"x\":" + std::string(1000000, '[') + std::string(1000000, ']') + "}"),
       "nesting deeper than 1000 levels", 125, 1, 2, 2},
      {"number out of range",
       Write("numbers.json", "{\"ociVersion\":\"1.2.0\",\"process\":{\"cwd\":\"/\",\"rlimits\":[{\"type\":"
                             "\"RLIMIT_NOFILE\",\"hard\":18446744073709551616,\"soft\":1}]}}"),
       "process.rlimits[0].hard: expected an unsigned 64-bit integer, got ", 125, 1, 2, 2,
       "patch: the patch engine would write the number 18446744073709551616 as 1.8446744073709552e+19"},
      {"NUL byte", Write("nul.json", std::string("{\"ociVersion\":\"1.2.0\",\"hostname\":\"a\0b\"}", 38)),
       "hostname: control character in string; expected it escaped", 125, 1, 2, 2},
      {"invalid UTF-8", Write("utf8.json", "{\"ociVersion\":\"1.2.0\",\"hostname\":\"\xff\xfe\"}"),
       "hostname: invalid UTF-8 in string", 125, 1, 2, 2},
  };
  for (const Input& in : inputs) {
    const std::string file = in.path.substr(in.path.rfind('/') + 1);
    for (const Result& r : {ExpectCase({in.name + ": spec --from", {"spec", "--from", in.path}, in.spec, in.error, 64}),
                            ExpectCase({in.name + ": lint", {"lint", in.path}, in.lint, in.error, 64}),
                            ExpectCase({in.name + ": diff", {"diff", in.path, good}, in.diff, in.error, 64}),
                            ExpectCase({in.name + ": patch", {"patch", good, in.path}, in.patch,
                                        in.patch_error.empty() ? in.error : in.patch_error, 64})}) {
      EXPECT_THAT(r.out + r.err, HasSubstr(file)) << in.name << ": the file is not named";
    }
  }
}

TEST(HostileInput, SizeLimitsAndSpecialFiles) {
  // What is too large, or not a regular file, is named with what was
  // expected. --from takes regular files only; lint, diff and patch also
  // read pipes (process substitution), up to the same 16 MiB.
  const std::string good = Write("good.json", "{\"ociVersion\":\"1.2.0\"}");
  const std::string big = Sparse(TempDir() + "/big.json", 200 << 20);
  ExpectCase({"200 MB file: spec --from", {"spec", "--from", big}, 125, "big.json: file exceeds 16777216 bytes", 64});
  ExpectCase({"200 MB file: lint", {"lint", big}, 2, "big.json: input exceeds 16777216 bytes", 64});
  ExpectCase({"/dev/zero: spec --from", {"spec", "--from", "/dev/zero"}, 125, "/dev/zero: not a regular file", 64});
  ExpectCase({"/dev/zero: diff", {"diff", "/dev/zero", good}, 2, "/dev/zero: input exceeds 16777216 bytes", 64});
  // An endless standard input stops at the same cap, on either side.
  ExpectCase({"/dev/zero as stdin: diff - good", {"diff", "-", good}, 2, "<stdin>: input exceeds 16777216 bytes", 64,
              "/dev/zero"});
  ExpectCase({"/dev/zero as stdin: patch - P", {"patch", "-", good}, 2, "<stdin>: input exceeds 16777216 bytes", 64,
              "/dev/zero"});
  ExpectCase({"/dev/zero as stdin: patch F -", {"patch", good, "-"}, 2, "<stdin>: input exceeds 16777216 bytes", 64,
              "/dev/zero"});
  {
    const EndlessFifo fifo(TempDir() + "/fifo.json");
    ExpectCase({"FIFO: spec --from", {"spec", "--from", fifo.path()}, 125, "fifo.json: not a regular file", 64});
  }
  for (const std::string command : {"lint", "diff", "patch"}) {
    const EndlessFifo fifo(TempDir() + "/fifo.json");
    std::vector<std::string> args = {command, fifo.path()};
    if (command == "diff") args.push_back(good);
    if (command == "patch") args = {command, good, fifo.path()};
    ExpectCase({"FIFO with an endless writer: " + command, args, 2, "fifo.json: input exceeds 16777216 bytes", 64});
  }
  const std::string dir = TempDir() + "/dir.json";
  ::mkdir(dir.c_str(), 0755);
  ExpectCase({"directory: spec --from", {"spec", "--from", dir}, 125, "dir.json: not a regular file", 64});
  ExpectCase({"directory: lint", {"lint", dir}, 2, "dir.json: no config.json in this directory tree", 64});
  ExpectCase({"directory: diff", {"diff", dir, good}, 2, "dir.json: is a directory", 64});
}

TEST(HostileInput, RootfsPasswd) {
  const std::string host_passwd = Write("host-passwd", "alice:x:4242:4242::/home/alice:/bin/sh\n");
  struct Input {
    std::string name, error;
    std::function<void(const std::string& passwd)> make;
  };
  const std::vector<Input> inputs = {
      {"absolute symlink to a host file", "unable to find user \"alice\": etc/passwd: No such file or directory",
       [&](const std::string& p) { ::symlink(host_passwd.c_str(), p.c_str()); }},
      {"../ escape", "unable to find user \"alice\": etc/passwd: No such file or directory",
       [&](const std::string& p) { ::symlink(("../../../../../../../../.." + host_passwd).c_str(), p.c_str()); }},
      {"symlink loop", "etc/passwd: Too many levels of symbolic links", [](const std::string& p) { ::symlink("passwd", p.c_str()); }},
      {"FIFO", "etc/passwd: not a regular file", [](const std::string& p) { Fifo(p); }},
      {"device", "etc/passwd: not a regular file",
       [](const std::string& p) { ASSERT_EQ(::mknod(p.c_str(), S_IFCHR | 0644, makedev(1, 5)), 0) << std::strerror(errno); }},
      {"100 MB file", "\"etc/passwd\" exceeds 10485760 bytes", [](const std::string& p) { Sparse(p, 100 << 20); }},
  };
  int n = 0;
  for (const Input& in : inputs) {
    const std::string rootfs = TempDir() + "/rootfs" + std::to_string(n++);
    std::filesystem::create_directories(rootfs + "/etc");
    in.make(rootfs + "/etc/passwd");
    const Result r = ExpectCase({in.name, {"spec", "--rootfs", rootfs, "-u", "alice"}, 125, in.error, 64});
    EXPECT_THAT(r.out + r.err, Not(HasSubstr("4242"))) << in.name << ": read a host file";
  }
}

}  // namespace
}  // namespace ocikit
