// File: executor/exit_code.h
//
// Exit codes as Podman's: 125 when ocikit itself fails (bad flag, bad input,
// runtime failure), 126 when the container's command cannot be invoked, 127
// when it is not found, otherwise the container process's own status, with
// 128+N when it was killed by signal N (SIGKILL gives 137).
//
// The runtime tells 126 from 127 only in its error message, so
// ExitCodeForRuntimeError classifies the messages runc and crun write:
//   runc: exec: "nope": executable file not found in $PATH           -> 127
//   runc: exec: "/nope": stat /nope: no such file or directory      -> 127
//   runc: exec: "/etc/passwd": permission denied                    -> 126
//   crun: executable file `nope` not found in $PATH: No such file.. -> 127
//   crun: open executable: Permission denied                        -> 126
//
// Example:
//   int code = ExitCodeFromWaitStatus(status);  // 3, or 137 for SIGKILL
//
// Dependencies: absl_strings
#ifndef OCIKIT_EXECUTOR_EXIT_CODE_H_
#define OCIKIT_EXECUTOR_EXIT_CODE_H_


#include "absl/strings/string_view.h"

namespace ocikit::executor {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitOcikitError = 125;      // ocikit or the runtime failed
inline constexpr int kExitCannotInvoke = 126;     // the command is not executable
inline constexpr int kExitCommandNotFound = 127;  // the command does not exist
inline constexpr int kExitSignalBase = 128;       // + N when killed by signal N

// The shell-style exit code of a waitpid(2) status.
int ExitCodeFromWaitStatus(int status);

// 127 or 126 when the runtime's error message says the container's command
// was not found or could not be executed; 125 for any other runtime error.
int ExitCodeForRuntimeError(absl::string_view message);

}  // namespace ocikit::executor

#ifndef OCIKIT_COMPILED_LIB
#include "executor/exit_code-inl.h"
#endif

#endif  // OCIKIT_EXECUTOR_EXIT_CODE_H_
