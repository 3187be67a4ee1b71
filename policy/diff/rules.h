// File: policy/diff/rules.h
//
// How the semantic diff compares each list of config.json: the "keyed array"
// rules, looked up by the list's FieldPath::Pattern(). A list without a rule
// is compared by position (lists of objects, element by element) or whole
// (lists of strings and numbers, such as process.args and mount options),
// so a list added to the model later is diffed without a rule.
//
// A rule says what identifies an element (its key) and whether the order of
// the list means something (anchors-lint-and-diff.md §4.3):
//   ordered     mounts (by destination), hooks (by path),
//               linux.resources.devices (by the whole rule): a reordering
//               is reported as a move;
//   unordered   env (by variable name), rlimits and namespaces (by type),
//               devices (by path), id mappings (by containerID), blkio
//               devices (by major:minor), hugepage limits (by page size),
//               network priorities (by name), seccomp rules (by names,
//               action and args), and the sets: capabilities, masked and
//               read-only paths, additionalGids, seccomp names,
//               architectures and flags, scheduler/personality/memory
//               policy flags.
// Elements with equal keys are paired in order of appearance, so duplicate
// keys (two mounts on one destination) work; the second one is shown as
// `[destination=/x#2]`.
//
// Example:
//   const ListRule* r = FindListRule("mounts");  // key "destination", ordered
//   std::string storage;
//   MatchKey(*r, spec.mounts[0], storage);        // "/proc"
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_POLICY_DIFF_RULES_H_
#define OCIKIT_POLICY_DIFF_RULES_H_

#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/json/fields.h"

namespace ocikit {

// What identifies a list element.
enum class ListKey {
  kValue,        // the element itself: a set of strings or numbers
  kFields,       // the values of the rule's key fields, joined with ':'
  kEnvName,      // NAME of "NAME=value"
  kDeviceRule,   // a whole device cgroup rule ("allow c 1:3 rwm")
  kSeccompRule,  // a seccomp rule by (names as a set, action, args)
};

struct ListRule {
  absl::string_view pattern;   // FieldPath::Pattern() of the list
  ListKey key;
  bool ordered;                // a reordering is a change (reported as a move)
  absl::string_view selector;  // selector name in change paths; "" for sets
  absl::string_view field1;    // kFields: JSON names of the key fields
  absl::string_view field2;
};

inline constexpr ListRule kListRules[] = {
    {"mounts", ListKey::kFields, true, "destination", "destination", ""},
    {"mounts[].uidMappings", ListKey::kFields, false, "containerID", "containerID", ""},
    {"mounts[].gidMappings", ListKey::kFields, false, "containerID", "containerID", ""},
    {"hooks.prestart", ListKey::kFields, true, "path", "path", ""},
    {"hooks.createRuntime", ListKey::kFields, true, "path", "path", ""},
    {"hooks.createContainer", ListKey::kFields, true, "path", "path", ""},
    {"hooks.startContainer", ListKey::kFields, true, "path", "path", ""},
    {"hooks.poststart", ListKey::kFields, true, "path", "path", ""},
    {"hooks.poststop", ListKey::kFields, true, "path", "path", ""},
    {"process.user.additionalGids", ListKey::kValue, false, "", "", ""},
    {"process.env", ListKey::kEnvName, false, "name", "", ""},
    {"process.capabilities.bounding", ListKey::kValue, false, "", "", ""},
    {"process.capabilities.effective", ListKey::kValue, false, "", "", ""},
    {"process.capabilities.inheritable", ListKey::kValue, false, "", "", ""},
    {"process.capabilities.permitted", ListKey::kValue, false, "", "", ""},
    {"process.capabilities.ambient", ListKey::kValue, false, "", "", ""},
    {"process.rlimits", ListKey::kFields, false, "type", "type", ""},
    {"process.scheduler.flags", ListKey::kValue, false, "", "", ""},
    {"linux.uidMappings", ListKey::kFields, false, "containerID", "containerID", ""},
    {"linux.gidMappings", ListKey::kFields, false, "containerID", "containerID", ""},
    {"linux.resources.devices", ListKey::kDeviceRule, true, "rule", "", ""},
    {"linux.resources.blockIO.weightDevice", ListKey::kFields, false, "device", "major", "minor"},
    {"linux.resources.blockIO.throttleReadBpsDevice", ListKey::kFields, false, "device", "major", "minor"},
    {"linux.resources.blockIO.throttleWriteBpsDevice", ListKey::kFields, false, "device", "major", "minor"},
    {"linux.resources.blockIO.throttleReadIOPSDevice", ListKey::kFields, false, "device", "major", "minor"},
    {"linux.resources.blockIO.throttleWriteIOPSDevice", ListKey::kFields, false, "device", "major", "minor"},
    {"linux.resources.hugepageLimits", ListKey::kFields, false, "pageSize", "pageSize", ""},
    {"linux.resources.network.priorities", ListKey::kFields, false, "name", "name", ""},
    {"linux.namespaces", ListKey::kFields, false, "type", "type", ""},
    {"linux.devices", ListKey::kFields, false, "path", "path", ""},
    {"linux.seccomp.architectures", ListKey::kValue, false, "", "", ""},
    {"linux.seccomp.flags", ListKey::kValue, false, "", "", ""},
    {"linux.seccomp.syscalls", ListKey::kSeccompRule, false, "rule", "", ""},
    {"linux.seccomp.syscalls[].names", ListKey::kValue, false, "", "", ""},
    {"linux.maskedPaths", ListKey::kValue, false, "", "", ""},
    {"linux.readonlyPaths", ListKey::kValue, false, "", "", ""},
    {"linux.memoryPolicy.flags", ListKey::kValue, false, "", "", ""},
    {"linux.personality.flags", ListKey::kValue, false, "", "", ""},
};

// The rule for the list at `pattern`, or nullptr.
const ListRule* FindListRule(absl::string_view pattern);

namespace diff_internal {

// A field's value as key text: strings as they are, other values as JSON.
template <class T>
void AppendKeyText(std::string& out, const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    out.append(v);
  } else {
    out.append(ToCanonicalJson(v));
  }
}

std::string DescribeDeviceRule(const LinuxDeviceCgroup& d);

// "personality/SCMP_ACT_ALLOW/0:EQ:8": up to three names (then "+N"), the
// action, then each argument as index:op:value[:valueTwo].
std::string DescribeSeccompRule(const LinuxSyscall& r);

// A seccomp rule's action and args: rules that share them but not their
// names can still be paired.
std::string SeccompSignature(const LinuxSyscall& r);

}  // namespace diff_internal

// MatchKey()
//
// The key of element `e` of a list compared by `rule`: elements of A and B
// with equal keys are the same element. The result views `e` itself or
// `storage`, which the caller keeps alive (and does not move) while using it.
template <class E>
absl::string_view MatchKey(const ListRule& rule, const E& e, std::string& storage) {
  if constexpr (std::is_same_v<E, std::string>) {
    if (rule.key == ListKey::kEnvName) return absl::string_view(e).substr(0, e.find('='));
    return e;
  } else if constexpr (std::is_arithmetic_v<E>) {
    storage = absl::StrCat(e);
  } else if constexpr (std::is_same_v<E, LinuxDeviceCgroup>) {
    storage = ToCanonicalJson(e);
  } else if constexpr (std::is_same_v<E, LinuxSyscall>) {
    // (names as a set, action, args); null names differ from [].
    std::vector<absl::string_view> names;
    if (e.names) names.assign(e.names->begin(), e.names->end());
    std::sort(names.begin(), names.end());
    storage = absl::StrCat(e.names ? "[" : "null", absl::StrJoin(names, ","), "\n", diff_internal::SeccompSignature(e));
  } else {
    static_assert(json::Object<E>, "keyed lists hold strings, numbers or model objects");
    std::string second;
    storage.clear();
    E::Fields(e, [&](absl::string_view name, const auto& field, json::Emit) {
      if (name == rule.field1) diff_internal::AppendKeyText(storage, field);
      if (!rule.field2.empty() && name == rule.field2) diff_internal::AppendKeyText(second, field);
    });
    if (!rule.field2.empty()) absl::StrAppend(&storage, ":", second);
  }
  return storage;
}

// The selector value naming element `e` in change paths: the match key, or
// for device cgroup and seccomp rules a short description; "#2" marks the
// second element with the same key.
template <class E>
std::string DisplayKey(const ListRule& rule, const E& e, absl::string_view match, size_t occurrence) {
  std::string out;
  if constexpr (std::is_same_v<E, LinuxDeviceCgroup>) {
    out = diff_internal::DescribeDeviceRule(e);
  } else if constexpr (std::is_same_v<E, LinuxSyscall>) {
    out = diff_internal::DescribeSeccompRule(e);
  } else {
    out = std::string(match);
  }
  (void)rule;
  if (occurrence > 1) absl::StrAppend(&out, "#", occurrence);
  return out;
}

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "policy/diff/rules-inl.h"
#endif

#endif  // OCIKIT_POLICY_DIFF_RULES_H_
