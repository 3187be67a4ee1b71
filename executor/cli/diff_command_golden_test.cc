// Golden outputs of `ocikit diff` for the cases under testdata/diff (see
// testdata/diff/README.md): every case is run in every format (text, json,
// patch, stat) and each output must match its expected file byte for byte;
// status.out holds the exit codes and error messages. The patch output must
// also turn A into B exactly when nlohmann/json applies it.
//
// Update mode rewrites the expected files in the source tree (review the diff
// before committing; never edit them by hand):
//   bazel run //executor/cli:diff_command_golden_test -- --update
// or OCIKIT_UPDATE_GOLDEN=1 with `bazel run`.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "executor/cli/diff_command.h"
#include "executor/cli/golden.h"
#include "policy/diff/test_util.h"
#include "policy/diff/patch.h"
#include "spec/file.h"
#include "spec/pathutil.h"

namespace ocikit::cli {
namespace {

bool update_mode = false;

// Inputs are read from the runfiles, so paths in the outputs are the same
// under `bazel test` and `bazel run`.
constexpr char kCasesDir[] = "testdata/diff";

// Where expected files are written in update mode: the workspace itself.
std::string OutputDir() {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (update_mode && workspace != nullptr && *workspace != '\0') return std::string(workspace) + "/" + kCasesDir;
  return kCasesDir;
}

struct Format {
  const char* name;
  const char* file;
  std::vector<std::string> flags;
};

const std::vector<Format>& Formats() {
  static const std::vector<Format> kFormats = {
      {"text", "text.out", {"--no-color"}},
      {"json", "json.out", {"--format", "json"}},
      {"patch", "patch.out", {"--format", "patch"}},
      {"stat", "stat.out", {"--stat", "--no-color"}},
  };
  return kFormats;
}

// The case's arguments; those naming files in the case folder are made
// relative to the runfiles root.
std::vector<std::string> CaseArgs(const std::string& case_dir) {
  absl::StatusOr<std::vector<std::string>> args = ReadArgsFile(case_dir + "/args");
  EXPECT_TRUE(args.ok()) << args.status();
  if (!args.ok()) return {};
  for (std::string& arg : *args) {
    if (arg.empty() || arg[0] == '-') continue;
    const std::string path = CleanPath(absl::StrCat(case_dir, "/", arg));
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) arg = path;
  }
  return *args;
}

// Compares `got` with the expected file, or writes it in update mode.
void Expect(const std::string& path, const std::string& got) {
  absl::StatusOr<std::string> want = ReadRegularFile(path, 16 << 20);
  if (want.ok() && *want == got) return;
  if (update_mode) {
    absl::Status s = WriteFileAtomic(path, got, 0644);
    EXPECT_TRUE(s.ok()) << s;
    std::cout << "updated " << path << "\n";
    return;
  }
  ADD_FAILURE() << (want.ok() ? absl::StrCat(path, " differs (expected -, got +):\n", LineDiff(*want, got))
                              : absl::StrCat(want.status().message(), " (run the update mode)"));
}

class DiffGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DiffGoldenTest, EveryFormatMatches) {
  const std::string case_dir = absl::StrCat(kCasesDir, "/", GetParam());
  const std::string out_dir = absl::StrCat(OutputDir(), "/", GetParam());
  const std::vector<std::string> args = CaseArgs(case_dir);
  std::string status;
  for (const Format& format : Formats()) {
    std::vector<std::string> full = args;
    full.insert(full.begin(), format.flags.begin(), format.flags.end());
    std::istringstream in;
    std::ostringstream out, err;
    const int code = RunDiff(full, {in, out, err});
    absl::StrAppend(&status, format.name, ": exit ", code, "\n", err.str());
    Expect(absl::StrCat(out_dir, "/", format.file), out.str());
    if (std::string(format.name) != "patch" || code == kDiffTrouble) continue;
    // The patch turns A into B exactly (unless A holds numbers nlohmann
    // cannot keep, which `ocikit patch` refuses too).
    absl::StatusOr<DiffFlags> flags = ParseDiffArgs(args);
    ASSERT_TRUE(flags.ok()) << flags.status();
    absl::StatusOr<DiffInputs> inputs = LoadDiffInputs(*flags, in);
    ASSERT_TRUE(inputs.ok()) << inputs.status();
    if (ApplySpecPatch(inputs->a, "{}").status().code() == absl::StatusCode::kUnimplemented) continue;
    absl::StatusOr<std::string> patched = ocikit::testing::ApplyPatchWithNlohmann(inputs->a, out.str());
    ASSERT_TRUE(patched.ok()) << patched.status();
    EXPECT_EQ(*patched, Marshal(inputs->b));
  }
  Expect(absl::StrCat(out_dir, "/status.out"), status);
}

std::vector<std::string> Cases() {
  absl::StatusOr<std::vector<std::string>> cases = ListGoldenCases(kCasesDir);
  if (!cases.ok()) {
    std::cerr << "cannot list diff cases: " << cases.status() << "\n";
    std::exit(1);
  }
  return *cases;
}

INSTANTIATE_TEST_SUITE_P(Cases, DiffGoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(DiffGoldenSuite, HasCases) { EXPECT_GE(Cases().size(), 20u); }

}  // namespace
}  // namespace ocikit::cli

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const char* env = std::getenv("OCIKIT_UPDATE_GOLDEN");
  ocikit::cli::update_mode = env != nullptr && std::strcmp(env, "1") == 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--update") == 0) ocikit::cli::update_mode = true;
  }
  return RUN_ALL_TESTS();
}
