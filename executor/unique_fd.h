// File: executor/unique_fd.h
//
// UniqueFd owns a file descriptor and closes it when it goes out of scope, so
// every exit path of the executor releases what it opened.
//
// Example:
//   UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
//   if (!fd.valid()) return ErrnoStatus(errno, path);
//
// Dependencies: none
#ifndef OCIKIT_EXECUTOR_UNIQUE_FD_H_
#define OCIKIT_EXECUTOR_UNIQUE_FD_H_

#include "spec/internal/unique_fd.h"

namespace ocikit::executor {

using UniqueFd = ::ocikit::internal::UniqueFd;

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_UNIQUE_FD_H_
