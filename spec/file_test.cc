#include "spec/file.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace ocikit {
namespace {

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/filetest-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    DIR* d = ::opendir(dir_.c_str());
    while (dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(d);
    return names;
  }
  std::string dir_;
};

TEST_F(FileTest, WriteFileAtomicWritesContentWithMode) {
  for (const FileSync sync : {FileSync::kDurable, FileSync::kAtomic}) {
    const std::string path = dir_ + "/config.json";
    ASSERT_TRUE(WriteFileAtomic(path, "{}\n", 0600, sync).ok());
    absl::StatusOr<std::string> got = ReadRegularFile(path, 1024);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, "{}\n");
    struct stat st;
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u);
    EXPECT_EQ(Entries(), std::vector<std::string>{"config.json"});  // no temp file left
    ASSERT_EQ(::unlink(path.c_str()), 0);
  }
}

TEST_F(FileTest, WriteFileAtomicReplacesExistingFile) {
  for (const FileSync sync : {FileSync::kDurable, FileSync::kAtomic}) {
    const std::string path = dir_ + "/f";
    ASSERT_TRUE(WriteFileAtomic(path, "old", 0644, sync).ok());
    ASSERT_TRUE(WriteFileAtomic(path, "new", 0600, sync).ok());
    EXPECT_EQ(*ReadRegularFile(path, 1024), "new");
    EXPECT_EQ(Entries(), std::vector<std::string>{"f"});
  }
}

TEST_F(FileTest, WriteFileAtomicIntoMissingDirectoryFailsAndLeavesNothing) {
  absl::Status s = WriteFileAtomic(dir_ + "/missing/config.json", "{}", 0600);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(s.message().find("missing/config.json"), std::string::npos) << s;
  EXPECT_TRUE(Entries().empty());
}

TEST_F(FileTest, ReadRegularFileRefusesFifo) {
  const std::string fifo = dir_ + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  absl::StatusOr<std::string> got = ReadRegularFile(fifo, 1024);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("not a regular file"), std::string::npos);
}

TEST_F(FileTest, ReadRegularFileRefusesDirectoryAndOversizedFile) {
  EXPECT_EQ(ReadRegularFile(dir_, 1024).status().code(), absl::StatusCode::kInvalidArgument);
  const std::string big = dir_ + "/big";
  ASSERT_TRUE(WriteFileAtomic(big, std::string(2048, 'x'), 0600).ok());
  absl::StatusOr<std::string> got = ReadRegularFile(big, 1024);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("exceeds 1024 bytes"), std::string::npos);
}

TEST_F(FileTest, ReadInputFileReadsPipesAndStopsAtTheCap) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_EQ(::write(fds[1], "{}\n", 3), 3);
  ::close(fds[1]);
  absl::StatusOr<std::string> text = ReadInputFile("/dev/fd/" + std::to_string(fds[0]), 100);
  ::close(fds[0]);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "{}\n");
  // An endless input is read up to the cap, then refused.
  text = ReadInputFile("/dev/zero", 1 << 20);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().message(), "/dev/zero: input exceeds 1048576 bytes");
  EXPECT_EQ(ReadInputFile(dir_, 100).status().message(), dir_ + ": is a directory");
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/f", "12345", 0600).ok());
  EXPECT_EQ(ReadInputFile(dir_ + "/f", 4).status().message(), dir_ + "/f: input exceeds 4 bytes");
  EXPECT_EQ(*ReadInputFile(dir_ + "/f", 5), "12345");
}

TEST_F(FileTest, ReadInputStreamStopsAtTheCap) {
  std::istringstream small("abc");
  EXPECT_EQ(*ReadInputStream(small, 3, "<stdin>"), "abc");
  std::istringstream big(std::string(200000, 'x'));
  EXPECT_EQ(ReadInputStream(big, 100000, "<stdin>").status().message(), "<stdin>: input exceeds 100000 bytes");
}

TEST_F(FileTest, ReadRegularFileMissingIsNotFound) {
  absl::StatusOr<std::string> got = ReadRegularFile(dir_ + "/nope", 1024);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(got.status().message().find("/nope: No such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace ocikit
