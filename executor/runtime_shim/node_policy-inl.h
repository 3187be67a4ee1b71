// Definitions of executor/runtime_shim/node_policy.h: included by it in
// header-only mode (the default); compiled once in compiled mode
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_EXECUTOR_RUNTIME_SHIM_NODE_POLICY_INL_H_
#define OCIKIT_EXECUTOR_RUNTIME_SHIM_NODE_POLICY_INL_H_

#include "executor/runtime_shim/node_policy.h"
#include "spec/internal/compile_mode.h"

#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "policy/lint/context.h"
#include "policy/lint/lint.h"
#include "policy/seccomp/opts.h"
#include "re2/re2.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/capabilities.h"
#include "spec/opts/masked_paths.h"
#include "spec/opts/security.h"

namespace ocikit::runtime_shim {

using ::ocikit::internal::LintContains;
using ::ocikit::internal::LintDidYouMean;
using ::ocikit::internal::LintOneOf;
using ::ocikit::internal::LintQuote;

OCIKIT_INLINE Exemption::Exemption() = default;
OCIKIT_INLINE Exemption::~Exemption() = default;
OCIKIT_INLINE Exemption::Exemption(Exemption&&) noexcept = default;
OCIKIT_INLINE Exemption& Exemption::operator=(Exemption&&) noexcept = default;

OCIKIT_INLINE absl::string_view RuleModeName(RuleMode mode) {
  switch (mode) {
    case RuleMode::kEnforce:
      return "enforce";
    case RuleMode::kWarn:
      return "warn";
    case RuleMode::kAudit:
      return "audit";
    case RuleMode::kOff:
      break;
  }
  return "off";
}

OCIKIT_INLINE std::optional<RuleMode> ParseRuleMode(absl::string_view name) {
  for (RuleMode m : {RuleMode::kEnforce, RuleMode::kWarn, RuleMode::kAudit, RuleMode::kOff}) {
    if (name == RuleModeName(m)) return m;
  }
  return std::nullopt;
}

OCIKIT_INLINE const std::vector<absl::string_view>& RuleGroupNames() {
  static const auto* const kNames = new std::vector<absl::string_view>{
      "input", "conformance", "typo", "security", "seccomp", "policy"};
  return *kNames;
}

OCIKIT_INLINE const std::vector<absl::string_view>& MutationNames() {
  static const auto* const kNames =
      new std::vector<absl::string_view>{"defaultSeccomp", "maskedPaths", "dropCapabilities", "noNewPrivileges"};
  return *kNames;
}

OCIKIT_INLINE std::string NodePolicy::DisplayName() const {
  return name.empty() ? std::string(LintProfileName(profile)) : name;
}

OCIKIT_INLINE RuleMode NodePolicy::ModeFor(const LintRule& rule) const {
  for (const std::string& key : {std::string(rule.id), std::string(LintFamilyName(rule.family)), std::string("default")}) {
    if (auto it = modes.find(key); it != modes.end()) return it->second;
  }
  return RuleMode::kEnforce;
}

OCIKIT_INLINE LintOptions NodePolicy::ToLintOptions() const {
  LintOptions options;
  options.profile = profile;
  options.bundle = true;
  // runc compiles the filter itself and refuses one it cannot; compiling it
  // here too (SCMP520-525) would be half the gate's time.
  options.libseccomp = false;
  for (const LintPolicy& p : policies) options.policies.push_back(&p);
  for (const LintRule* rule : LintCatalogue(options.policies)) {
    if (ModeFor(*rule) == RuleMode::kOff) options.disabled.emplace_back(rule->id);
  }
  return options;
}

OCIKIT_INLINE const Exemption* NodePolicy::ExemptionFor(const std::map<std::string, std::string>& annotations) const {
  for (const Exemption& e : exemptions) {
    for (const auto& [key, value] : annotations) {
      if (RE2::FullMatch(key, *e.key) && RE2::FullMatch(value, *e.value)) return &e;
    }
  }
  return nullptr;
}

OCIKIT_INLINE SpecOpt MutationOpt(const Mutation& m) {
  if (m.name == "defaultSeccomp") {
    SeccompProfileOptions options;
    options.warn = [](absl::string_view) {};  // names libseccomp lacks: as the engines, not an error
    return SpecOpt("defaultSeccomp", [profile = m.profile, options](const SpecContext& ctx, Spec& spec) {
      if (spec.linux_section && spec.linux_section->seccomp) return absl::OkStatus();  // only when none is set
      return (profile == "containerd" ? WithContainerdSeccompProfile(options) : WithDefaultSeccompProfile(options))(ctx, spec);
    });
  }
  if (m.name == "maskedPaths") {
    const PathDefaults set = *ParsePathDefaults(m.defaults);  // checked by ParseMutation
    return Compose({WithAddedMaskedPaths(DefaultMaskedPathsFor(set)), WithAddedReadonlyPaths(DefaultReadonlyPathsFor(set))});
  }
  if (m.name == "dropCapabilities") return WithDroppedCapabilities(m.capabilities);
  return WithNoNewPrivileges();
}

OCIKIT_INLINE std::vector<SpecOpt> NodePolicy::MutationOpts() const {
  std::vector<SpecOpt> opts;
  for (const Mutation& m : mutations) opts.push_back(MutationOpt(m));
  return opts;
}

OCIKIT_INLINE NodePolicy DefaultNodePolicy() { return NodePolicy(); }

namespace internal {

OCIKIT_INLINE absl::StatusOr<std::vector<std::string>> StringList(const Json& v, absl::string_view field) {
  if (!v.is_array()) return absl::InvalidArgumentError(absl::StrCat(field, ": expected an array of strings, got ", v.type_name()));
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      return absl::InvalidArgumentError(absl::StrCat(field, "[", i, "]: expected a string, got ", v[i].type_name()));
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

OCIKIT_INLINE absl::StatusOr<std::unique_ptr<re2::RE2>> Pattern(const Json& v, absl::string_view field) {
  if (!v.is_string()) return absl::InvalidArgumentError(absl::StrCat(field, ": expected an RE2 pattern (a string), got ", v.type_name()));
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(v.get<std::string>(), options);
  if (!re->ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": invalid RE2 pattern ", LintQuote(v.get<std::string>()), ": ", re->error()));
  }
  return re;
}

OCIKIT_INLINE absl::Status ParseModes(const Json& v, NodePolicy& p) {
  if (!v.is_object()) return absl::InvalidArgumentError(absl::StrCat("modes: expected an object, got ", v.type_name()));
  const std::vector<const LintRule*> catalogue = LintCatalogue();
  for (const auto& item : v.items()) {
    const std::string key = item.key();  // not a structured binding: clang 14 cannot capture one
    const Json& value = item.value();
    const std::string where = absl::StrCat("modes.", key);
    const bool known = key == "default" || LintContains(RuleGroupNames(), key) || FindLintRule(key) != nullptr ||
                       absl::c_any_of(p.policies, [&](const LintPolicy& pol) {
                         return absl::c_any_of(pol.rules, [&](const LintPolicyRule& r) { return r.rule.id == key; });
                       });
    if (!known) {
      std::vector<absl::string_view> keys = {"default"};
      keys.insert(keys.end(), RuleGroupNames().begin(), RuleGroupNames().end());
      return absl::InvalidArgumentError(absl::StrCat(where, ": not a rule group or rule id; expected default, ",
                                                     LintOneOf(RuleGroupNames()), " or a rule id (SEC403)",
                                                     LintDidYouMean(key, keys)));
    }
    const std::optional<RuleMode> mode = value.is_string() ? ParseRuleMode(value.get<std::string>()) : std::nullopt;
    if (!mode) return absl::InvalidArgumentError(absl::StrCat(where, ": expected enforce, warn, audit or off, got ", value.dump()));
    p.modes[key] = *mode;
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ParseExemptions(const Json& v, NodePolicy& p) {
  if (!v.is_array()) return absl::InvalidArgumentError(absl::StrCat("exemptions: expected an array, got ", v.type_name()));
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string where = absl::StrCat("exemptions[", i, "]");
    const Json& e = v[i];
    if (!e.is_object()) return absl::InvalidArgumentError(absl::StrCat(where, ": expected an object, got ", e.type_name()));
    for (const auto& [key, unused] : e.items()) {
      if (key != "annotation" && key != "value") {
        return absl::InvalidArgumentError(absl::StrCat(where, ".", key, ": unknown field; expected annotation or value"));
      }
    }
    if (!e.contains("annotation")) return absl::InvalidArgumentError(absl::StrCat(where, ".annotation: missing; expected an RE2 pattern of annotation keys"));
    Exemption& out = p.exemptions.emplace_back();
    OCIKIT_ASSIGN_OR_RETURN(out.key, Pattern(e["annotation"], absl::StrCat(where, ".annotation")));
    OCIKIT_ASSIGN_OR_RETURN(out.value, Pattern(e.value("value", Json(".*")), absl::StrCat(where, ".value")));
    out.key_text = e["annotation"].get<std::string>();
    out.value_text = e.value("value", std::string(".*"));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ParseMutation(const Json& v, Mutation& m) {
  if (!v.is_object()) return absl::InvalidArgumentError(absl::StrCat("expected an object, got ", v.type_name()));
  if (!v.contains("name") || !v["name"].is_string()) {
    return absl::InvalidArgumentError(absl::StrCat("name: missing; expected one of ", LintOneOf(MutationNames())));
  }
  m.name = v["name"].get<std::string>();
  if (!LintContains(MutationNames(), m.name)) {
    return absl::InvalidArgumentError(absl::StrCat("name: ", LintQuote(m.name), " is not a mutation; expected one of ",
                                                   LintOneOf(MutationNames()), LintDidYouMean(m.name, MutationNames())));
  }
  const std::vector<absl::string_view> fields = m.name == "defaultSeccomp"     ? std::vector<absl::string_view>{"name", "profile"}
                                                : m.name == "maskedPaths"      ? std::vector<absl::string_view>{"name", "defaults"}
                                                : m.name == "dropCapabilities" ? std::vector<absl::string_view>{"name", "capabilities"}
                                                                               : std::vector<absl::string_view>{"name"};
  for (const auto& [key, unused] : v.items()) {
    if (!LintContains(fields, key)) {
      return absl::InvalidArgumentError(absl::StrCat(key, ": unknown field for ", m.name, "; expected ", LintOneOf(fields)));
    }
  }
  if (m.name == "defaultSeccomp") {
    m.profile = v.value("profile", Json("moby")).is_string() ? v.value("profile", std::string("moby")) : "";
    if (m.profile != "moby" && m.profile != "containerd") {
      return absl::InvalidArgumentError(absl::StrCat("profile: expected moby or containerd, got ", v["profile"].dump()));
    }
  } else if (m.name == "maskedPaths") {
    m.defaults = v.value("defaults", Json("podman")).is_string() ? v.value("defaults", std::string("podman")) : "";
    if (!ParsePathDefaults(m.defaults).ok()) {
      return absl::InvalidArgumentError(absl::StrCat("defaults: expected containerd, moby or podman, got ", v["defaults"].dump()));
    }
  } else if (m.name == "dropCapabilities") {
    if (!v.contains("capabilities")) return absl::InvalidArgumentError("capabilities: missing; expected an array of capability names");
    OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> caps, StringList(v["capabilities"], "capabilities"));
    bool all = false;
    OCIKIT_ASSIGN_OR_RETURN_PREFIXED("capabilities: ", m.capabilities, ocikit::internal::NormalizeCapabilities(caps, all));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ParseMutations(const Json& v, NodePolicy& p) {
  if (!v.is_array()) return absl::InvalidArgumentError(absl::StrCat("mutations: expected an array, got ", v.type_name()));
  for (size_t i = 0; i < v.size(); ++i) {
    OCIKIT_RETURN_IF_ERROR_PREFIXED(absl::StrCat("mutations[", i, "]: "), ParseMutation(v[i], p.mutations.emplace_back()));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ParsePolicyFiles(const Json& v, absl::string_view source, NodePolicy& p) {
  OCIKIT_ASSIGN_OR_RETURN(std::vector<std::string> files, StringList(v, "policies"));
  const size_t slash = source.rfind('/');
  const std::string dir = slash == absl::string_view::npos ? "" : std::string(source.substr(0, slash + 1));
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string path = files[i].empty() || files[i][0] == '/' ? files[i] : dir + files[i];
    absl::StatusOr<LintPolicy> policy = ReadLintPolicyFile(path);
    if (!policy.ok()) return absl::InvalidArgumentError(absl::StrCat("policies[", i, "]: ", policy.status().message()));
    p.policies.push_back(*std::move(policy));
  }
  return absl::OkStatus();
}

// The top-level fields, in the order the file documents them.
inline const std::vector<absl::string_view>& NodePolicyFields() {
  static const auto* const kFields = new std::vector<absl::string_view>{
      "version", "name", "profile", "policies", "modes", "exemptions", "mutations", "keepOriginal", "failOpen", "delegate"};
  return *kFields;
}

// The scalar fields: version, name, profile, keepOriginal, failOpen, delegate.
OCIKIT_INLINE absl::Status ParseScalars(const Json& j, NodePolicy& p) {
  if (j.contains("version") && j["version"] != Json(1)) {
    return absl::InvalidArgumentError(absl::StrCat("version: ", j["version"].dump(), " is not supported; expected 1"));
  }
  for (const char* key : {"name", "profile", "delegate"}) {
    if (j.contains(key) && !j[key].is_string()) {
      return absl::InvalidArgumentError(absl::StrCat(key, ": expected a string, got ", j[key].type_name()));
    }
  }
  for (const char* key : {"keepOriginal", "failOpen"}) {
    if (j.contains(key) && !j[key].is_boolean()) {
      return absl::InvalidArgumentError(absl::StrCat(key, ": expected true or false, got ", j[key].dump()));
    }
  }
  p.name = j.value("name", std::string());
  p.delegate = j.value("delegate", std::string());
  p.keep_original = j.value("keepOriginal", false);
  p.fail_open = j.value("failOpen", false);
  const std::string profile = j.value("profile", std::string("baseline"));
  if (profile == "none") {
    p.profile = LintProfile::kNone;
  } else if (profile == "baseline" || profile == "restricted") {
    p.profile = profile == "baseline" ? LintProfile::kBaseline : LintProfile::kRestricted;
  } else {
    return absl::InvalidArgumentError(absl::StrCat("profile: ", LintQuote(profile), " is not a profile; expected none, baseline or restricted"));
  }
  return absl::OkStatus();
}

OCIKIT_INLINE absl::Status ParseNodePolicyJson(const Json& j, absl::string_view source, NodePolicy& p) {
  if (!j.is_object()) return absl::InvalidArgumentError(absl::StrCat("expected a node policy object, got ", j.type_name()));
  for (const auto& [key, unused] : j.items()) {
    if (!LintContains(NodePolicyFields(), key)) {
      return absl::InvalidArgumentError(absl::StrCat(key, ": unknown field; expected one of ", LintOneOf(NodePolicyFields()),
                                                     LintDidYouMean(key, NodePolicyFields())));
    }
  }
  OCIKIT_RETURN_IF_ERROR(ParseScalars(j, p));
  if (j.contains("policies")) OCIKIT_RETURN_IF_ERROR(ParsePolicyFiles(j["policies"], source, p));
  if (j.contains("modes")) OCIKIT_RETURN_IF_ERROR(ParseModes(j["modes"], p));
  if (j.contains("exemptions")) OCIKIT_RETURN_IF_ERROR(ParseExemptions(j["exemptions"], p));
  if (j.contains("mutations")) OCIKIT_RETURN_IF_ERROR(ParseMutations(j["mutations"], p));
  return absl::OkStatus();
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<NodePolicy> ParseNodePolicy(absl::string_view text, absl::string_view source) {
  internal::Json j;
  try {
    j = internal::Json::parse(text.begin(), text.end());
  } catch (const internal::Json::parse_error& e) {
    const auto pos = ocikit::internal::PolicyJsonPositionOf(text, e.byte);
    return absl::InvalidArgumentError(
        absl::StrCat(source, ":", pos.line, ":", pos.column, ": invalid JSON; expected a node policy object"));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": invalid JSON: ", e.what()));
  }
  NodePolicy p;
  p.source = std::string(source);
  if (absl::Status s = internal::ParseNodePolicyJson(j, source, p); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": ", s.message()));
  }
  return p;
}

OCIKIT_INLINE absl::StatusOr<NodePolicy> ReadNodePolicyFile(const std::string& path) {
  OCIKIT_ASSIGN_OR_RETURN(std::string text, ReadRegularFile(path, 1 << 20));
  return ParseNodePolicy(text, path);
}

OCIKIT_INLINE bool AsksFailOpen(absl::string_view text) {
  const internal::Json j = internal::Json::parse(text.begin(), text.end(), nullptr, false);
  return j.is_object() && j.contains("failOpen") && j["failOpen"] == internal::Json(true);
}

}  // namespace ocikit::runtime_shim

#endif  // OCIKIT_EXECUTOR_RUNTIME_SHIM_NODE_POLICY_INL_H_
