#include "policy/lint/patterns.h"

#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "re2/re2.h"

namespace ocikit::internal {
namespace {

struct Case {
  const char* pattern;
  std::function<bool(absl::string_view)> matches;
  std::vector<std::string> tokens;  // each class of the pattern, its edges, a stranger, its literals
  size_t max_tokens;                // every sequence of up to this many tokens is tried
  std::vector<std::string> long_ones;  // the bounds beyond max_length
};

// Every string of up to max_tokens tokens, then the long ones: the function
// and RE2::FullMatch must agree on each.
void ExpectSameAsRe2(const Case& c) {
  const RE2 re(c.pattern);
  ASSERT_TRUE(re.ok()) << re.error();
  size_t tried = 0, matched = 0;
  std::vector<std::string> level = {""};
  for (size_t length = 0; length <= c.max_tokens; ++length) {
    std::vector<std::string> next;
    for (const std::string& s : level) {
      const bool want = RE2::FullMatch(s, re);
      ASSERT_EQ(c.matches(s), want) << c.pattern << " on \"" << s << "\"";
      ++tried;
      matched += want;
      if (length == c.max_tokens) continue;
      for (const std::string& t : c.tokens) next.push_back(s + t);
    }
    level = std::move(next);
  }
  for (const std::string& s : c.long_ones) {
    EXPECT_EQ(c.matches(s), RE2::FullMatch(s, re)) << c.pattern << " on \"" << s << "\"";
  }
  EXPECT_GT(matched, 0u) << c.pattern;  // the alphabet reaches the pattern's matches
  EXPECT_LT(matched, tried) << c.pattern;
}

TEST(PatternsTest, RlimitTypeIsTheFullMatchOfItsPattern) {
  ExpectSameAsRe2({"RLIMIT_[A-Z]+", IsRlimitType, {"RLIMIT_", "RLIMIT", "A", "Z", "_", "a", "@", "["}, 4,
                   {"RLIMIT_NOFILE", "RLIMIT_NOFILe", "rlimit_NOFILE", "RLIMIT_NO_FILE"}});
}

TEST(PatternsTest, ReverseDomainKeyIsTheFullMatchOfItsPattern) {
  const std::string label63(63, 'a'), label64(64, 'a');
  ExpectSameAsRe2({R"([A-Za-z]{2,6}(\.[A-Za-z0-9-]{1,63})+)", IsReverseDomainKey,
                   {"a", "Z", "z", "0", "9", "-", ".", "_"}, 6,
                   {"abcdef.x", "abcdefg.x", "com." + label63, "com." + label64, "com.x." + label63 + ".y",
                    "com.x." + label64 + ".y", "io.kubernetes.cri-o.ContainerType", "com.example.", "c.om"}});
}

TEST(PatternsTest, ProcFdPathIsTheFullMatchOfItsPattern) {
  ExpectSameAsRe2({R"(/proc/(self|thread-self|[0-9]+)/fd(/.*)?)", IsProcFdPath,
                   {"/proc/", "self", "thread-self", "1", "x", "/", "fd", "\n"}, 5,
                   {"/proc/self/fd", "/proc/self/fd/", "/proc/self/fd/3", "/proc/thread-self/fd/1", "/proc/12/fd",
                    "/proc/12/fdx", "/proc/x/fd", "/proc//fd", "/proc/self/fd/a\nb", "/proc/self/fd/\n",
                    "/proc/selfie/fd", "/proc/1/2/fd", "/proc/self/fdinfo/3", "proc/self/fd"}});
}

TEST(PatternsTest, CpuListIsTheFullMatchOfItsPattern) {
  ExpectSameAsRe2({"[0-9, -]*", IsCpuList, {"0", "9", ",", " ", "-", "a", "\t"}, 4, {"0-3,7", "0-3, 7 - 9", "0-3;7"}});
}

TEST(PatternsTest, HugepageSizeIsTheFullMatchOfItsPattern) {
  ExpectSameAsRe2({"[1-9][0-9]*[KMG]B", IsHugepageSize, {"0", "1", "9", "K", "M", "G", "B", "b"}, 5, {"2MB", "1GB", "64KB", "02MB", "2TB", "2Mb"}});
}

}  // namespace
}  // namespace ocikit::internal
