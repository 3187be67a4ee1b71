// File: policy/lint/versions-inl.h
//
// Definitions of policy/lint/versions.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_LINT_VERSIONS_INL_H_
#define OCIKIT_POLICY_LINT_VERSIONS_INL_H_

#include "policy/lint/versions.h"
#include "spec/internal/compile_mode.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "policy/lint/context.h"
#include "policy/lint/rules.h"
#include "policy/lint/types.h"
#include "policy/lint/walk.h"
#include "spec/config.h"
#include "spec/field_catalog.h"

namespace ocikit {

namespace internal {

OCIKIT_INLINE absl::flat_hash_map<absl::string_view, const FieldInfo*> FieldsNewerThan(const OciVersion& version) {
  // A handful of releases for some two hundred fields: each parsed once.
  std::vector<std::pair<absl::string_view, bool>> newer_releases;
  absl::flat_hash_map<absl::string_view, const FieldInfo*> out;
  for (const FieldInfo& f : kFieldCatalog) {
    auto it = absl::c_find_if(newer_releases, [&f](const auto& r) { return r.first == f.since; });
    if (it == newer_releases.end()) {
      const std::optional<OciVersion> since = ParseOciVersion(f.since);
      it = newer_releases.insert(it, {f.since, since && !version.AtLeast(*since)});
    }
    if (it->second) out.emplace(f.pattern, &f);
  }
  return out;
}

OCIKIT_INLINE OciVersion CheckOciVersion(const Spec& spec, LintSink& sink) {
  const OciVersion& current = CurrentOciVersion();
  const FieldPath path = FieldPath().Field("ociVersion");
  if (spec.oci_version.empty()) {
    sink.Report(rules::kOciVersionMissing, path,
                absl::StrCat("missing; expected a runtime-spec version such as \"", kOciVersion, "\""));
    return current;
  }
  const std::optional<OciVersion> v = ParseOciVersion(spec.oci_version);
  if (!v || v->major != 1) {
    sink.Report(rules::kOciVersionInvalid, path,
                absl::StrCat(LintQuote(spec.oci_version), " is not ",
                             v ? "a 1.x version" : "a SemVer 2.0.0 version",
                             "; expected a runtime-spec 1.x version such as \"", kOciVersion, "\""));
    return current;
  }
  if (!v->AtLeast(current) || v->Release() == current.Release()) {
    if (!LintContains(ReleasedOciVersions(), v->Release())) {
      sink.Report(rules::kOciVersionUnreleased, path,
                  absl::StrCat(LintQuote(spec.oci_version), " is not a released runtime-spec version; checked as ",
                               kOciVersion, "; expected one of ", LintOneOf(ReleasedOciVersions())));
      return current;
    }
    return *v;
  }
  sink.Report(rules::kOciVersionUnreleased, path,
              absl::StrCat(LintQuote(spec.oci_version), " is newer than runtime-spec ", kOciVersion,
                           ", the release ocikit knows; checked as ", kOciVersion));
  return current;
}

OCIKIT_INLINE OciVersion FieldsVersion(const OciVersion& declared) {
  if (!declared.Development()) return declared;
  for (const absl::string_view release : ReleasedOciVersions()) {
    const OciVersion r = *ParseOciVersion(release);
    if (!declared.AtLeast(r)) return r;
  }
  return declared;
}

OCIKIT_INLINE bool ReadByCurrentRuntimes(absl::string_view pattern) {
  // Checked against the parsers of Debian 12's runc 1.1.5 (json tags of its
  // vendored runtime-spec 1.0.2-dev) and crun 1.8.1 (its generated parser's
  // keys), the oldest runtimes of a maintained distribution.
  static const std::vector<absl::string_view> kFields = {
      "domainname",
      "linux.resources.memory.checkBeforeUpdate",
      "linux.resources.cpu.burst",
      "linux.resources.unified",
      "linux.seccomp.defaultErrnoRet",
      "linux.seccomp.listenerPath",
      "linux.seccomp.listenerMetadata",
      "linux.seccomp.syscalls[].errnoRet",
  };
  return LintContains(kFields, pattern);
}

OCIKIT_INLINE void ReportNewer(const LintContext& ctx, FieldPath path, absl::string_view what, absl::string_view since,
                               bool read_anyway) {
  if (read_anyway) {
    ctx.Report(rules::kFieldNewerThanVersion, std::move(path),
               absl::StrCat(what, " was added in runtime-spec ", since, ", after ociVersion ", LintQuote(ctx.spec.oci_version),
                            "; every current runtime reads it whatever ociVersion says, so this only dates the file; "
                            "expected ociVersion \"", since, "\" or later"),
               LintSeverity::kInfo);
    return;
  }
  ctx.Report(rules::kFieldNewerThanVersion, std::move(path),
             absl::StrCat(what, " was added in runtime-spec ", since, ", but ociVersion is ",
                          LintQuote(ctx.spec.oci_version), "; runtimes of that release ignore or reject it; expected "
                          "ociVersion \"", since, "\" or later"));
}

OCIKIT_INLINE void CheckNewerSeccompValues(const LintContext& ctx, const LinuxSeccomp& sc, const OciVersion& v) {
  const auto action_since = [](absl::string_view a) -> absl::string_view {
    return a == "SCMP_ACT_KILL_PROCESS" || a == "SCMP_ACT_KILL_THREAD" || a == "SCMP_ACT_NOTIFY" ? "1.1.0" : "";
  };
  const auto newer = [&](absl::string_view since) {
    return !since.empty() && !v.AtLeast(*ParseOciVersion(since));
  };
  const FieldPath seccomp = LinuxPath("seccomp");
  if (newer(action_since(sc.default_action))) {
    ReportNewer(ctx, seccomp.Field("defaultAction"), absl::StrCat("the action ", LintQuote(sc.default_action)), "1.1.0", true);
  }
  for (size_t i = 0; i < sc.syscalls.size(); ++i) {
    if (newer(action_since(sc.syscalls[i].action))) {
      ReportNewer(ctx, seccomp.Field("syscalls").Index(i).Field("action"),
                  absl::StrCat("the action ", LintQuote(sc.syscalls[i].action)), "1.1.0", true);
    }
  }
  for (size_t i = 0; i < sc.flags.size(); ++i) {
    if (sc.flags[i] == "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" && newer("1.1.0")) {
      ReportNewer(ctx, seccomp.Field("flags").Index(i), absl::StrCat("the flag ", LintQuote(sc.flags[i])), "1.1.0", false);
    }
  }
  for (size_t i = 0; i < sc.architectures.size(); ++i) {
    const std::string& a = sc.architectures[i];
    absl::string_view since;
    if (a == "SCMP_ARCH_RISCV64") since = "1.1.0";
    if (a == "SCMP_ARCH_LOONGARCH64" || a == "SCMP_ARCH_M68K" || a == "SCMP_ARCH_SH" || a == "SCMP_ARCH_SHEB") {
      since = "1.2.1";
    }
    if (newer(since)) {
      ReportNewer(ctx, seccomp.Field("architectures").Index(i), absl::StrCat("the architecture ", LintQuote(a)), since, false);
    }
  }
}

OCIKIT_INLINE void CheckNewerValues(const LintContext& ctx, const OciVersion& v) {
  const Spec& s = ctx.spec;
  if (!v.AtLeast(1, 2, 0)) {
    for (size_t i = 0; i < s.mounts.size(); ++i) {
      for (size_t k = 0; k < s.mounts[i].options.size(); ++k) {
        const std::string& o = s.mounts[i].options[k];
        if (o == "idmap" || o == "ridmap") {
          ReportNewer(ctx, FieldPath().Field("mounts").Index(i).Field("options").Index(k),
                      absl::StrCat("mount option ", LintQuote(o)), "1.2.0", false);
        }
      }
    }
    for (const auto& [key, value] : s.annotations) {
      if (absl::StartsWith(key, "org.opencontainers.image.")) {
        // Annotations are free-form to runtimes: none refuses or ignores one.
        ReportNewer(ctx, FieldPath().Field("annotations").Key(key),
                    absl::StrCat("the annotation ", LintQuote(key)), "1.2.0", true);
      }
    }
  }
  if (!s.linux_section || v.AtLeast(1, 2, 1)) return;
  const Linux& l = *s.linux_section;
  if (!v.AtLeast(1, 1, 0)) {
    for (size_t i = 0; i < l.namespaces.size(); ++i) {
      if (l.namespaces[i].type == kTimeNamespace) {
        ReportNewer(ctx, LinuxPath("namespaces").Index(i).Field("type"), "the namespace type \"time\"", "1.1.0", false);
      }
    }
  }
  if (!l.seccomp) return;
  CheckNewerSeccompValues(ctx, *l.seccomp, v);
}
}  // namespace internal

OCIKIT_INLINE void CheckVersionRules(const internal::LintContext& ctx) {
  const Spec& s = ctx.spec;
  if (ctx.On(rules::kDeprecatedField)) {
    if (s.hooks && !s.hooks->prestart.empty()) {
      ctx.Report(rules::kDeprecatedField, FieldPath().Field("hooks").Field("prestart"),
                 "prestart hooks are deprecated; expected createRuntime, createContainer or startContainer hooks");
    }
    if (s.linux_section && s.linux_section->resources && s.linux_section->resources->memory &&
        s.linux_section->resources->memory->kernel) {
      ctx.Report(rules::kDeprecatedField, internal::ResourcesPath("memory").Field("kernel"),
                 "the kernel memory limit is NOT RECOMMENDED and ignored by cgroup v2; expected it left unset");
    }
  }
  const OciVersion v = internal::FieldsVersion(ctx.version);
  if (!ctx.On(rules::kFieldNewerThanVersion) || v.AtLeast(CurrentOciVersion())) return;
  internal::CheckNewerValues(ctx, v);
  const absl::flat_hash_map<absl::string_view, const FieldInfo*> newer = internal::FieldsNewerThan(v);
  std::string pattern;
  internal::ForEachField(s, nullptr, [&](const auto&, const internal::LintPathNode* node) {
    pattern.clear();
    internal::AppendPattern(node, pattern);
    const auto it = newer.find(pattern);
    if (it == newer.end()) return true;
    internal::ReportNewer(ctx, internal::ToFieldPath(node), "the field", it->second->since,
                          internal::ReadByCurrentRuntimes(pattern));
    return false;  // its sub-fields are at least as new
  });
}
}  // namespace ocikit

#endif  // OCIKIT_POLICY_LINT_VERSIONS_INL_H_
