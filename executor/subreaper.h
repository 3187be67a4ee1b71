// File: executor/subreaper.h
//
// ChildSubreaper makes the calling process a child subreaper
// (prctl PR_SET_CHILD_SUBREAPER) for its lifetime: orphaned descendants are
// re-parented to it instead of to init. `runc create` forks the container's
// init and exits, so without this the container process would not be
// ocikit's child and ocikit could neither waitpid for its exit status nor
// reap it.
//
// Example:
//   ChildSubreaper subreaper;  // until the end of the scope
//
// Dependencies: none
#ifndef OCIKIT_EXECUTOR_SUBREAPER_H_
#define OCIKIT_EXECUTOR_SUBREAPER_H_

#include <sys/prctl.h>

namespace ocikit::executor {

class ChildSubreaper {
 public:
  ChildSubreaper() {
    ::prctl(PR_GET_CHILD_SUBREAPER, &previous_, 0, 0, 0);
    ok_ = ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
  }
  ChildSubreaper(const ChildSubreaper&) = delete;
  ChildSubreaper& operator=(const ChildSubreaper&) = delete;
  ~ChildSubreaper() {
    if (ok_ && previous_ == 0) ::prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
  }
  bool ok() const { return ok_; }

 private:
  int previous_ = 0;
  bool ok_ = false;
};

}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_SUBREAPER_H_
