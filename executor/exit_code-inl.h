// File: executor/exit_code-inl.h
//
// Definitions of executor/exit_code.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_EXIT_CODE_INL_H_
#define OCIKIT_EXECUTOR_EXIT_CODE_INL_H_

#include "executor/exit_code.h"
#include "spec/internal/compile_mode.h"
#include <sys/wait.h>
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace ocikit::executor {

OCIKIT_INLINE int ExitCodeFromWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return kExitSignalBase + WTERMSIG(status);
  return kExitOcikitError;
}

OCIKIT_INLINE int ExitCodeForRuntimeError(absl::string_view message) {
  const std::string m = absl::AsciiStrToLower(message);
  const bool about_exec = absl::StrContains(m, "exec: \"") || absl::StrContains(m, "open executable") ||
                          absl::StrContains(m, "executable file");
  if (absl::StrContains(m, "not found in $path")) return kExitCommandNotFound;
  if (about_exec && absl::StrContains(m, "no such file or directory")) return kExitCommandNotFound;
  if (about_exec && (absl::StrContains(m, "permission denied") || absl::StrContains(m, "exec format error") ||
                     absl::StrContains(m, "is a directory"))) {
    return kExitCannotInvoke;
  }
  return kExitOcikitError;
}
}  // namespace ocikit::executor

#endif  // OCIKIT_EXECUTOR_EXIT_CODE_INL_H_
