// Tests for spec/opts/resolvconf.h: the parser, the generator's rules and
// errors, golden files for host-file fixtures, and WithResolvConf against a
// temporary state directory.
//
// Golden cases read host files from testdata/dns and compare the generated
// text with testdata/dns/<case>.expected byte for byte. Update mode rewrites
// the expected files in the source tree (review the diff before committing):
//   bazel run //spec/opts:resolvconf_test -- --update
// or OCIKIT_UPDATE_GOLDEN=1 with `bazel run`.
#include "spec/opts/resolvconf.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "spec/codec.h"
#include "spec/file.h"
#include "spec/opts/namespaces.h"
#include "spec/testing/golden_mode.h"
#include "absl/strings/strip.h"
#include "spec/pathutil.h"

namespace ocikit {
namespace {

using Strings = std::vector<std::string>;

bool update_mode = false;

// ---------------------------------------------------------------------------
// ParseResolvConf
// ---------------------------------------------------------------------------

TEST(ParseResolvConf, FollowsBuildKitRules) {
  const ResolvConf c = ParseResolvConf(
      "# comment\n"
      "; comment\n"
      "   # indented comment\n"
      "\n"
      "nameserver 10.0.0.1\n"
      "nameserver dns.example\n"
      "nameserver\n"
      "nameserver 2001:DB8::0:1 trailing\n"
      "domain a.example\n"
      "search b.example c.example\n"
      "search\n"
      "options ndots:2\n"
      "options rotate timeout:1\n"
      "sortlist 10.0.0.0/255.0.0.0\n"
      "lookup file bind\r\n"
      "nameserver fe80::1%eth0");
  EXPECT_EQ(c.nameservers, (Strings{"10.0.0.1", "2001:db8::1", "fe80::1%eth0"}));
  EXPECT_EQ(c.invalid_nameservers, Strings{"dns.example"});
  EXPECT_EQ(c.search, (Strings{"b.example", "c.example"}));
  EXPECT_EQ(c.options, (Strings{"ndots:2", "rotate", "timeout:1"}));
  EXPECT_EQ(c.other, (Strings{"sortlist 10.0.0.0/255.0.0.0", "lookup file bind"}));
}

TEST(ParseResolvConf, DomainCountsAsSearchAndTheLastLineWins) {
  EXPECT_EQ(ParseResolvConf("search a b\ndomain c\n").search, Strings{"c"});
  EXPECT_EQ(ParseResolvConf("domain c\nsearch a b\n").search, (Strings{"a", "b"}));
  EXPECT_EQ(ParseResolvConf(""), ResolvConf());
}

TEST(IsSystemdResolvedStub, OnlyWhenTheStubIsTheOnlyNameserver) {
  EXPECT_TRUE(IsSystemdResolvedStub(ParseResolvConf("nameserver 127.0.0.53\nsearch lan\n")));
  EXPECT_FALSE(IsSystemdResolvedStub(ParseResolvConf("nameserver 127.0.0.53\nnameserver 10.0.0.1\n")));
  EXPECT_FALSE(IsSystemdResolvedStub(ParseResolvConf("nameserver 127.0.0.1\n")));
  EXPECT_FALSE(IsSystemdResolvedStub(ParseResolvConf("")));
}

TEST(CanonicalNameserver, AcceptsAddressesAndRejectsTheRest) {
  EXPECT_EQ(*CanonicalNameserver("8.8.8.8"), "8.8.8.8");
  EXPECT_EQ(*CanonicalNameserver("2001:4860:4860:0:0:0:0:8888"), "2001:4860:4860::8888");
  EXPECT_EQ(*CanonicalNameserver("FE80::1%eth0"), "fe80::1%eth0");
  EXPECT_EQ(*CanonicalNameserver("::ffff:10.0.0.1"), "::ffff:10.0.0.1");
  for (const char* bad : {"", "1.2.3", "010.0.0.1", "1.2.3.4%eth0", "fe80::1%", "fe80::1%a b", "dns.example",
                          "[::1]", " 8.8.8.8"}) {
    absl::StatusOr<std::string> ip = CanonicalNameserver(bad);
    ASSERT_FALSE(ip.ok()) << bad;
    EXPECT_EQ(ip.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(ip.status().message(),
              absl::StrCat("bad nameserver address \"", bad, "\"; expected an IPv4 or IPv6 address"));
  }
}

TEST(MergeResolvOptions, MergesByKeyInPlace) {
  EXPECT_EQ(MergeResolvOptions({"ndots:1", "timeout:1", "rotate"}, {"timeout:2", "ndots:5", "edns0"}),
            (Strings{"ndots:5", "timeout:2", "rotate", "edns0"}));
  // Duplicates within one list collapse to the last value (the one the
  // resolver uses), at the first position.
  EXPECT_EQ(MergeResolvOptions({"ndots:0", "rotate", "ndots:15", "rotate", "ndots:0"}, {}),
            (Strings{"ndots:0", "rotate"}));
  EXPECT_EQ(MergeResolvOptions({}, {"ndots:15", "ndots:0"}), Strings{"ndots:0"});
}

// ---------------------------------------------------------------------------
// GenerateResolvConf
// ---------------------------------------------------------------------------

constexpr absl::string_view kFallbackText =
    "nameserver 8.8.8.8\nnameserver 8.8.4.4\nnameserver 2001:4860:4860::8888\nnameserver 2001:4860:4860::8844\n";
constexpr absl::string_view kFallbackWarning =
    "no usable nameservers; using the fallback nameservers 8.8.8.8, 8.8.4.4, 2001:4860:4860::8888, "
    "2001:4860:4860::8844";

ResolvConfResult Generate(const ResolvConfInputs& in) {
  absl::StatusOr<ResolvConfResult> r = GenerateResolvConf(in);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : ResolvConfResult();
}

TEST(GenerateResolvConf, WritesNameserversSearchOptionsThenOtherLines) {
  ResolvConfInputs in;
  in.host_text = "lookup file bind\n# c\noptions rotate\nsearch a.example\nnameserver 10.0.0.1\nnameserver 10.0.0.2";
  const ResolvConfResult r = Generate(in);
  EXPECT_EQ(r.text, "nameserver 10.0.0.1\nnameserver 10.0.0.2\nsearch a.example\noptions rotate\nlookup file bind\n");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(GenerateResolvConf, SystemdStubUsesTheUpstreamFileUnlessHostNetworking) {
  ResolvConfInputs in;
  in.host_text = "nameserver 127.0.0.53\nsearch lan\noptions edns0\n";
  in.resolved_text = "nameserver 192.168.1.1\nsearch home\n";
  EXPECT_EQ(Generate(in).text, "nameserver 192.168.1.1\nsearch home\n");
  in.host_networking = true;
  EXPECT_EQ(Generate(in).text, "nameserver 127.0.0.53\nsearch lan\noptions edns0\n");
}

TEST(GenerateResolvConf, SystemdStubWithoutUpstreamFileFallsBackAndWarns) {
  ResolvConfInputs in;
  in.host_text = "nameserver 127.0.0.53\nsearch lan\n";
  const ResolvConfResult r = Generate(in);
  EXPECT_EQ(r.text, absl::StrCat(kFallbackText, "search lan\n"));
  EXPECT_EQ(r.warnings, (Strings{"the host's resolv.conf lists only the systemd-resolved stub 127.0.0.53 and "
                                 "/run/systemd/resolve/resolv.conf is missing",
                                 std::string(kFallbackWarning)}));
}

TEST(GenerateResolvConf, DropsLoopbackNameserversOnlyInAPrivateNetworkNamespace) {
  ResolvConfInputs in;
  in.host_text = "nameserver 127.0.0.1\nnameserver ::1\nnameserver 10.0.0.1\nnameserver ::ffff:127.0.0.2\n";
  EXPECT_EQ(Generate(in).text, "nameserver 10.0.0.1\n");
  in.host_networking = true;
  EXPECT_EQ(Generate(in).text,
            "nameserver 127.0.0.1\nnameserver ::1\nnameserver 10.0.0.1\nnameserver ::ffff:127.0.0.2\n");
}

TEST(GenerateResolvConf, FallsBackWhenNoNameserverRemains) {
  ResolvConfInputs in;
  in.host_text = "nameserver 127.0.0.1\n";
  ResolvConfResult r = Generate(in);
  EXPECT_EQ(r.text, kFallbackText);
  EXPECT_EQ(r.warnings, Strings{std::string(kFallbackWarning)});

  in.host_text = "";
  in.host_networking = true;  // host mode with no nameservers at all
  EXPECT_EQ(Generate(in).text, kFallbackText);

  in.fallback_nameservers = {"9.9.9.9", "2620:FE::FE"};
  r = Generate(in);
  EXPECT_EQ(r.text, "nameserver 9.9.9.9\nnameserver 2620:fe::fe\n");
  EXPECT_EQ(r.warnings, Strings{"no usable nameservers; using the fallback nameservers 9.9.9.9, 2620:fe::fe"});

  in.fallback_nameservers = {};
  r = Generate(in);
  EXPECT_EQ(r.text, "");
  EXPECT_EQ(r.warnings, Strings{"no usable nameservers and no fallback nameservers"});

  in.fallback_nameservers = {"dns.google"};
  EXPECT_EQ(GenerateResolvConf(in).status().message(),
            "fallback nameservers: bad nameserver address \"dns.google\"; expected an IPv4 or IPv6 address");
}

TEST(GenerateResolvConf, OverriddenNameserversReplaceTheHostsAndAreNotFiltered) {
  ResolvConfInputs in;
  in.host_text = "nameserver 10.0.0.1\nnameserver bogus\nsearch lan\n";
  in.nameservers = {"127.0.0.1", "2001:DB8::1"};
  const ResolvConfResult r = Generate(in);
  EXPECT_EQ(r.text, "nameserver 127.0.0.1\nnameserver 2001:db8::1\nsearch lan\n");
  EXPECT_TRUE(r.warnings.empty());  // the host's bad line does not matter

  in.nameservers = {"10.0.0.9", "x"};
  absl::StatusOr<ResolvConfResult> bad = GenerateResolvConf(in);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "bad nameserver address \"x\"; expected an IPv4 or IPv6 address");
}

TEST(GenerateResolvConf, WarnsAboutInvalidHostNameservers) {
  ResolvConfInputs in;
  in.host_text = "nameserver 10.0.0.1\nnameserver dns.example\n";
  const ResolvConfResult r = Generate(in);
  EXPECT_EQ(r.text, "nameserver 10.0.0.1\n");
  EXPECT_EQ(r.warnings, Strings{"ignored invalid nameserver \"dns.example\" in the host's resolv.conf"});
}

TEST(GenerateResolvConf, SearchOverrideReplacesAndDropsDots) {
  ResolvConfInputs in;
  in.host_text = "nameserver 10.0.0.1\nsearch lan\n";
  in.search = {"a.example", ".", "b.example"};
  EXPECT_EQ(Generate(in).text, "nameserver 10.0.0.1\nsearch a.example b.example\n");
  in.search = {"."};  // Docker's "no search domains"
  EXPECT_EQ(Generate(in).text, "nameserver 10.0.0.1\n");
  for (const char* bad : {"", "a b", "a\nnameserver 1.1.1.1"}) {
    in.search = {bad};
    EXPECT_EQ(GenerateResolvConf(in).status().message(),
              absl::StrCat("bad search domain \"", bad, "\"; expected a domain name without spaces"));
  }
}

TEST(GenerateResolvConf, OptionsMergeByKey) {
  ResolvConfInputs in;
  in.host_text = "nameserver 10.0.0.1\noptions rotate timeout:1 ndots:0\noptions ndots:0\n";
  in.options = {"timeout:2", "ndots:15", "rotate", "edns0"};
  EXPECT_EQ(Generate(in).text, "nameserver 10.0.0.1\noptions rotate timeout:2 ndots:15 edns0\n");
  in.ignore_host_options = true;
  EXPECT_EQ(Generate(in).text, "nameserver 10.0.0.1\noptions timeout:2 ndots:15 rotate edns0\n");
  in.options = {};
  EXPECT_EQ(Generate(in).text, "nameserver 10.0.0.1\n");
  for (const char* bad : {"", "ndots: 2", "a\tb"}) {
    in.options = {bad};
    EXPECT_EQ(GenerateResolvConf(in).status().message(),
              absl::StrCat("bad DNS option \"", bad,
                           "\"; expected an option such as ndots:2 or rotate, without spaces"));
  }
}

TEST(GenerateResolvConf, WarnsAboutLongSearchLists) {
  ResolvConfInputs in;
  in.host_text = "nameserver 10.0.0.1\n";
  in.search = {"a", "b", "c", "d", "e", "f"};
  EXPECT_TRUE(Generate(in).warnings.empty());
  in.search.push_back("g");
  EXPECT_EQ(Generate(in).warnings,
            Strings{"search list has 7 domains; glibc 2.25 and older and macOS use only the first 6"});
  in.search = {std::string(127, 'a'), std::string(128, 'b')};  // 256 with the space
  EXPECT_TRUE(Generate(in).warnings.empty());
  in.search[1].push_back('b');
  EXPECT_EQ(Generate(in).warnings,
            Strings{"search list is 257 characters long; glibc 2.25 and older, musl and macOS read at most 256"});
}

// ---------------------------------------------------------------------------
// Golden files
// ---------------------------------------------------------------------------

// Under `bazel run`, the workspace itself (so updates land in the source
// tree); under `bazel test`, the runfiles copy.
std::string DnsDir() { return testutil::WorkspacePath("testdata/dns"); }

struct GoldenCase {
  const char* name;      // expected output: testdata/dns/<name>.expected
  const char* host;      // host /etc/resolv.conf fixture; nullptr: missing
  const char* upstream;  // systemd-resolved upstream fixture; nullptr: missing
  bool host_networking;
  Strings nameservers;
  Strings search;
  Strings options;
};

const std::vector<GoldenCase>& GoldenCases() {
  static const std::vector<GoldenCase> kCases = {
      {"systemd-stub", "systemd-stub.conf", "systemd-upstream.conf", false, {}, {}, {}},
      {"systemd-stub.host", "systemd-stub.conf", "systemd-upstream.conf", true, {}, {}, {}},
      {"systemd-stub-no-upstream", "systemd-stub.conf", nullptr, false, {}, {}, {}},
      {"loopback-only", "loopback-only.conf", nullptr, false, {}, {}, {}},
      {"loopback-only.host", "loopback-only.conf", nullptr, true, {}, {}, {}},
      {"ipv6", "ipv6.conf", nullptr, false, {}, {}, {}},
      {"ipv6.host", "ipv6.conf", nullptr, true, {}, {}, {}},
      {"options-comments", "options-comments.conf", nullptr, false, {}, {}, {}},
      {"options-comments.overrides",
       "options-comments.conf",
       nullptr,
       false,
       {"127.0.0.1", "2001:DB8::1"},
       {"."},
       {"timeout:2", "ndots:5", "rotate", "edns0"}},
      {"domain-search", "domain-search.conf", nullptr, false, {}, {}, {}},
      {"domain-search.overrides", "domain-search.conf", nullptr, false, {}, {"x.example", ".", "y.example"}, {}},
      {"long-search", "long-search.conf", nullptr, false, {}, {}, {}},
      {"missing", nullptr, nullptr, false, {}, {}, {}},
      {"missing.host", nullptr, nullptr, true, {}, {}, {}},
  };
  return kCases;
}

// gtest prints the parameter of a failing case by its name.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

std::string ReadFixture(const char* name) {
  const std::string path = DnsDir() + "/" + name;
  absl::StatusOr<std::string> text = ReadRegularFile(path, 1 << 20);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

class ResolvConfGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(ResolvConfGolden, MatchesExpectedFile) {
  const GoldenCase& c = GetParam();
  ResolvConfInputs in;
  if (c.host != nullptr) in.host_text = ReadFixture(c.host);
  if (c.upstream != nullptr) in.resolved_text = ReadFixture(c.upstream);
  in.host_networking = c.host_networking;
  in.nameservers = c.nameservers;
  in.search = c.search;
  in.options = c.options;
  absl::StatusOr<ResolvConfResult> result = GenerateResolvConf(in);
  ASSERT_TRUE(result.ok()) << result.status();

  const std::string path = absl::StrCat(DnsDir(), "/", c.name, ".expected");
  absl::StatusOr<std::string> expected = ReadRegularFile(path, 1 << 20);
  if (update_mode) {
    if (!expected.ok() || *expected != result->text) {
      ASSERT_TRUE(WriteFileAtomic(path, result->text, 0644).ok()) << path;
      std::cout << "updated " << path << "\n";
    }
    return;
  }
  ASSERT_TRUE(expected.ok()) << expected.status()
                             << "\n(generate it with: bazel run //spec/opts:resolvconf_test -- --update)";
  EXPECT_EQ(result->text, *expected) << path;
}

INSTANTIATE_TEST_SUITE_P(Cases, ResolvConfGolden, ::testing::ValuesIn(GoldenCases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) {
                           std::string name = info.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

// Every expected file belongs to a case: a renamed case leaves no stale file.
TEST(ResolvConfGoldenSuite, EveryExpectedFileHasACase) {
  DIR* d = ::opendir(DnsDir().c_str());
  ASSERT_NE(d, nullptr) << DnsDir();
  Strings orphans;
  while (dirent* e = ::readdir(d)) {
    absl::string_view name = e->d_name;
    if (!absl::ConsumeSuffix(&name, ".expected")) continue;
    const auto& cases = GoldenCases();
    if (std::none_of(cases.begin(), cases.end(), [&](const GoldenCase& c) { return name == c.name; })) {
      orphans.emplace_back(e->d_name);
    }
  }
  ::closedir(d);
  EXPECT_TRUE(orphans.empty()) << absl::StrJoin(orphans, ", ");
}

// ---------------------------------------------------------------------------
// WithResolvConf
// ---------------------------------------------------------------------------

class WithResolvConfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/resolvconf-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = CleanPath(tmpl);
    ASSERT_EQ(::mkdir((root_ + "/state").c_str(), 0755), 0);
    ctx_.state_dir = root_ + "/state";
    ctx_.host_resolv_conf = root_ + "/host-resolv.conf";
    spec_ = DefaultLinuxSpec();
  }

  void WriteHost(absl::string_view name, absl::string_view text) {
    ASSERT_TRUE(WriteFileAtomic(root_ + "/" + std::string(name), text, 0644).ok());
  }

  Strings StateEntries() const {
    Strings names;
    DIR* d = ::opendir(ctx_.state_dir.c_str());
    while (dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(d);
    return names;
  }

  std::string Generated() const { return *ReadRegularFile(ctx_.state_dir + "/resolv.conf", 1 << 20); }

  static Mount ResolvMount(const std::string& source) {
    Mount m;
    m.destination = "/etc/resolv.conf";
    m.type = "bind";
    m.source = source;
    m.options = {"nosuid", "noexec", "nodev", "rbind", "ro"};
    return m;
  }

  std::string root_;
  SpecContext ctx_;
  Spec spec_;
};

TEST_F(WithResolvConfTest, WritesTheFileAtomicallyWithMode0644AndAppendsTheMount) {
  WriteHost("host-resolv.conf", "nameserver 127.0.0.1\nnameserver 10.0.0.1\nsearch lan\n");
  const size_t mounts = spec_.mounts.size();
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf()}).ok());
  EXPECT_EQ(Generated(), "nameserver 10.0.0.1\nsearch lan\n");
  struct stat st;
  ASSERT_EQ(::stat((ctx_.state_dir + "/resolv.conf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(StateEntries(), Strings{"resolv.conf"});  // no temporary file left
  ASSERT_EQ(spec_.mounts.size(), mounts + 1);
  EXPECT_EQ(spec_.mounts.back(), ResolvMount(ctx_.state_dir + "/resolv.conf"));
  Spec only;
  only.mounts = {spec_.mounts.back()};
  EXPECT_EQ(Marshal(only),
            absl::StrCat(R"({"ociVersion":"","mounts":[{"destination":"/etc/resolv.conf","type":"bind","source":")",
                         ctx_.state_dir, R"(/resolv.conf","options":["nosuid","noexec","nodev","rbind","ro"]}]})"));
}

TEST_F(WithResolvConfTest, ReplacesAnExistingMountInPlaceAndDropsDuplicates) {
  WriteHost("host-resolv.conf", "nameserver 10.0.0.1\n");
  Mount old;
  old.destination = "/etc//resolv.conf";
  old.type = "bind";
  old.source = "/etc/resolv.conf";
  old.options = {"rbind", "ro"};
  spec_.mounts.insert(spec_.mounts.begin() + 1, old);
  spec_.mounts.push_back(old);
  const size_t mounts = spec_.mounts.size();
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf()}).ok());
  ASSERT_EQ(spec_.mounts.size(), mounts - 1);
  EXPECT_EQ(spec_.mounts[1], ResolvMount(ctx_.state_dir + "/resolv.conf"));
  // Again: still one mount, same place, file rewritten.
  WriteHost("host-resolv.conf", "nameserver 10.0.0.2\n");
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf()}).ok());
  ASSERT_EQ(spec_.mounts.size(), mounts - 1);
  EXPECT_EQ(spec_.mounts[1].destination, "/etc/resolv.conf");
  EXPECT_EQ(Generated(), "nameserver 10.0.0.2\n");
  EXPECT_EQ(StateEntries(), Strings{"resolv.conf"});
}

TEST_F(WithResolvConfTest, WithoutStateDirFailsAndLeavesTheSpecUnchanged) {
  WriteHost("host-resolv.conf", "nameserver 10.0.0.1\n");
  ctx_.state_dir = "";
  const Spec before = spec_;
  absl::Status s = ApplyOpts(ctx_, spec_, {WithResolvConf()});
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "WithResolvConf: a state directory is required to write resolv.conf");
  EXPECT_EQ(spec_, before);

  ctx_.state_dir = "state";
  s = ApplyOpts(ctx_, spec_, {WithResolvConf()});
  EXPECT_EQ(s.message(), "WithResolvConf: state directory \"state\" is not absolute; expected an absolute path");
  EXPECT_EQ(spec_, before);
}

TEST_F(WithResolvConfTest, FailuresWriteNothingAndLeaveTheSpecUnchanged) {
  WriteHost("host-resolv.conf", "nameserver 10.0.0.1\n");
  const Spec before = spec_;
  ResolvConfOptions opts;
  opts.nameservers = {"dns.example"};
  absl::Status s = ApplyOpts(ctx_, spec_, {WithResolvConf(opts)});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "WithResolvConf: bad nameserver address \"dns.example\"; expected an IPv4 or IPv6 address");
  EXPECT_EQ(spec_, before);
  EXPECT_TRUE(StateEntries().empty());

  ctx_.host_resolv_conf = root_;  // a directory: not a regular file
  s = ApplyOpts(ctx_, spec_, {WithResolvConf()});
  EXPECT_EQ(s.message(), absl::StrCat("WithResolvConf: ", root_, ": not a regular file"));
  EXPECT_EQ(spec_, before);

  ctx_.host_resolv_conf = root_ + "/host-resolv.conf";
  ctx_.state_dir = root_ + "/missing";
  s = ApplyOpts(ctx_, spec_, {WithResolvConf()});
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(spec_, before);
}

TEST_F(WithResolvConfTest, MissingHostFileIsEmpty) {
  std::vector<std::string> warnings;
  ResolvConfOptions opts;
  opts.warnings = &warnings;
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf(opts)}).ok());
  EXPECT_EQ(Generated(), kFallbackText);
  EXPECT_EQ(warnings, Strings{std::string(kFallbackWarning)});
}

TEST_F(WithResolvConfTest, HostNetworkingComesFromTheSpecsNamespaces) {
  WriteHost("host-resolv.conf", "nameserver 127.0.0.1\n");
  ASSERT_TRUE(HasNamespace(spec_, "network"));
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf()}).ok());
  EXPECT_EQ(Generated(), kFallbackText);
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostNamespace("network"), WithResolvConf()}).ok());
  EXPECT_EQ(Generated(), "nameserver 127.0.0.1\n");
}

TEST_F(WithResolvConfTest, ReadsTheSystemdUpstreamFileOnlyForTheStub) {
  WriteHost("host-resolv.conf", "nameserver 127.0.0.53\nsearch lan\n");
  WriteHost("upstream.conf", "nameserver 192.168.1.1\n");
  ResolvConfOptions opts;
  opts.systemd_resolved_conf = root_ + "/upstream.conf";
  opts.search = {"corp.example"};
  opts.options = {"ndots:1"};
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf(opts)}).ok());
  EXPECT_EQ(Generated(), "nameserver 192.168.1.1\nsearch corp.example\noptions ndots:1\n");

  // Not read (so not an error) when the host file is not the stub.
  WriteHost("host-resolv.conf", "nameserver 10.0.0.1\n");
  opts.systemd_resolved_conf = root_;  // a directory
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf(opts)}).ok());
  EXPECT_EQ(Generated(), "nameserver 10.0.0.1\nsearch corp.example\noptions ndots:1\n");
}

TEST_F(WithResolvConfTest, AppendsWarnings) {
  WriteHost("host-resolv.conf", "nameserver 10.0.0.1\nnameserver x\n");
  std::vector<std::string> warnings = {"earlier"};
  ResolvConfOptions opts;
  opts.search = {"a", "b", "c", "d", "e", "f", "g"};
  opts.warnings = &warnings;
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithResolvConf(opts)}).ok());
  EXPECT_EQ(warnings, (Strings{"earlier", "ignored invalid nameserver \"x\" in the host's resolv.conf",
                               "search list has 7 domains; glibc 2.25 and older and macOS use only the first 6"}));
}

}  // namespace
}  // namespace ocikit

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ocikit::update_mode = ocikit::testutil::UpdateModeRequested(argc, argv);
  return RUN_ALL_TESTS();
}
