// The plain replay driver of every ocikit fuzz target: a main() that runs each
// file named on the command line (a directory is walked recursively, in name
// order) through the target's LLVMFuzzerTestOneInput once. It links with any
// compiler and no sanitizer, so each target's seed corpus and regression
// inputs (testdata/fuzz/<target>/) run as a plain `bazel test`; a failed
// property aborts, which fails the test and names the input on stderr.
// Arguments that start with '-' (libFuzzer flags) are ignored. Under
// --config=fuzz libFuzzer provides main() instead (ocikit.bzl).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// The regular files at `path`: itself, or those below it, in name order.
std::vector<std::string> InputsAt(const std::string& path, std::error_code& ec) {
  std::vector<std::string> files;
  if (!std::filesystem::is_directory(path, ec)) {
    if (!ec) files.push_back(path);
    return files;
  }
  for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  }
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
