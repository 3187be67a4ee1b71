// File: policy/lint/runner-inl.h
//
// Definitions of policy/lint/runner.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_RUNNER_INL_H_
#define OCIKIT_POLICY_LINT_RUNNER_INL_H_

#include "policy/lint/runner.h"
#include "spec/internal/compile_mode.h"
#include <dirent.h>
#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/lint.h"
#include "policy/lint/flags.h"
#include "policy/lint/output.h"
#include "policy/lint/sarif.h"
#include "policy/lint/types.h"
#include "spec/codec.h"
#include "spec/file.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE std::string JoinDisplay(absl::string_view dir, absl::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  return absl::StrCat(dir, absl::EndsWith(dir, "/") ? "" : "/", name);
}

OCIKIT_INLINE ConfigTreeWalker::ConfigTreeWalker(const std::string& root) { Enter(root, ""); }

OCIKIT_INLINE void ConfigTreeWalker::Enter(const std::string& dir, const std::string& relative) {
  absl::StatusOr<std::vector<std::string>> names = ReadDirNames(dir);
  if (names.ok()) stack_.push_back({dir, relative, *std::move(names), 0});
}

OCIKIT_INLINE bool ConfigTreeWalker::Next(std::string& relative) {
  while (!stack_.empty()) {
    Level& top = stack_.back();
    if (top.next == top.names.size()) {
      stack_.pop_back();
      continue;
    }
    const std::string& name = top.names[top.next++];
    const std::string full = absl::StrCat(top.dir, "/", name);
    std::string rel = top.relative.empty() ? name : absl::StrCat(top.relative, "/", name);
    struct stat st;
    if (::lstat(full.c_str(), &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      Enter(full, rel);  // invalidates `top`
    } else if (name == "config.json") {
      relative = std::move(rel);
      return true;
    }
  }
  return false;
}

OCIKIT_INLINE bool LintWorkList::Next(LintWork& work) {
  while (true) {
    if (tree_ != nullptr) {
      if (NextInTree(work)) return true;
      continue;
    }
    if (index_ == paths_.size()) return false;
    if (Start(paths_[index_++], work)) return true;
  }
}

// The next config of the tree being walked; at its end, the error of a tree
// without any (then true), or nothing (false).
OCIKIT_INLINE bool LintWorkList::NextInTree(LintWork& work) {
  std::string rel;
  if (tree_->Next(rel)) {
    tree_found_ = true;
    work = {LintWork::Kind::kConfigFile, JoinDisplay(tree_path_, rel), absl::StrCat(tree_root_, "/", rel), ""};
    return true;
  }
  tree_.reset();
  if (tree_found_) return false;
  work = {LintWork::Kind::kError, absl::StrCat(tree_path_, ": no config.json in this directory tree"), "", ""};
  return true;
}

// The work of one path, or false when it is a tree (walked by NextInTree).
OCIKIT_INLINE bool LintWorkList::Start(const std::string& path, LintWork& work) {
  using Kind = LintWork::Kind;
  if (path == "-") {
    work = {Kind::kText, "<stdin>", "<stdin>", ""};
    work.text = absl::FailedPreconditionError("no standard input");
    if (in_ != nullptr) work.text = ReadInputStream(*in_, kMaxSpecFileBytes, "<stdin>");
    return true;
  }
  const std::string resolved = ResolveLintPath(base_dir_, path);
  struct stat st;
  if (::stat(resolved.c_str(), &st) != 0) {
    work = {Kind::kError, absl::StrCat(path, ": ", std::strerror(errno)), "", ""};
    return true;
  }
  if (!S_ISDIR(st.st_mode)) {
    work = {Kind::kReadFile, path, resolved, ""};
    return true;
  }
  const std::string config = absl::StrCat(resolved, "/config.json");
  if (::stat(config.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    work = {Kind::kConfigFile, JoinDisplay(path, "config.json"), config, resolved};
    return true;
  }
  tree_ = std::make_unique<ConfigTreeWalker>(resolved);
  tree_path_ = path;
  tree_root_ = resolved;
  tree_found_ = false;
  return false;
}

// An input that cannot be read, or is over the size cap, is an I/O error of
// the run (exit 2), not a finding; its message names the input as the user
// did (`display`), not as it was opened.
OCIKIT_INLINE LintOutcome LintInput(const std::string& display, const std::string& opened, absl::StatusOr<std::string> text,
                                    const LintOptions& options) {
  if (text.ok()) return {{display, LintConfigText(*text, options)}, ""};
  absl::string_view message = text.status().message();
  absl::ConsumePrefix(&message, absl::StrCat(opened, ": "));
  return {{}, absl::StrCat(display, ": ", message)};
}

OCIKIT_INLINE LintOutcome RunLintWork(LintWork work, const LintOptions& options) {
  switch (work.kind) {
    case LintWork::Kind::kError:
      return {{}, std::move(work.display)};
    case LintWork::Kind::kText:
      return LintInput(work.display, work.path, std::move(work.text), options);
    case LintWork::Kind::kReadFile: {
      LintOptions file = options;
      file.config_path = work.path;
      return LintInput(work.display, work.path, ReadInputFile(work.path, kMaxSpecFileBytes), file);
    }
    case LintWork::Kind::kConfigFile:
      break;
  }
  if (work.bundle_dir.empty()) return {{std::move(work.display), LintConfigFile(work.path, options)}, ""};
  LintOptions bundle = options;
  bundle.bundle_dir = work.bundle_dir;
  return {{std::move(work.display), LintConfigFile(work.path, bundle)}, ""};
}

OCIKIT_INLINE void LintInOrder(LintWorkList& list, const LintOptions& options, const std::function<void(LintOutcome)>& emit) {
  LintWork work;
  while (list.Next(work)) emit(RunLintWork(std::move(work), options));
}

// The state the workers and the emitting thread share: the next input to
// take (`taken`), the next outcome to emit (`emitted`) and the outcomes done
// in between. A worker takes an input only while it is fewer than `window`
// ahead of `emitted`, so at most `window` outcomes wait.
struct LintPool {
  std::mutex mu;
  std::condition_variable room;  // a worker may take the next input
  std::condition_variable done;  // an outcome is ready, or the list is at its end
  size_t taken = 0;
  size_t emitted = 0;
  bool exhausted = false;
  std::map<size_t, LintOutcome> ready;
};

OCIKIT_INLINE void LintWorker(LintPool& pool, LintWorkList& list, const LintOptions& options, size_t window) {
  std::unique_lock<std::mutex> lock(pool.mu);
  while (true) {
    pool.room.wait(lock, [&] { return pool.exhausted || pool.taken < pool.emitted + window; });
    LintWork work;
    if (pool.exhausted || !list.Next(work)) {
      pool.exhausted = true;
      pool.done.notify_all();
      pool.room.notify_all();
      return;
    }
    const size_t seq = pool.taken++;
    lock.unlock();
    LintOutcome outcome = RunLintWork(std::move(work), options);
    lock.lock();
    pool.ready.emplace(seq, std::move(outcome));
    pool.done.notify_all();
  }
}

OCIKIT_INLINE void LintInParallel(LintWorkList& list, const LintOptions& options, int jobs, size_t window,
                                  const std::function<void(LintOutcome)>& emit) {
  LintPool pool;
  std::vector<std::jthread> workers;
  try {
    for (int i = 0; i < jobs; ++i) workers.emplace_back([&] { LintWorker(pool, list, options, window); });
  } catch (const std::system_error&) {
    // No more threads: the ones started do the work (with none, this thread).
  }
  if (workers.empty()) return LintInOrder(list, options, emit);
  std::unique_lock<std::mutex> lock(pool.mu);
  while (true) {
    pool.done.wait(lock, [&] { return pool.ready.contains(pool.emitted) || (pool.exhausted && pool.emitted == pool.taken); });
    const auto it = pool.ready.find(pool.emitted);
    if (it == pool.ready.end()) return;  // every outcome emitted
    LintOutcome outcome = std::move(it->second);
    pool.ready.erase(it);
    ++pool.emitted;
    pool.room.notify_all();
    lock.unlock();
    emit(std::move(outcome));
    lock.lock();
  }
}

}  // namespace internal

OCIKIT_INLINE void StreamLintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
                                   std::istream* in, int jobs, const std::function<void(LintOutcome)>& emit) {
  internal::LintWorkList list(paths, base_dir, in);
  if (jobs > 1) {
    internal::LintInParallel(list, options, jobs, 4 * static_cast<size_t>(jobs), emit);
  } else {
    internal::LintInOrder(list, options, emit);
  }
}

OCIKIT_INLINE LintRun LintPaths(const std::vector<std::string>& paths, const LintOptions& options, const std::string& base_dir,
                                std::istream* in, int jobs) {
  LintRun run;
  StreamLintPaths(paths, options, base_dir, in, jobs, [&run](LintOutcome o) {
    if (o.error.empty()) {
      run.files.push_back(std::move(o.file));
    } else {
      run.errors.push_back(std::move(o.error));
    }
  });
  return run;
}

OCIKIT_INLINE LintOutputStream::LintOutputStream(absl::string_view format, const std::vector<const LintRule*>& rules,
                                                 std::ostream& out)
    : format_(format), rules_(rules), out_(out) {
  if (format_ == "json") out_ << json_.Begin();
}

OCIKIT_INLINE void LintOutputStream::Add(LintFileResult file) {
  if (format_ == "json") {
    out_ << json_.File(file);
  } else if (format_ == "sarif") {
    sarif_.push_back(std::move(file));
  } else {
    out_ << text_.File(file);
  }
}

OCIKIT_INLINE void LintOutputStream::Finish() {
  if (format_ == "json") {
    out_ << json_.End();
  } else if (format_ == "sarif") {
    out_ << FormatLintSarif(sarif_, rules_);
  } else {
    out_ << text_.End();
  }
}

OCIKIT_INLINE std::string FormatLintRun(const LintRun& run, absl::string_view format, const std::vector<const LintRule*>& rules) {
  std::ostringstream out;
  LintOutputStream stream(format, rules, out);
  for (const LintFileResult& f : run.files) stream.Add(f);
  stream.Finish();
  return out.str();
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_RUNNER_INL_H_
