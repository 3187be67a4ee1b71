// File: executor/cli/lint_command.h
//
// `ocikit lint`: checks config.json files for conformance with runtime-spec
// v1.3.0, typos, seccomp problems, and optionally security profiles, custom
// policy files and the host. A thin layer over policy/lint/runner.h.
//
// Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O
// error (bad flag, bad policy file, a PATH that does not exist). Unreadable or
// non-JSON input is a finding (OCI000) of that file, not an I/O error.
//
// Dependencies: none
#ifndef OCIKIT_EXECUTOR_CLI_LINT_COMMAND_H_
#define OCIKIT_EXECUTOR_CLI_LINT_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "executor/cli/command.h"

namespace ocikit::cli {

inline constexpr int kLintExitFindings = 1;
inline constexpr int kLintExitUsage = 2;

inline constexpr char kLintUsage[] =
    "Usage: ocikit lint [FLAGS] PATH...\n"
    "\n"
    "Checks config.json files (OCI runtime-spec 1.3.0 and every released 1.x\n"
    "version they declare): conformance with the specification and its schema,\n"
    "unknown fields and typos, seccomp (libseccomp resolves and compiles the\n"
    "filter), and with flags security profiles, policy files and this host.\n"
    "PATH is a config.json, a bundle directory (adds bundle checks), a directory\n"
    "tree to search for config.json files, or - for standard input. A bundle\n"
    "directory's config is linted as a bundle's, to run as it is; the others as\n"
    "templates, whose command may come later (--bundle: every one as a bundle's).\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O\n"
    "error. Rules: ocikit lint --list-rules; ocikit lint --explain ID.\n"
    "\n"
    "Flags:\n";

// RunLintIn()
//
// `ocikit lint` with relative paths (PATHs, --policy, --host-root) taken from
// `base_dir` ("" = the working directory); names are shown as given.
int RunLintIn(const std::string& base_dir, const std::vector<std::string>& args, Streams io);

// RunLint()
//
// The `lint` command of the ocikit CLI.
int RunLint(const std::vector<std::string>& args, Streams io);

}  // namespace ocikit::cli

#endif  // OCIKIT_EXECUTOR_CLI_LINT_COMMAND_H_
