// Property test of the semantic diff: for many generated pairs of specs, the
// patch DiffSpecs writes, applied by nlohmann/json (an independent RFC 6902
// implementation) to A's canonical JSON, gives B's canonical JSON byte for
// byte; equal specs give no changes and an empty patch; every change names a
// field of the catalog.
//
// Pairs come from random sequences of ocikit transforms (spec/opts,
// policy/seccomp_opts) applied to the default spec, as the flags of the golden
// cases use them, plus edits no transform makes: reordered lists, duplicate
// mounts, unknown fields at every level, hooks, edited seccomp rules. B is A
// changed further, or (one pair in five) built independently. The keyed-array
// rules are checked against the field catalog too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/diff/diff.h"
#include "policy/diff/format.h"
#include "policy/diff/test_util.h"
#include "policy/seccomp/opts.h"
#include "spec/codec.h"
#include "spec/default_spec.h"
#include "spec/field_catalog.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/devices.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/mounts.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/process.h"
#include "spec/opts/resources.h"
#include "spec/opts/rlimits.h"
#include "spec/opts/root.h"
#include "spec/opts/security.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/sysctls.h"
#include "spec/opts/user.h"
#include "spec/opts/userns.h"

namespace ocikit {
namespace {

using Rng = std::mt19937;

size_t Pick(Rng& rng, size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }

// A random JSON value in canonical compact form (what RawJson holds).
std::string RandomJson(Rng& rng, int depth) {
  switch (Pick(rng, depth > 0 ? 7 : 5)) {
    case 0:
      return "null";
    case 1:
      return Pick(rng, 2) ? "true" : "false";
    case 2:
      return absl::StrCat(static_cast<int64_t>(Pick(rng, 2000)) - 1000);
    case 3: {
      static const char* kStrings[] = {"", "a", "<&>", "caf\u00e9", "x/y~z", "line\nbreak", "\"q\""};
      std::string out;
      json::AppendQuoted(out, kStrings[Pick(rng, 7)]);
      return out;
    }
    case 4:
      return absl::StrCat(Pick(rng, 100000));
    case 5: {
      std::string out = "[";
      const size_t n = Pick(rng, 4);
      for (size_t i = 0; i < n; ++i) absl::StrAppend(&out, i ? "," : "", RandomJson(rng, depth - 1));
      return out + "]";
    }
    default: {
      std::string out = "{";
      const size_t n = Pick(rng, 4);
      for (size_t i = 0; i < n; ++i) absl::StrAppend(&out, i ? "," : "", "\"k", i, "\":", RandomJson(rng, depth - 1));
      return out + "}";
    }
  }
}

// Adds, changes, removes or reorders the unknown fields of `fields`.
void EditUnknown(Rng& rng, json::UnknownFields& fields) {
  switch (Pick(rng, 4)) {
    case 0: {
      const std::string key = absl::StrCat("x-", Pick(rng, 6));
      auto it = std::find_if(fields.begin(), fields.end(), [&](const json::UnknownField& f) { return f.key == key; });
      if (it == fields.end()) {
        fields.push_back({key, {RandomJson(rng, 3)}});
      } else {
        it->value.text = RandomJson(rng, 3);
      }
      break;
    }
    case 1:
      if (!fields.empty()) fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(Pick(rng, fields.size())));
      break;
    case 2:
      std::shuffle(fields.begin(), fields.end(), rng);
      break;
    default:
      if (!fields.empty()) fields[Pick(rng, fields.size())].value.text = RandomJson(rng, 3);
  }
}

// A SpecOpt from a function of the spec and the generator.
SpecOpt Edit(Rng& rng, std::function<void(Rng&, Spec&)> fn) {
  return SpecOpt("Edit", [&rng, fn = std::move(fn)](const SpecContext&, Spec& spec) {
    fn(rng, spec);
    return absl::OkStatus();
  });
}

Mount TmpfsMount(std::string destination, std::vector<std::string> options) {
  Mount m;
  m.destination = std::move(destination);
  m.type = "tmpfs";
  m.source = "tmpfs";
  m.options = std::move(options);
  return m;
}

// One random transform.
SpecOpt RandomOpt(Rng& rng) {
  SeccompProfileOptions seccomp;
  seccomp.arch = Pick(rng, 2) ? "amd64" : "arm64";
  seccomp.warn = [](absl::string_view) {};
  LinuxDevice fuse;
  fuse.path = "/dev/fuse";
  fuse.type = "c";
  fuse.major = 10;
  fuse.minor = 229;
  PosixRlimit nproc;
  nproc.type = "RLIMIT_NPROC";
  nproc.soft = 100 + Pick(rng, 3);
  nproc.hard = 200;
  LinuxIDMapping map;
  map.container_id = 0;
  map.host_id = 100000;
  map.size = 65536;
  switch (Pick(rng, 44)) {
    case 0: return WithHostname(absl::StrCat("host", Pick(rng, 3)));
    case 1: return WithDomainname("example.org");
    case 2: return WithEnv({absl::StrCat("A=", Pick(rng, 3))});
    case 3: return WithEnv({"B=2", absl::StrCat("C=", Pick(rng, 3))});
    case 4: return WithDefaultPathEnv();
    case 5: return WithProcessArgs({"sh", "-c", absl::StrCat("exit ", Pick(rng, 3))});
    case 6: return WithProcessCwd(Pick(rng, 2) ? "/srv" : "/");
    case 7: return WithTTY();
    case 8: return WithAddedCapabilities({Pick(rng, 2) ? "sys_admin" : "net_admin"});
    case 9: return WithDroppedCapabilities({Pick(rng, 2) ? "net_raw" : "chown"});
    case 10: return WithCapabilities({"chown", "kill"});
    case 11: return WithAllKnownCapabilities();
    case 12: return WithPathDefaults(Pick(rng, 2) ? PathDefaults::kMoby : PathDefaults::kPodman);
    case 13: return WithAddedMaskedPaths({"/proc/foo"});
    case 14: return WithoutMaskedPaths({"/proc/*"});
    case 15: return WithMounts({TmpfsMount(Pick(rng, 2) ? "/tmp" : "/run", {"nosuid", absl::StrCat("size=", Pick(rng, 3), "m")})});
    case 16: return WithoutMounts({Pick(rng, 2) ? "/run" : "/dev/mqueue"});
    case 17: return WithDevShmSize(1024 * (1 + Pick(rng, 3)));
    case 18: return WithHostNamespace(Pick(rng, 2) ? "network" : "pid");
    case 19: return WithLinuxNamespace("network", "/var/run/netns/blue");
    case 20: return WithRlimit(nproc);
    case 21: return WithoutRlimits();
    case 22: return WithNofilePreset();
    case 23: return WithMemoryLimit(static_cast<int64_t>(1 + Pick(rng, 3)) << 28);
    case 24: return WithCPUShares(512 + Pick(rng, 3));
    case 25: return WithPidsLimit(100 + static_cast<int64_t>(Pick(rng, 3)));
    case 26: return WithBlockIOWeightDevice(8, static_cast<int64_t>(Pick(rng, 2)), 100 + Pick(rng, 3));
    case 27: return WithHugepageLimit("2MB", 1 << (20 + Pick(rng, 3)));
    case 28: return WithUnified({{"memory.high", absl::StrCat(Pick(rng, 3), "G")}});
    case 29: return WithSysctl(absl::StrCat("net.ipv4.conf.all.", Pick(rng, 2) ? "forwarding" : "rp_filter"), "1");
    case 30: return WithAnnotations({{absl::StrCat("io.x/a~", Pick(rng, 3)), "v"}});
    case 31: return WithUIDGID(static_cast<uint32_t>(Pick(rng, 3)) * 1000, 1000);
    case 32: return WithUserNamespace({map}, {map});
    case 33: return WithRootFSReadonly();
    case 34: return Pick(rng, 2) ? WithNewPrivileges() : WithApparmorProfile("docker-default");
    case 35: return WithSeccompUnconfined();
    case 36: return Pick(rng, 2) ? WithDefaultSeccompProfile(seccomp) : WithContainerdSeccompProfile(seccomp);
    case 37: return WithDeviceCgroupRule(Pick(rng, 2) ? "c 1:3 rwm" : "b 8:* r");
    case 38: return WithLinuxDevices({fuse});
    case 39:
      return Edit(rng, [](Rng& r, Spec& s) {
        EnsureProcess(s).oom_score_adj = static_cast<int64_t>(Pick(r, 1000)) - 500;
      });
    // Edits no transform makes.
    case 40:
      return Edit(rng, [](Rng& r, Spec& s) {
        switch (Pick(r, 5)) {
          case 0: std::shuffle(s.mounts.begin(), s.mounts.end(), r); break;
          case 1: if (s.process) std::shuffle(s.process->env.begin(), s.process->env.end(), r); break;
          case 2: if (s.linux_section) std::shuffle(s.linux_section->namespaces.begin(), s.linux_section->namespaces.end(), r); break;
          case 3: if (s.process && s.process->capabilities) std::shuffle(s.process->capabilities->bounding.begin(), s.process->capabilities->bounding.end(), r); break;
          default: if (!s.mounts.empty()) s.mounts.push_back(s.mounts[Pick(r, s.mounts.size())]);
        }
      });
    case 41:
      return Edit(rng, [](Rng& r, Spec& s) {
        switch (Pick(r, 5)) {
          case 0: EditUnknown(r, s.unknown); break;
          case 1: EditUnknown(r, EnsureProcess(s).unknown); break;
          case 2: EditUnknown(r, EnsureLinux(s).unknown); break;
          case 3: if (!s.mounts.empty()) EditUnknown(r, s.mounts[Pick(r, s.mounts.size())].unknown); break;
          default: if (Pick(r, 2)) { s.vm = json::RawJson{absl::StrCat("{\"hypervisor\":", RandomJson(r, 3), "}")}; } else { s.vm.reset(); }
        }
      });
    case 42:
      return Edit(rng, [](Rng& r, Spec& s) {
        Hooks& hooks = s.hooks ? *s.hooks : s.hooks.emplace();
        std::vector<Hook>& list = Pick(r, 2) ? hooks.create_runtime : hooks.poststop;
        switch (Pick(r, 3)) {
          case 0: {
            Hook h;
            h.path = absl::StrCat("/usr/bin/hook", Pick(r, 3));
            if (Pick(r, 2)) h.args = {"hook", absl::StrCat(Pick(r, 3))};
            list.insert(list.begin() + static_cast<std::ptrdiff_t>(Pick(r, list.size() + 1)), h);
            break;
          }
          case 1: std::shuffle(list.begin(), list.end(), r); break;
          default: if (!list.empty()) list.erase(list.begin() + static_cast<std::ptrdiff_t>(Pick(r, list.size())));
        }
      });
    default:
      return Edit(rng, [](Rng& r, Spec& s) {
        if (!s.linux_section || !s.linux_section->seccomp) return;
        std::vector<LinuxSyscall>& rules = s.linux_section->seccomp->syscalls;
        if (rules.empty()) return;
        LinuxSyscall& rule = rules[Pick(r, rules.size())];
        switch (Pick(r, 5)) {
          case 0: std::shuffle(rules.begin(), rules.end(), r); break;
          case 1: if (rule.names) rule.names->push_back(absl::StrCat("fake_syscall", Pick(r, 3))); break;
          case 2: if (rule.names && !rule.names->empty()) rule.names->erase(rule.names->begin()); break;
          case 3: if (rule.names) std::shuffle(rule.names->begin(), rule.names->end(), r); break;
          default: rule.errno_ret = Pick(r, 2) ? std::optional<uint64_t>(1) : std::nullopt;
        }
      });
  }
}

Spec RandomSpec(Rng& rng, Spec base, size_t max_opts) {
  const size_t n = Pick(rng, max_opts + 1);
  for (size_t i = 0; i < n; ++i) {
    Spec next = base;
    if (ApplyOpts(SpecContext(), next, {RandomOpt(rng)}).ok()) base = std::move(next);
  }
  return base;
}

// Whether a change path lies in the field catalog (paths into unknown fields
// and the verbatim platform sections do not).
bool InCatalogOrRaw(const FieldPath& path) {
  for (const FieldPath::Segment& s : path.segments()) {
    if (s.kind == FieldPath::Kind::kField && (s.name.rfind("x-", 0) == 0 || s.name == "vm")) return true;
  }
  return FindField(path) != nullptr;
}

TEST(ListRules, EveryPatternIsAListOfTheModel) {
  for (const ListRule& rule : kListRules) {
    const FieldInfo* field = FindFieldByPattern(rule.pattern);
    ASSERT_NE(field, nullptr) << rule.pattern;
    EXPECT_TRUE(absl::StartsWith(field->kind, "array of")) << rule.pattern;
    EXPECT_EQ(FindListRule(rule.pattern), &rule) << "duplicate rule " << rule.pattern;
  }
}

TEST(DiffProperty, PatchTurnsAIntoBExactly) {
  constexpr int kPairs = 2000;
  // OCIKIT_DIFF_SEED=N runs another sequence of pairs.
  const char* seed = std::getenv("OCIKIT_DIFF_SEED");
  Rng rng(seed != nullptr ? static_cast<uint32_t>(std::strtoul(seed, nullptr, 10)) : 20240607u);
  size_t equal_pairs = 0, moves = 0, changes = 0, ops = 0;
  for (int round = 0; round < kPairs; ++round) {
    const Spec a = RandomSpec(rng, DefaultLinuxSpec(), 8);
    const Spec b = Pick(rng, 5) == 0 ? RandomSpec(rng, DefaultLinuxSpec(), 8) : RandomSpec(rng, a, 6);
    const SpecDiff d = DiffSpecs(a, b);
    const std::string patch = FormatJsonPatch(d.patch);
    absl::StatusOr<std::string> patched = testing::ApplyPatchWithNlohmann(a, patch);
    ASSERT_TRUE(patched.ok()) << "round " << round << ": " << patched.status() << "\n" << patch;
    ASSERT_EQ(*patched, Marshal(b)) << "round " << round << "\nA: " << Marshal(a) << "\nB: " << Marshal(b)
                                    << "\npatch: " << patch;
    ASSERT_TRUE(testing::SameJsonValue(*patched, Marshal(b)));
    if (Marshal(a) == Marshal(b)) {
      EXPECT_TRUE(d.equal()) << "round " << round;
      EXPECT_TRUE(d.patch.empty()) << "round " << round;
      ++equal_pairs;
    }
    EXPECT_TRUE(DiffSpecs(a, a).patch.empty());
    for (const Change& c : d.changes) {
      EXPECT_TRUE(InCatalogOrRaw(c.path)) << c.path;
      moves += c.kind == ChangeKind::kMoved ? 1 : 0;
    }
    changes += d.changes.size();
    ops += d.patch.size();
  }
  // The generator reaches the interesting cases.
  EXPECT_GT(equal_pairs, 50u);
  EXPECT_GT(moves, 50u);
  EXPECT_GT(changes, 10000u);
  std::cout << "pairs: " << kPairs << ", equal: " << equal_pairs << ", changes: " << changes << " (moves: " << moves
            << "), patch operations: " << ops << "\n";
}

}  // namespace
}  // namespace ocikit
