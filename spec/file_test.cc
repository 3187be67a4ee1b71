#include "spec/file.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
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
  const std::string path = dir_ + "/config.json";
  ASSERT_TRUE(WriteFileAtomic(path, "{}\n", 0600).ok());
  absl::StatusOr<std::string> got = ReadRegularFile(path, 1024);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, "{}\n");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(Entries(), std::vector<std::string>{"config.json"});  // no temp file left
}

TEST_F(FileTest, WriteFileAtomicReplacesExistingFile) {
  const std::string path = dir_ + "/f";
  ASSERT_TRUE(WriteFileAtomic(path, "old", 0644).ok());
  ASSERT_TRUE(WriteFileAtomic(path, "new", 0600).ok());
  EXPECT_EQ(*ReadRegularFile(path, 1024), "new");
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

TEST_F(FileTest, ReadRegularFileMissingIsNotFound) {
  absl::StatusOr<std::string> got = ReadRegularFile(dir_ + "/nope", 1024);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(got.status().message().find("/nope: No such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace ocikit
