#include "spec/opts/hosts.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "spec/codec.h"
#include "spec/file.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/process.h"
#include "spec/pathutil.h"

namespace ocikit {
namespace {

using Strings = std::vector<std::string>;

constexpr absl::string_view kLocalhostLines = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

TEST(ParseExtraHost, AcceptsDockersForms) {
  struct Case {
    const char* value;
    const char* name;
    const char* address;
  };
  for (const Case& c : {Case{"db:10.0.0.5", "db", "10.0.0.5"},
                        Case{"db:::1", "db", "::1"},
                        Case{"db:2001:db8::5", "db", "2001:db8::5"},
                        Case{"db=::1", "db", "::1"},
                        Case{"db=[2001:db8::5]", "db", "2001:db8::5"},
                        Case{"db:[::1]", "db", "::1"},
                        Case{"db:[10.0.0.5]", "db", "10.0.0.5"},
                        Case{"db:0:0:0:0:0:0:0:1", "db", "0:0:0:0:0:0:0:1"},  // kept as typed
                        Case{"my_db.local:10.0.0.5", "my_db.local", "10.0.0.5"},
                        Case{"host.docker.internal:host-gateway", "host.docker.internal", "host-gateway"},
                        Case{"gw=host-gateway", "gw", "host-gateway"}}) {
    absl::StatusOr<ExtraHost> host = ParseExtraHost(c.value);
    ASSERT_TRUE(host.ok()) << c.value << ": " << host.status();
    EXPECT_EQ(host->name, c.name) << c.value;
    EXPECT_EQ(host->address, c.address) << c.value;
  }
}

TEST(ParseExtraHost, RejectsBadValuesWithExactMessages) {
  struct Case {
    const char* value;
    const char* message;
  };
  for (const Case& c : {
           Case{"db", "bad format for add-host \"db\"; expected NAME:IP or NAME=IP"},
           Case{":10.0.0.5", "bad format for add-host \":10.0.0.5\"; expected NAME:IP or NAME=IP"},
           Case{"=10.0.0.5", "bad format for add-host \"=10.0.0.5\"; expected NAME:IP or NAME=IP"},
           Case{"db:", "invalid IP address \"\" in add-host \"db:\"; expected an IPv4 or IPv6 address or host-gateway"},
           Case{"db:300.0.0.1",
                "invalid IP address \"300.0.0.1\" in add-host \"db:300.0.0.1\"; expected an IPv4 or IPv6 address or "
                "host-gateway"},
           Case{"db:fe80::1%eth0",
                "invalid IP address \"fe80::1%eth0\" in add-host \"db:fe80::1%eth0\"; expected an IPv4 or IPv6 "
                "address or host-gateway"},
           Case{"db:[]", "invalid IP address \"[]\" in add-host \"db:[]\"; expected an IPv4 or IPv6 address or "
                         "host-gateway"},
           Case{"db:db.example",
                "invalid IP address \"db.example\" in add-host \"db:db.example\"; expected an IPv4 or IPv6 address or "
                "host-gateway"},
           Case{"a:b=10.0.0.5",
                "bad host name \"a:b\" in add-host \"a:b=10.0.0.5\"; expected a name without spaces, ':' or '#'"},
           Case{"my db:10.0.0.5",
                "bad host name \"my db\" in add-host \"my db:10.0.0.5\"; expected a name without spaces, ':' or '#'"},
           Case{"db#1=10.0.0.5",
                "bad host name \"db#1\" in add-host \"db#1=10.0.0.5\"; expected a name without spaces, ':' or '#'"},
       }) {
    absl::StatusOr<ExtraHost> host = ParseExtraHost(c.value);
    ASSERT_FALSE(host.ok()) << c.value;
    EXPECT_EQ(host.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(host.status().message(), c.message);
  }
}

TEST(IsValidHostname, FollowsRfc1123) {
  for (const std::string& good : {std::string("web"), std::string("web-1.example.com"), std::string("1abc"),
                                  std::string("A"), std::string(63, 'a'),
                                  std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') +
                                      "." + std::string(61, 'd')}) {
    EXPECT_TRUE(IsValidHostname(good)) << good;
  }
  for (const std::string& bad : {std::string(""), std::string("-web"), std::string("web-"), std::string("a..b"),
                                 std::string("web."), std::string(".web"), std::string("my_host"),
                                 std::string("web 1"), std::string(64, 'a'),
                                 std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') +
                                     "." + std::string(62, 'd')}) {
    EXPECT_FALSE(IsValidHostname(bad)) << bad;
  }
  EXPECT_EQ(CheckHostname("web_1").message(),
            "invalid hostname \"web_1\"; expected dot-separated labels of 1 to 63 letters, digits and hyphens, not "
            "starting or ending with a hyphen, 253 characters at most");
}

std::string Hosts(const HostsInputs& in) {
  absl::StatusOr<std::string> text = GenerateHosts(in);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

TEST(GenerateHosts, BuildKitTemplate) {
  HostsInputs in;
  EXPECT_EQ(Hosts(in), kLocalhostLines);
  in.hostname = "web";
  EXPECT_EQ(Hosts(in), "127.0.0.1\tlocalhost web\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  in.hostname = "localhost";  // not repeated
  EXPECT_EQ(Hosts(in), kLocalhostLines);
}

TEST(GenerateHosts, NoHostnameWithHostNetworkingOrWhenDisabled) {
  HostsInputs in;
  in.hostname = "web";
  in.host_networking = true;
  EXPECT_EQ(Hosts(in), kLocalhostLines);
  in.hostname = "not_valid";  // not written, so not checked
  EXPECT_EQ(Hosts(in), kLocalhostLines);
  in.host_networking = false;
  in.include_hostname = false;
  EXPECT_EQ(Hosts(in), kLocalhostLines);
}

TEST(GenerateHosts, InvalidHostnameIsAnError) {
  HostsInputs in;
  in.hostname = "web_1";
  absl::StatusOr<std::string> text = GenerateHosts(in);
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(), CheckHostname("web_1").message());
}

TEST(GenerateHosts, ExtraHostsInOrderWithHostGateway) {
  HostsInputs in;
  in.hostname = "web";
  in.extra_hosts = {"db:10.0.0.5", "db6=[2001:db8::5]", "host.docker.internal:host-gateway", "db:10.0.0.6"};
  in.gateway_address = "172.17.0.1";
  EXPECT_EQ(Hosts(in),
            "127.0.0.1\tlocalhost web\n"
            "::1\tlocalhost ip6-localhost ip6-loopback\n"
            "10.0.0.5\tdb\n"
            "2001:db8::5\tdb6\n"
            "172.17.0.1\thost.docker.internal\n"
            "10.0.0.6\tdb\n");
  in.host_networking = true;
  EXPECT_EQ(Hosts(in),
            "127.0.0.1\tlocalhost\n"
            "::1\tlocalhost ip6-localhost ip6-loopback\n"
            "10.0.0.5\tdb\n"
            "2001:db8::5\tdb6\n"
            "172.17.0.1\thost.docker.internal\n"
            "10.0.0.6\tdb\n");
}

TEST(GenerateHosts, HostGatewayNeedsAGateway) {
  HostsInputs in;
  in.extra_hosts = {"gw:host-gateway"};
  absl::StatusOr<std::string> text = GenerateHosts(in);
  EXPECT_EQ(text.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(text.status().message(), "\"host-gateway\" needs a gateway address");
  in.extra_hosts = {"db"};
  EXPECT_EQ(GenerateHosts(in).status().message(), "bad format for add-host \"db\"; expected NAME:IP or NAME=IP");
}

TEST(GenerateHosts, GatewayAlias) {
  HostsInputs in;
  in.gateway_address = "10.88.0.1";
  in.gateway_alias = "host.containers.internal";
  in.extra_hosts = {"db:10.0.0.5"};
  EXPECT_EQ(Hosts(in), absl::StrCat(kLocalhostLines, "10.0.0.5\tdb\n10.88.0.1\thost.containers.internal\n"));
  // The user's own entry for the alias wins; no second line.
  in.extra_hosts = {"Host.Containers.Internal:10.0.0.9"};
  EXPECT_EQ(Hosts(in), absl::StrCat(kLocalhostLines, "10.0.0.9\tHost.Containers.Internal\n"));

  in.extra_hosts = {};
  in.gateway_address = "";
  EXPECT_EQ(GenerateHosts(in).status().message(), "gateway alias \"host.containers.internal\" needs a gateway address");
  in.gateway_address = "10.88.0.1";
  in.gateway_alias = "host containers";
  EXPECT_EQ(GenerateHosts(in).status().message(),
            "invalid gateway alias \"host containers\"; expected a hostname such as host.containers.internal");
  in.gateway_alias = "";
  in.gateway_address = "gateway";
  EXPECT_EQ(GenerateHosts(in).status().message(),
            "invalid gateway address \"gateway\"; expected an IPv4 or IPv6 address");
}

// ---------------------------------------------------------------------------
// WithHostsFile / WithoutHostsFile
// ---------------------------------------------------------------------------

class WithHostsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "/hosts-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    ctx_.state_dir = CleanPath(tmpl);
    spec_ = DefaultLinuxSpec();
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

  std::string Generated() const { return *ReadRegularFile(ctx_.state_dir + "/hosts", 1 << 20); }

  Mount HostsMount() const {
    Mount m;
    m.destination = "/etc/hosts";
    m.type = "bind";
    m.source = ctx_.state_dir + "/hosts";
    m.options = {"nosuid", "noexec", "nodev", "rbind", "ro"};
    return m;
  }

  SpecContext ctx_;
  Spec spec_;
};

TEST_F(WithHostsFileTest, WritesTheFileAtomicallyWithMode0644AndAppendsTheMount) {
  HostsOptions opts;
  opts.hostname = "web";
  opts.extra_hosts = {"db:10.0.0.5"};
  const size_t mounts = spec_.mounts.size();
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostsFile(opts)}).ok());
  EXPECT_EQ(Generated(), "127.0.0.1\tlocalhost web\n::1\tlocalhost ip6-localhost ip6-loopback\n10.0.0.5\tdb\n");
  struct stat st;
  ASSERT_EQ(::stat((ctx_.state_dir + "/hosts").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(StateEntries(), Strings{"hosts"});  // no temporary file left
  ASSERT_EQ(spec_.mounts.size(), mounts + 1);
  EXPECT_EQ(spec_.mounts.back(), HostsMount());
}

TEST_F(WithHostsFileTest, HostnameComesFromTheSpecAndHostNetworkingFromItsNamespaces) {
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostname("box"), WithHostsFile()}).ok());
  EXPECT_EQ(Generated(), "127.0.0.1\tlocalhost box\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  HostsOptions opts;
  opts.hostname = "web";  // wins over the spec's
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostsFile(opts)}).ok());
  EXPECT_EQ(Generated(), "127.0.0.1\tlocalhost web\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  opts.host_file_on_host_network = false;  // the template, as before Podman's rule
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostNamespace("network"), WithHostsFile(opts)}).ok());
  EXPECT_EQ(Generated(), kLocalhostLines);
  EXPECT_EQ(StateEntries(), Strings{"hosts"});
}

TEST_F(WithHostsFileTest, HostNetworkingStartsFromTheHostsFileAndAddsTheHostname) {
  const std::string host = ::testing::TempDir() + "/host-hosts";
  ASSERT_TRUE(WriteFileAtomic(host, "127.0.0.1 localhost\n10.1.1.1\tgw gw.lan # router", 0644).ok());
  ctx_.host_hosts = host;
  HostsOptions opts;
  opts.hostname = "web";
  opts.extra_hosts = {"db:10.0.0.5"};
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostNamespace("network"), WithHostsFile(opts)}).ok());
  EXPECT_EQ(Generated(), "127.0.0.1 localhost\n10.1.1.1\tgw gw.lan # router\n127.0.0.1\tweb\n10.0.0.5\tdb\n");
  opts.hostname = "gw.lan";  // already named by the host's file: no second line
  opts.extra_hosts.clear();
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostsFile(opts)}).ok());
  EXPECT_EQ(Generated(), "127.0.0.1 localhost\n10.1.1.1\tgw gw.lan # router\n");
  ctx_.host_hosts = ::testing::TempDir() + "/no-such-hosts";  // missing: the template
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostsFile(opts)}).ok());
  EXPECT_EQ(Generated(), kLocalhostLines);
}

TEST(HostGatewayAddress, IsAnIPv4AddressOrNotFound) {
  absl::StatusOr<std::string> address = HostGatewayAddress();
  if (!address.ok()) {
    EXPECT_TRUE(absl::IsNotFound(address.status())) << address.status();
    return;
  }
  HostsInputs in;
  in.extra_hosts = {"gw:host-gateway"};
  in.gateway_address = *address;
  EXPECT_TRUE(GenerateHosts(in).ok()) << *address;
  EXPECT_NE(*address, "127.0.0.1");
}

TEST_F(WithHostsFileTest, ReplacesAnExistingMountInPlace) {
  Mount old;
  old.destination = "/etc/hosts/";
  old.type = "bind";
  old.source = "/etc/hosts";
  old.options = {"rbind", "ro"};
  spec_.mounts.insert(spec_.mounts.begin(), old);
  spec_.mounts.push_back(old);
  const size_t mounts = spec_.mounts.size();
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostsFile()}).ok());
  ASSERT_EQ(spec_.mounts.size(), mounts - 1);
  EXPECT_EQ(spec_.mounts.front(), HostsMount());
}

TEST_F(WithHostsFileTest, FailuresLeaveTheSpecUnchangedAndWriteNothing) {
  const Spec before = spec_;
  std::string state_dir = ctx_.state_dir;
  ctx_.state_dir = "";
  absl::Status s = ApplyOpts(ctx_, spec_, {WithHostsFile()});
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "WithHostsFile: a state directory is required to write hosts");
  EXPECT_EQ(spec_, before);

  ctx_.state_dir = state_dir;
  HostsOptions opts;
  opts.extra_hosts = {"gw:host-gateway"};
  s = ApplyOpts(ctx_, spec_, {WithHostsFile(opts)});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "WithHostsFile: \"host-gateway\" needs a gateway address");
  EXPECT_EQ(spec_, before);

  opts.extra_hosts = {};
  opts.hostname = "bad_name";
  s = ApplyOpts(ctx_, spec_, {WithHostsFile(opts)});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(spec_, before);
  EXPECT_TRUE(StateEntries().empty());
}

TEST_F(WithHostsFileTest, WithoutHostsFileRemovesEveryHostsMount) {
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithHostsFile()}).ok());
  Mount extra = HostsMount();
  extra.destination = "/etc/./hosts";
  spec_.mounts.push_back(extra);
  const Spec defaults = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithoutHostsFile()}).ok());
  EXPECT_EQ(spec_.mounts, defaults.mounts);
  // Nothing to remove: no change, no error.
  ASSERT_TRUE(ApplyOpts(ctx_, spec_, {WithoutHostsFile()}).ok());
  EXPECT_EQ(spec_.mounts, defaults.mounts);
}

}  // namespace
}  // namespace ocikit
