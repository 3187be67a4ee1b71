// File: policy/diff/rules-inl.h
//
// Definitions of policy/diff/rules.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_POLICY_DIFF_RULES_INL_H_
#define OCIKIT_POLICY_DIFF_RULES_INL_H_

#include "policy/diff/rules.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "policy/diff/change.h"
#include "spec/config.h"
#include "spec/json/fields.h"

namespace ocikit {

OCIKIT_INLINE const ListRule* FindListRule(absl::string_view pattern) {
  for (const ListRule& r : kListRules) {
    if (r.pattern == pattern) return &r;
  }
  return nullptr;
}

namespace diff_internal {

OCIKIT_INLINE std::string DescribeDeviceRule(const LinuxDeviceCgroup& d) {
  const auto number = [](const std::optional<int64_t>& n) { return n ? absl::StrCat(*n) : std::string("*"); };
  return absl::StrCat(d.allow ? "allow " : "deny ", d.type.empty() ? "a" : d.type, " ", number(d.major), ":",
                      number(d.minor), d.access.empty() ? "" : " ", d.access);
}

OCIKIT_INLINE std::string DescribeSeccompRule(const LinuxSyscall& r) {
  std::string out;
  if (!r.names) {
    out = "(null)";
  } else if (r.names->empty()) {
    out = "(none)";
  } else {
    const size_t shown = std::min<size_t>(r.names->size(), 3);
    out = absl::StrJoin(r.names->begin(), r.names->begin() + static_cast<std::ptrdiff_t>(shown), ",");
    if (r.names->size() > shown) absl::StrAppend(&out, ",+", r.names->size() - shown);
  }
  absl::StrAppend(&out, "/", r.action);
  for (const LinuxSeccompArg& a : r.args) {
    absl::string_view op = a.op;
    absl::ConsumePrefix(&op, "SCMP_CMP_");
    absl::StrAppend(&out, "/", a.index, ":", op, ":", a.value);
    if (a.value_two != 0) absl::StrAppend(&out, ":", a.value_two);
  }
  return out;
}

OCIKIT_INLINE std::string SeccompSignature(const LinuxSyscall& r) {
  return absl::StrCat(r.action, "\n", ToCanonicalJson(r.args));
}
}  // namespace diff_internal
}  // namespace ocikit

#endif  // OCIKIT_POLICY_DIFF_RULES_INL_H_
