// File: policy/lint/runner.h
//
// Linting the paths a user names, as `ocikit lint PATH...` does:
//   -              config.json text on standard input, shown as "<stdin>";
//   a file         that config.json; pipes and FIFOs too (`<(cmd)`);
//   a bundle       a directory holding config.json: the config plus the
//                  bundle checks (HOST250-HOST253, HOST201);
//   a tree         any other directory: every file named config.json below
//                  it, in sorted order, without bundle checks (symbolic links
//                  to directories are not followed).
// A path that does not exist or cannot be read, an input over the 16 MiB cap
// (standard input and pipes stop being read there), or a tree without a
// config.json is an I/O error for the caller to report (exit 2); linting goes
// on with the others.
// Names are shown as given, so output does not depend on where it runs.
//
// StreamLintPaths lints on several threads and hands results back in that
// same order while later files are still being linted, holding a bounded
// window of them (`ocikit lint -j N`); LintOutputStream writes them out as
// they come. Memory does not grow with the number of files.
//
// Example:
//   LintRun run = LintPaths({"bundle", "-"}, options, "", &std::cin);
//   std::cout << FormatLintRun(run, "text", LintCatalogue());
//
//   LintOutputStream out("text", LintCatalogue(), std::cout);
//   StreamLintPaths({"deploy/"}, options, "", nullptr, 2, [&](LintOutcome o) {
//     if (o.error.empty()) out.Add(std::move(o.file));
//   });
//   out.Finish();
//
// Dependencies: absl_hash absl_status absl_strings nlohmann_json re2 seccomp
#ifndef OCIKIT_POLICY_LINT_RUNNER_H_
#define OCIKIT_POLICY_LINT_RUNNER_H_

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/flags.h"
#include "policy/lint/output.h"
#include "policy/lint/sarif.h"
#include "policy/lint/types.h"
#include "spec/codec.h"

namespace ocikit {

// LintRun
//
// The results per config, and the paths that could not be linted at all.
struct LintRun {
  std::vector<LintFileResult> files;
  std::vector<std::string> errors;  // "missing.json: No such file or directory"

  bool Fails(LintSeverity threshold) const {
    for (const LintFileResult& f : files) {
      if (f.result.Fails(threshold)) return true;
    }
    return false;
  }
};

// LintOutcome
//
// What one input gave: its findings, or an I/O error of the run.
struct LintOutcome {
  LintFileResult file;  // when `error` is empty
  std::string error;    // "missing.json: No such file or directory"
};

// StreamLintPaths()
//
// Lints each path as LintPaths does, with `jobs` worker threads (1: on the
// calling thread, one file after another), and calls `emit` on the calling
// thread with each outcome in LintPaths' order, as soon as it and every
// earlier one are done. At most 4 × jobs outcomes are held at once; a tree is
// walked as it is linted. Everything LintConfigFile touches is safe to call
// from several threads at once (function-local constants, one libseccomp
// filter per call).
void StreamLintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
                     std::istream* in, int jobs, const std::function<void(LintOutcome)>& emit);

// LintPaths()
//
// Lints each path (see the file comment), with `jobs` threads. Relative paths
// are taken from `base_dir` ("" = the working directory); `in` is read for
// "-". Holds every result: StreamLintPaths() does not.
LintRun LintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
                  std::istream* in, int jobs = 1);

// LintOutputStream
//
// Writes results to `out` in `format` (text, json or sarif) as they are
// added: text and JSON at once, SARIF at Finish() (its rule list, which comes
// first, names the rules of every result), keeping only the findings.
// Finish() writes the end (the summary); the bytes are FormatLintRun's.
// `rules` and `out` must outlive it.
class LintOutputStream {
 public:
  LintOutputStream(absl::string_view format, const std::vector<const LintRule*>& rules, std::ostream& out);
  void Add(LintFileResult file);
  void Finish();

 private:
  std::string format_;
  const std::vector<const LintRule*>& rules_;
  std::ostream& out_;
  LintTextWriter text_;
  LintJsonWriter json_;
  std::vector<LintFileResult> sarif_;
};

// FormatLintRun()
//
// The results in `format` (text, json or sarif); SARIF lists `rules`.
std::string FormatLintRun(const LintRun& run, absl::string_view format, const std::vector<const LintRule*>& rules);

// -----------------------------------------------------------------------------
// Implementation details follow.
// -----------------------------------------------------------------------------

namespace internal {

std::string JoinDisplay(absl::string_view dir, absl::string_view name);

// Files named config.json below a directory (relative names), in sorted
// order, one at a time: holds the names of the directories on the way down,
// not the whole tree. Symbolic links to directories are not followed.
class ConfigTreeWalker {
 public:
  explicit ConfigTreeWalker(const std::string& root);
  bool Next(std::string& relative);

 private:
  struct Level {
    std::string dir;
    std::string relative;
    std::vector<std::string> names;
    size_t next = 0;
  };
  void Enter(const std::string& dir, const std::string& relative);
  std::vector<Level> stack_;
};

// One input to lint, as the paths name it.
struct LintWork {
  enum class Kind { kError, kText, kReadFile, kConfigFile };
  Kind kind = Kind::kError;
  std::string display;     // the name to show; the message for kError
  std::string path;        // the file to read (kReadFile, kConfigFile), or what `text` was read from
  std::string bundle_dir;  // kConfigFile of a bundle directory
  absl::StatusOr<std::string> text = std::string();  // kText (standard input)
};

// The inputs of the paths, in order: a tree is listed as it is walked and
// standard input is read when it comes.
class LintWorkList {
 public:
  LintWorkList(const std::vector<std::string>& paths, const std::string& base_dir, std::istream* in)
      : paths_(paths), base_dir_(base_dir), in_(in) {}
  bool Next(LintWork& work);

 private:
  bool Start(const std::string& path, LintWork& work);
  bool NextInTree(LintWork& work);

  const std::vector<std::string>& paths_;
  const std::string& base_dir_;
  std::istream* in_;
  size_t index_ = 0;
  std::unique_ptr<ConfigTreeWalker> tree_;
  std::string tree_path_;
  std::string tree_root_;
  bool tree_found_ = false;
};

// Lints `text` (read from `opened`), or turns its read error into an I/O
// error named as the user named the input (`display`).
LintOutcome LintInput(const std::string& display, const std::string& opened, absl::StatusOr<std::string> text,
                      const LintOptions& options);

LintOutcome RunLintWork(LintWork work, const LintOptions& options);

// StreamLintPaths with one job: each input linted, then emitted, in turn.
void LintInOrder(LintWorkList& list, const LintOptions& options, const std::function<void(LintOutcome)>& emit);

// StreamLintPaths with jobs > 1: workers take inputs from `list` while they
// are fewer than `window` ahead of the next outcome to emit.
void LintInParallel(LintWorkList& list, const LintOptions& options, int jobs, size_t window,
                    const std::function<void(LintOutcome)>& emit);

}  // namespace internal

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/lint/runner-inl.h"
#endif

#endif  // OCIKIT_POLICY_LINT_RUNNER_H_
