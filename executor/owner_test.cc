#include "executor/owner.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "executor/bundle.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spec/file.h"

namespace ocikit::executor {
namespace {

using ::testing::HasSubstr;

class OwnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ocikit-owner-test.XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    b_ = BundlePaths::For(dir_, "c");
    ASSERT_TRUE(CreateBundleDir(b_, dir_, "c").ok());
  }
  void TearDown() override { RemoveTree(dir_).IgnoreError(); }
  std::string dir_;
  BundlePaths b_;
};

TEST_F(OwnerTest, RecordRoundTrips) {
  ContainerRecord r;
  r.id = "c";
  r.command = {"sh", "-c", "echo \"x\""};
  r.created = absl::FromUnixMillis(1700000000123);
  r.status = std::string(kStatusExited);
  r.detached = true;
  r.owner_pid = 42;
  r.pid = 43;
  r.exit_code = 137;
  r.finished = absl::FromUnixMillis(1700000005000);
  r.stop_signal = SIGUSR1;
  r.stop_timeout = absl::Milliseconds(1500);
  r.remove = false;
  ASSERT_TRUE(WriteRecord(b_.status, r).ok());
  absl::StatusOr<ContainerRecord> back = ReadRecord(b_.status);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->id, "c");
  EXPECT_EQ(back->command, r.command);
  EXPECT_EQ(back->created, r.created);
  EXPECT_EQ(back->status, "exited");
  EXPECT_TRUE(back->detached);
  EXPECT_EQ(back->owner_pid, 42);
  EXPECT_EQ(back->pid, 43);
  EXPECT_EQ(back->exit_code, 137);
  EXPECT_EQ(back->finished, r.finished);
  EXPECT_EQ(back->stop_signal, SIGUSR1);
  EXPECT_EQ(back->stop_timeout, absl::Milliseconds(1500));
  EXPECT_FALSE(back->remove);
}

TEST_F(OwnerTest, ARunningRecordHasNoExitCode) {
  ContainerRecord r;
  r.id = "c";
  absl::StatusOr<ContainerRecord> back = ParseRecord(RecordToJson(r), "status.json");
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->exit_code.has_value());
  EXPECT_FALSE(back->finished.has_value());
}

TEST_F(OwnerTest, BadRecordsNameTheFileAndField) {
  EXPECT_EQ(ParseRecord("[]", "/x/status.json").status().message(), "/x/status.json: expected a JSON object");
  EXPECT_EQ(ParseRecord("{\"pid\": \"7\"}", "/x/status.json").status().message(),
            "/x/status.json: field \"pid\" has the wrong type");
  EXPECT_THAT(ParseRecord("{\"created\": \"yesterday\"}", "/x/status.json").status().message(),
              HasSubstr("field \"created\": expected an RFC 3339 time"));
  EXPECT_TRUE(absl::IsNotFound(ReadRecord(dir_ + "/none.json").status()));
}

TEST_F(OwnerTest, TheLockIsHeldWhileTheOwnerKeepsItOpen) {
  EXPECT_TRUE(absl::IsNotFound(TryLockOwner(b_.owner_lock, true).status()));
  absl::StatusOr<UniqueFd> lock = TakeOwnership(b_);
  ASSERT_TRUE(lock.ok()) << lock.status();
  EXPECT_FALSE(PathExists(b_.owner_lock + ".new"));
  EXPECT_TRUE(IsOwned(b_.owner_lock));
  absl::StatusOr<std::optional<UniqueFd>> other = TryLockOwner(b_.owner_lock, true);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  EXPECT_FALSE(WaitUntilUnowned(b_.owner_lock, absl::Milliseconds(50)));
  lock->Reset();  // the owner is gone
  EXPECT_FALSE(IsOwned(b_.owner_lock));
  EXPECT_TRUE(WaitUntilUnowned(b_.owner_lock, absl::ZeroDuration()));
  other = TryLockOwner(b_.owner_lock, true);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->has_value());
}

TEST_F(OwnerTest, AForkedCopyKeepsTheLock) {
  absl::StatusOr<UniqueFd> lock = TakeOwnership(b_);
  ASSERT_TRUE(lock.ok());
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(go[1]);
    char c;
    (void)!::read(go[0], &c, 1);
    ::_exit(0);
  }
  lock->Reset();  // the parent lets go; the child still holds the same lock
  EXPECT_TRUE(IsOwned(b_.owner_lock));
  ::close(go[1]);
  int status;
  ::waitpid(child, &status, 0);
  EXPECT_FALSE(IsOwned(b_.owner_lock));
}

TEST_F(OwnerTest, TheExitCodeIsKeptInTheLockFile) {
  absl::StatusOr<UniqueFd> lock = TakeOwnership(b_);
  ASSERT_TRUE(lock.ok());
  EXPECT_FALSE(ReadExitCodeFromLock(lock->get()).has_value());
  WriteExitCodeToLock(lock->get(), 143);
  EXPECT_EQ(ReadExitCodeFromLock(lock->get()), 143);
  WriteExitCodeToLock(lock->get(), 0);
  EXPECT_EQ(ReadExitCodeFromLock(lock->get()), 0);
}

}  // namespace
}  // namespace ocikit::executor
