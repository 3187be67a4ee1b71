// File: spec/opts/resolvconf-inl.h
//
// Definitions of spec/opts/resolvconf.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_RESOLVCONF_INL_H_
#define OCIKIT_SPEC_OPTS_RESOLVCONF_INL_H_

#include "spec/opts/resolvconf.h"
#include "spec/internal/compile_mode.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/mounts.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/spec_opt.h"
#include "spec/pathutil.h"

namespace ocikit {

OCIKIT_INLINE const std::vector<std::string>& GeneratedFileMountOptions() {
  static const std::vector<std::string> kOptions = {"nosuid", "noexec", "nodev", "rbind", "ro"};
  return kOptions;
}

OCIKIT_INLINE const std::vector<std::string>& DefaultFallbackNameservers() {
  static const std::vector<std::string> kServers = {"8.8.8.8", "8.8.4.4", "2001:4860:4860::8888",
                                                    "2001:4860:4860::8844"};
  return kServers;
}

namespace internal {

OCIKIT_INLINE bool IsResolvWord(absl::string_view text) {
  return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isspace(static_cast<unsigned char>(c)) || absl::ascii_iscntrl(static_cast<unsigned char>(c));
  });
}

OCIKIT_INLINE std::optional<std::string> CanonicalIP(absl::string_view text, bool allow_zone) {
  absl::string_view addr = text;
  absl::string_view zone;
  bool has_zone = false;
  if (const size_t pct = text.find('%'); pct != absl::string_view::npos) {
    if (!allow_zone) return std::nullopt;
    addr = text.substr(0, pct);
    zone = text.substr(pct + 1);
    has_zone = true;
    if (!IsResolvWord(zone)) return std::nullopt;
  }
  const std::string copy(addr);
  char out[INET6_ADDRSTRLEN];
  in_addr v4;
  if (!has_zone && ::inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    if (::inet_ntop(AF_INET, &v4, out, sizeof out) == nullptr) return std::nullopt;
    return std::string(out);
  }
  in6_addr v6;
  if (::inet_pton(AF_INET6, copy.c_str(), &v6) != 1) return std::nullopt;
  if (::inet_ntop(AF_INET6, &v6, out, sizeof out) == nullptr) return std::nullopt;
  return has_zone ? absl::StrCat(out, "%", zone) : std::string(out);
}

OCIKIT_INLINE bool IsIPAddress(absl::string_view text) { return CanonicalIP(text, false).has_value(); }

OCIKIT_INLINE bool IsLoopbackNameserver(absl::string_view canonical) {
  const absl::string_view addr = canonical.substr(0, canonical.find('%'));
  return absl::StartsWith(addr, "127.") || addr == "::1" || absl::StartsWith(addr, "::ffff:127.");
}

OCIKIT_INLINE void SetGeneratedFileMount(std::vector<Mount>& mounts, absl::string_view destination, std::string source) {
  Mount m;
  m.destination = std::string(destination);
  m.type = "bind";
  m.source = std::move(source);
  m.options = GeneratedFileMountOptions();
  ReplaceOrAppendMount(mounts, std::move(m));
}

OCIKIT_INLINE absl::StatusOr<std::optional<std::string>> ReadOptionalHostFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadRegularFile(path, kMaxDnsFileBytes);
  if (text.ok()) return std::optional<std::string>(*std::move(text));
  if (absl::IsNotFound(text.status())) return std::optional<std::string>();
  return text.status();
}

OCIKIT_INLINE absl::StatusOr<std::string> StateFilePath(absl::string_view state_dir, absl::string_view name) {
  if (state_dir.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("a state directory is required to write ", name));
  }
  if (state_dir.front() != '/') {
    return absl::FailedPreconditionError(
        absl::StrCat("state directory \"", state_dir, "\" is not absolute; expected an absolute path"));
  }
  return JoinPath({state_dir, name});
}
}  // namespace internal

OCIKIT_INLINE ResolvConf ParseResolvConf(absl::string_view text) {
  ResolvConf conf;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::EndsWith(line, "\r")) line.remove_suffix(1);
    const absl::string_view stripped = absl::StripLeadingAsciiWhitespace(line);
    if (stripped.empty() || stripped.front() == '#' || stripped.front() == ';') continue;
    const std::vector<absl::string_view> fields =
        absl::StrSplit(stripped, absl::ByAnyChar(" \t\v\f\r"), absl::SkipEmpty());
    if (fields.empty()) continue;
    const absl::string_view keyword = fields[0];
    if (keyword == "nameserver") {
      if (fields.size() < 2) continue;
      if (std::optional<std::string> ip = internal::CanonicalIP(fields[1], true)) {
        conf.nameservers.push_back(*std::move(ip));
      } else {
        conf.invalid_nameservers.emplace_back(fields[1]);
      }
    } else if (keyword == "domain" || keyword == "search") {
      if (fields.size() < 2) continue;
      conf.search.clear();
      for (size_t i = 1; i < fields.size(); ++i) conf.search.emplace_back(fields[i]);
    } else if (keyword == "options") {
      for (size_t i = 1; i < fields.size(); ++i) conf.options.emplace_back(fields[i]);
    } else {
      conf.other.emplace_back(line);
    }
  }
  return conf;
}

OCIKIT_INLINE bool IsSystemdResolvedStub(const ResolvConf& conf) {
  return conf.nameservers.size() == 1 && conf.nameservers[0] == kSystemdResolvedStub;
}

OCIKIT_INLINE absl::StatusOr<std::string> CanonicalNameserver(absl::string_view address) {
  if (std::optional<std::string> ip = internal::CanonicalIP(address, true)) return *std::move(ip);
  return absl::InvalidArgumentError(
      absl::StrCat("bad nameserver address \"", address, "\"; expected an IPv4 or IPv6 address"));
}

OCIKIT_INLINE std::vector<std::string> MergeResolvOptions(const std::vector<std::string>& base,
                                                   const std::vector<std::string>& add) {
  std::vector<std::string> out;
  const auto key = [](absl::string_view option) { return option.substr(0, option.find(':')); };
  for (const std::vector<std::string>* list : {&base, &add}) {
    for (const std::string& option : *list) {
      const auto it = std::find_if(out.begin(), out.end(), [&](const std::string& o) { return key(o) == key(option); });
      if (it != out.end()) {
        *it = option;
      } else {
        out.push_back(option);
      }
    }
  }
  return out;
}

namespace internal {

// The validated nameserver overrides of ResolvConfInputs.
struct ResolvOverrides {
  std::vector<std::string> nameservers;
  std::vector<std::string> fallback;
};

// Validates the overrides: a bad one fails whatever the host has.
OCIKIT_INLINE absl::StatusOr<ResolvOverrides> CheckResolvOverrides(const ResolvConfInputs& in) {
  ResolvOverrides out;
  for (const std::string& ns : in.nameservers) {
    OCIKIT_ASSIGN_OR_RETURN(std::string ip, CanonicalNameserver(ns));
    out.nameservers.push_back(std::move(ip));
  }
  for (const std::string& ns : in.fallback_nameservers) {
    // CanonicalNameserver's errors are all InvalidArgument.
    OCIKIT_ASSIGN_OR_RETURN_PREFIXED("fallback nameservers: ", std::string ip, CanonicalNameserver(ns));
    out.fallback.push_back(std::move(ip));
  }
  for (const std::string& domain : in.search) {
    if (!IsResolvWord(domain)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad search domain \"", domain, "\"; expected a domain name without spaces"));
    }
  }
  for (const std::string& option : in.options) {
    if (!IsResolvWord(option)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad DNS option \"", option,
                       "\"; expected an option such as ndots:2 or rotate, without spaces"));
    }
  }
  return out;
}

// The source file: the host's, or systemd-resolved's upstream one when the
// host's lists only its stub and the container has its own network.
OCIKIT_INLINE ResolvConf SourceResolvConf(const ResolvConfInputs& in, std::vector<std::string>& warnings) {
  ResolvConf conf = ParseResolvConf(in.host_text);
  if (!in.host_networking && IsSystemdResolvedStub(conf)) {
    if (in.resolved_text.has_value()) {
      conf = ParseResolvConf(*in.resolved_text);
    } else {
      warnings.push_back(absl::StrCat("the host's resolv.conf lists only the systemd-resolved stub ",
                                      kSystemdResolvedStub, " and ", kSystemdResolvedUpstream, " is missing"));
    }
  }
  return conf;
}

OCIKIT_INLINE std::vector<std::string> ResolvNameservers(const ResolvConfInputs& in, const ResolvConf& conf,
                                                         ResolvOverrides overrides,
                                                         std::vector<std::string>& warnings) {
  std::vector<std::string> nameservers;
  if (!overrides.nameservers.empty()) {
    nameservers = std::move(overrides.nameservers);
  } else {
    for (const std::string& bad : conf.invalid_nameservers) {
      warnings.push_back(absl::StrCat("ignored invalid nameserver \"", bad, "\" in the host's resolv.conf"));
    }
    nameservers = conf.nameservers;
    if (!in.host_networking) std::erase_if(nameservers, IsLoopbackNameserver);
  }
  if (nameservers.empty()) {
    const std::vector<std::string>& fallback = overrides.fallback;
    nameservers = fallback;
    warnings.push_back(fallback.empty() ? std::string("no usable nameservers and no fallback nameservers")
                                        : absl::StrCat("no usable nameservers; using the fallback nameservers ",
                                                       absl::StrJoin(fallback, ", ")));
  }
  return nameservers;
}

OCIKIT_INLINE std::vector<std::string> ResolvSearch(const ResolvConfInputs& in, const ResolvConf& conf,
                                                    std::vector<std::string>& warnings) {
  std::vector<std::string> search = conf.search;
  if (!in.search.empty()) {
    search.clear();
    for (const std::string& domain : in.search) {
      if (domain != ".") search.push_back(domain);
    }
  }
  const size_t line_size = absl::StrJoin(search, " ").size();
  if (search.size() > 6) {
    warnings.push_back(absl::StrCat("search list has ", search.size(),
                                    " domains; glibc 2.25 and older and macOS use only the first 6"));
  }
  if (line_size > 256) {
    warnings.push_back(absl::StrCat("search list is ", line_size,
                                    " characters long; glibc 2.25 and older, musl and macOS read at most 256"));
  }
  return search;
}
}  // namespace internal

OCIKIT_INLINE absl::StatusOr<ResolvConfResult> GenerateResolvConf(const ResolvConfInputs& in) {
  OCIKIT_ASSIGN_OR_RETURN(internal::ResolvOverrides overrides, internal::CheckResolvOverrides(in));
  ResolvConfResult result;
  const ResolvConf conf = internal::SourceResolvConf(in, result.warnings);
  const std::vector<std::string> nameservers =
      internal::ResolvNameservers(in, conf, std::move(overrides), result.warnings);
  const std::vector<std::string> search = internal::ResolvSearch(in, conf, result.warnings);
  const std::vector<std::string> options =
      MergeResolvOptions(in.ignore_host_options ? std::vector<std::string>() : conf.options, in.options);

  std::string& text = result.text;
  for (const std::string& ns : nameservers) absl::StrAppend(&text, "nameserver ", ns, "\n");
  if (!search.empty()) absl::StrAppend(&text, "search ", absl::StrJoin(search, " "), "\n");
  if (!options.empty()) absl::StrAppend(&text, "options ", absl::StrJoin(options, " "), "\n");
  for (const std::string& line : conf.other) absl::StrAppend(&text, line, "\n");
  return result;
}

OCIKIT_INLINE SpecOpt WithResolvConf(ResolvConfOptions options) {
  return SpecOpt("WithResolvConf", [options = std::move(options)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(std::string path, internal::StateFilePath(ctx.state_dir, "resolv.conf"));
    ResolvConfInputs in;
    in.host_networking = !HasNamespace(spec, "network");
    OCIKIT_ASSIGN_OR_RETURN(std::optional<std::string> host, internal::ReadOptionalHostFile(ctx.host_resolv_conf));
    in.host_text = host.value_or("");
    if (!in.host_networking && IsSystemdResolvedStub(ParseResolvConf(in.host_text))) {
      OCIKIT_ASSIGN_OR_RETURN(std::optional<std::string> resolved,
                              internal::ReadOptionalHostFile(options.systemd_resolved_conf));
      in.resolved_text = std::move(resolved);
    }
    in.nameservers = options.nameservers;
    in.search = options.search;
    in.options = options.options;
    in.ignore_host_options = options.ignore_host_options;
    in.fallback_nameservers = options.fallback_nameservers;
    OCIKIT_ASSIGN_OR_RETURN(ResolvConfResult result, GenerateResolvConf(in));
    if (ctx.write_state_files) OCIKIT_RETURN_IF_ERROR(WriteFileAtomic(path, result.text, 0644, FileSync::kAtomic));
    internal::SetGeneratedFileMount(spec.mounts, "/etc/resolv.conf", std::move(path));
    if (options.warnings != nullptr) {
      options.warnings->insert(options.warnings->end(), result.warnings.begin(), result.warnings.end());
    }
    return absl::OkStatus();
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_RESOLVCONF_INL_H_
