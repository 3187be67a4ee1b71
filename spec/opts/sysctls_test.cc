#include "spec/opts/sysctls.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

#include "spec/codec.h"
#include "spec/opts/namespaces.h"

namespace ocikit {
namespace {

using Sysctls = std::map<std::string, std::string>;

absl::Status Apply(Spec& spec, SpecOpt opt) { return ApplyOpts({}, spec, {std::move(opt)}); }

TEST(NormalizeSysctlKey, SwapsSeparatorsOfSlashForm) {
  const std::pair<const char*, const char*> cases[] = {
      {"net.ipv4.ip_forward", "net.ipv4.ip_forward"},
      {"net/ipv4/ip_forward", "net.ipv4.ip_forward"},
      {"net/ipv4/conf/eth0.100/rp_filter", "net.ipv4.conf.eth0/100.rp_filter"},
      {"net.ipv4.conf.eth0/100.rp_filter", "net.ipv4.conf.eth0/100.rp_filter"},
      {"kernel", "kernel"},
      {"", ""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(NormalizeSysctlKey(in), want) << in;
}

TEST(SysctlNamespace, MapsKeysToIsolatingNamespace) {
  const std::pair<const char*, const char*> cases[] = {
      {"kernel.msgmax", "ipc"},      {"kernel.msgmnb", "ipc"},         {"kernel.msgmni", "ipc"},
      {"kernel.sem", "ipc"},         {"kernel.shmall", "ipc"},         {"kernel.shmmax", "ipc"},
      {"kernel.shmmni", "ipc"},      {"kernel.shm_rmid_forced", "ipc"}, {"fs.mqueue.msg_max", "ipc"},
      {"net.ipv4.ip_forward", "network"}, {"net.core.somaxconn", "network"}, {"kernel.hostname", "uts"},
      {"kernel.domainname", "uts"},  {"kernel.shm_next_id", ""},       {"vm.max_map_count", ""},
      {"kernel.pid_max", ""},        {"fs.mqueue", ""},                {"netfilter.x", ""},
  };
  for (const auto& [key, ns] : cases) EXPECT_EQ(SysctlNamespace(key), ns) << key;
}

TEST(ValidateSysctlKey, RejectsMalformedKeys) {
  EXPECT_TRUE(ValidateSysctlKey("net.ipv4.conf.eth0/100.rp_filter").ok());
  for (const char* bad : {"", ".net", "net.", "net..x", "net.ipv4 x", "net=x", "net./.x", "net.a\tb"}) {
    EXPECT_EQ(ValidateSysctlKey(bad).message(),
              absl::StrCat("invalid sysctl key \"", bad, "\"; expected dot-separated names such as net.ipv4.ip_forward"));
  }
}

TEST(CheckSysctlAllowed, AllowsNamespacedSysctlsOfTheDefaultSpec) {
  const Spec spec = DefaultLinuxSpec();  // pid, ipc, uts, mount, network
  for (const char* ok : {"net.ipv4.ip_forward", "kernel.shmmax", "kernel.sem", "fs.mqueue.msg_max", "kernel.domainname"}) {
    EXPECT_TRUE(CheckSysctlAllowed(spec, ok).ok()) << ok;
  }
  absl::Status hostname = CheckSysctlAllowed(spec, "kernel.hostname");
  EXPECT_EQ(hostname.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(hostname.message(),
            "sysctl \"kernel.hostname\" conflicts with the spec's hostname field; set the hostname instead (WithHostname)");
  for (const char* host : {"vm.max_map_count", "kernel.pid_max", "kernel.shm_next_id"}) {
    absl::Status s = CheckSysctlAllowed(spec, host);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(), absl::StrCat("sysctl \"", host,
                                        "\" is not namespaced: setting it would change the host's kernel, so runtimes "
                                        "refuse it; set it on the host instead"));
  }
}

TEST(CheckSysctlAllowed, RefusesSysctlsOfHostNamespaces) {
  const std::pair<const char*, const char*> cases[] = {
      {"network", "net.ipv4.ip_forward"},
      {"ipc", "kernel.shmmax"},
      {"ipc", "fs.mqueue.queues_max"},
      {"uts", "kernel.domainname"},
  };
  for (const auto& [ns, key] : cases) {
    Spec spec = DefaultLinuxSpec();
    ASSERT_TRUE(Apply(spec, WithHostNamespace(ns)).ok());
    absl::Status s = CheckSysctlAllowed(spec, key);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << key;
    EXPECT_EQ(s.message(), absl::StrCat("sysctl \"", key, "\" needs a private ", ns, " namespace, but the spec shares the host's"));
  }
  Spec joined = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(joined, WithLinuxNamespace("network", "/var/run/netns/blue")).ok());
  EXPECT_TRUE(CheckSysctlAllowed(joined, "net.ipv4.ip_forward").ok());
}

TEST(WithSysctl, SetsOnDefaultSpec) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(spec, WithSysctl("net.ipv4.ip_forward", "1")).ok());
  EXPECT_EQ(spec.linux_section->sysctl, (Sysctls{{"net.ipv4.ip_forward", "1"}}));
  EXPECT_NE(Marshal(spec).find(R"("sysctl":{"net.ipv4.ip_forward":"1"})"), std::string::npos);
}

TEST(WithSysctl, UsesTheNamespacesPresentWhenItRuns) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithSysctl("net.core.somaxconn", "1024"), WithHostNamespace("network")}).ok());
  Spec later = DefaultLinuxSpec();
  EXPECT_EQ(ApplyOpts({}, later, {WithHostNamespace("network"), WithSysctl("net.core.somaxconn", "1024")}).message(),
            "WithSysctl: sysctl \"net.core.somaxconn\" needs a private network namespace, but the spec shares the host's");
}

TEST(WithSysctl, EmptySpecSharesEveryHostNamespace) {
  Spec spec;
  EXPECT_EQ(Apply(spec, WithSysctl("net.ipv4.ip_forward", "1")).message(),
            "WithSysctl: sysctl \"net.ipv4.ip_forward\" needs a private network namespace, but the spec shares the host's");
  EXPECT_EQ(spec, Spec());
  ASSERT_TRUE(ApplyOpts({}, spec, {WithLinuxNamespace("network"), WithSysctl("net/ipv4/ip_forward", "1")}).ok());
  EXPECT_EQ(Marshal(spec),
            R"({"ociVersion":"","linux":{"sysctl":{"net.ipv4.ip_forward":"1"},"namespaces":[{"type":"network"}]}})");
}

TEST(WithSysctl, ReplacesOtherSpellingsOfTheSameKey) {
  Spec spec = DefaultLinuxSpec();
  spec.linux_section->sysctl = {{"net/ipv4/ip_forward", "0"}, {"net.core.somaxconn", "1"}};
  ASSERT_TRUE(Apply(spec, WithSysctl("net.ipv4.ip_forward", "1")).ok());
  EXPECT_EQ(spec.linux_section->sysctl, (Sysctls{{"net.core.somaxconn", "1"}, {"net.ipv4.ip_forward", "1"}}));
  ASSERT_TRUE(Apply(spec, WithSysctl("net/core/somaxconn", "2")).ok());
  EXPECT_EQ(spec.linux_section->sysctl, (Sysctls{{"net.core.somaxconn", "2"}, {"net.ipv4.ip_forward", "1"}}));
}

TEST(WithSysctl, RejectsHostAndMalformedKeysAndChangesNothing) {
  const Spec before = DefaultLinuxSpec();
  const std::pair<SpecOpt, std::string> cases[] = {
      {WithSysctl("vm.max_map_count", "262144"),
       "WithSysctl: sysctl \"vm.max_map_count\" is not namespaced: setting it would change the host's kernel, so "
       "runtimes refuse it; set it on the host instead"},
      {WithSysctl("kernel/hostname", "x"),
       "WithSysctl: sysctl \"kernel.hostname\" conflicts with the spec's hostname field; set the hostname instead "
       "(WithHostname)"},
      {WithSysctl("net..x", "1"),
       "WithSysctl: invalid sysctl key \"net..x\"; expected dot-separated names such as net.ipv4.ip_forward"},
      {WithSysctls({{"net.ipv4.ip_forward", "1"}, {"vm.swappiness", "0"}}),
       "WithSysctls: sysctl \"vm.swappiness\" is not namespaced: setting it would change the host's kernel, so "
       "runtimes refuse it; set it on the host instead"},
      {WithUncheckedSysctls({{"vm.swappiness", "0"}, {"", "1"}}),
       "WithUncheckedSysctls: invalid sysctl key \"\"; expected dot-separated names such as net.ipv4.ip_forward"},
  };
  for (const auto& [opt, message] : cases) {
    Spec spec = before;
    EXPECT_EQ(Apply(spec, opt).message(), message);
    EXPECT_EQ(spec, before) << message;
  }
}

TEST(WithSysctls, SetsAllOnDefaultSpec) {
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(spec, WithSysctls({{"net/ipv4/ip_forward", "1"}, {"kernel.shmmax", "68719476736"},
                                       {"fs.mqueue.msg_max", "100"}}))
                  .ok());
  EXPECT_EQ(spec.linux_section->sysctl,
            (Sysctls{{"fs.mqueue.msg_max", "100"}, {"kernel.shmmax", "68719476736"}, {"net.ipv4.ip_forward", "1"}}));
}

TEST(WithUncheckedSysctls, SkipsNamespaceChecksAndCreatesSections) {
  Spec spec;
  ASSERT_TRUE(Apply(spec, WithUncheckedSysctls({{"vm/max_map_count", "262144"}})).ok());
  EXPECT_EQ(Marshal(spec), R"({"ociVersion":"","linux":{"sysctl":{"vm.max_map_count":"262144"}}})");
  Spec def = DefaultLinuxSpec();
  ASSERT_TRUE(Apply(def, WithUncheckedSysctls({{"kernel.pid_max", "4194304"}})).ok());
  EXPECT_EQ(def.linux_section->sysctl, (Sysctls{{"kernel.pid_max", "4194304"}}));
}

TEST(ParseSysctlFlag, SplitsAtTheFirstEquals) {
  const std::pair<const char*, std::pair<std::string, std::string>> cases[] = {
      {"net.ipv4.ip_forward=1", {"net.ipv4.ip_forward", "1"}},
      {"kernel.sem=250 32000 100 128", {"kernel.sem", "250 32000 100 128"}},
      {"a.b=c=d", {"a.b", "c=d"}},
      {"a.b=", {"a.b", ""}},
  };
  for (const auto& [flag, want] : cases) {
    absl::StatusOr<std::pair<std::string, std::string>> got = ParseSysctlFlag(flag);
    ASSERT_TRUE(got.ok()) << flag;
    EXPECT_EQ(*got, want);
  }
  for (const char* bad : {"net.ipv4.ip_forward", "=1", ""}) {
    EXPECT_EQ(ParseSysctlFlag(bad).status().message(),
              absl::StrCat("invalid sysctl \"", bad, "\"; expected KEY=VALUE such as net.ipv4.ip_forward=1"));
  }
}

// Replays the header's Example:.
TEST(Sysctls, HeaderExample) {
  absl::StatusOr<std::pair<std::string, std::string>> kv = ParseSysctlFlag("net.ipv4.ip_forward=1");
  ASSERT_TRUE(kv.ok());
  Spec spec = DefaultLinuxSpec();
  ASSERT_TRUE(ApplyOpts({}, spec, {WithSysctl(kv->first, kv->second)}).ok());
  EXPECT_EQ(spec.linux_section->sysctl.at("net.ipv4.ip_forward"), "1");
}

}  // namespace
}  // namespace ocikit
