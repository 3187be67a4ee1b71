// File: spec/internal/unique_fd.h
//
// UniqueFd owns a file descriptor and closes it: the RAII handle the rootfs
// reader and the executor share.
//
// Dependencies: none
#ifndef OCIKIT_SPEC_INTERNAL_UNIQUE_FD_H_
#define OCIKIT_SPEC_INTERNAL_UNIQUE_FD_H_

#include <unistd.h>

#include <utility>

namespace ocikit::internal {

// Owns a file descriptor; closes it on destruction or Reset().
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { Reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Gives up ownership without closing.
  int Release() { return std::exchange(fd_, -1); }
  void Reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace ocikit::internal

#endif  // OCIKIT_SPEC_INTERNAL_UNIQUE_FD_H_
