// The plain replay driver of every ocikit fuzz target: a main() that runs each
// file named on the command line (a directory is walked recursively, following
// symlinks to directories, in name order) through the target's LLVMFuzzerTestOneInput once. It links with any
// compiler and no sanitizer, so each target's seed corpus and regression
// inputs (testdata/fuzz/<target>/) run as a plain `bazel test`; a failed
// property aborts, which fails the test and names the input on stderr.
// Arguments that start with '-' (libFuzzer flags) are ignored; a corpus
// argument that holds no file fails, so that a corpus is never skipped unseen. Under
// --config=fuzz libFuzzer provides main() instead (ocikit.bzl).
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// A directory already walked, by device and inode: the loop guard of InputsAt.
using DirId = std::pair<dev_t, ino_t>;

// Appends the regular files at `path` (itself, or those below it) to `files`.
// Symlinks are followed, to directories too: bazel's runfiles make corpus
// directories (testdata/rootfs/<tree>) and their subdirectories symlinks. A
// directory reached twice (a symlink loop, two links to one tree) is walked
// once; a dangling symlink is no input.
void AddInputsAt(const std::string& path, std::set<DirId>& walked, std::vector<std::string>& files,
                 std::error_code& ec) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) ec.assign(errno, std::generic_category());
    return;
  }
  if (S_ISREG(st.st_mode)) files.push_back(path);
  if (!S_ISDIR(st.st_mode) || !walked.insert({st.st_dev, st.st_ino}).second) return;
  for (auto it = std::filesystem::directory_iterator(path, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    AddInputsAt(it->path().string(), walked, files, ec);
  }
}

// The regular files at `path`, in name order; an error if `path` is missing.
std::vector<std::string> InputsAt(const std::string& path, std::error_code& ec) {
  std::vector<std::string> files;
  std::set<DirId> walked;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    ec.assign(errno, std::generic_category());
    return files;
  }
  AddInputsAt(path, walked, files, ec);
  std::sort(files.begin(), files.end());
  return files;
}

bool ReadWhole(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  size_t runs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.empty() || arg[0] == '-') continue;
    std::error_code ec;
    const std::vector<std::string> files = InputsAt(arg, ec);
    if (ec) {
      std::fprintf(stderr, "replay: %s: %s\n", arg.c_str(), ec.message().c_str());
      return 1;
    }
    if (files.empty()) {
      std::fprintf(stderr, "replay: %s: no input files below it; expected a corpus file or directory\n",
                   arg.c_str());
      return 1;
    }
    for (const std::string& file : files) {
      std::string bytes;
      if (!ReadWhole(file, bytes)) {
        std::fprintf(stderr, "replay: %s: cannot read\n", file.c_str());
        return 1;
      }
      std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++runs;
    }
  }
  if (runs == 0) {
    std::fprintf(stderr, "replay: no input files; expected corpus files or directories as arguments\n");
    return 1;
  }
  std::fprintf(stderr, "replay: %zu inputs, no failure\n", runs);
  return 0;
}
