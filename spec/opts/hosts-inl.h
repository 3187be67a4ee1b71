// File: spec/opts/hosts-inl.h
//
// Definitions of spec/opts/hosts.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_HOSTS_INL_H_
#define OCIKIT_SPEC_OPTS_HOSTS_INL_H_

#include "spec/opts/hosts.h"
#include "spec/internal/compile_mode.h"
#include <algorithm>
#include <string>
#include <utility>
#include <vector>
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "spec/config.h"
#include "spec/file.h"
#include "spec/internal/status_macros.h"
#include "spec/opts/namespaces.h"
#include "spec/opts/resolvconf.h"
#include "spec/opts/spec_opt.h"
#include "spec/opts/mounts.h"

namespace ocikit {

OCIKIT_INLINE bool IsValidHostname(absl::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  for (absl::string_view label : absl::StrSplit(name, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    const bool ok = std::all_of(label.begin(), label.end(), [](char c) {
      return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
    if (!ok) return false;
  }
  return true;
}

OCIKIT_INLINE absl::Status CheckHostname(absl::string_view name) {
  if (IsValidHostname(name)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid hostname \"", name,
                   "\"; expected dot-separated labels of 1 to 63 letters, digits and hyphens, not starting or ending "
                   "with a hyphen, 253 characters at most"));
}

OCIKIT_INLINE absl::StatusOr<ExtraHost> ParseExtraHost(absl::string_view value) {
  size_t sep = value.find('=');
  if (sep == absl::string_view::npos) sep = value.find(':');
  if (sep == absl::string_view::npos || sep == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad format for add-host \"", value, "\"; expected NAME:IP or NAME=IP"));
  }
  const absl::string_view name = value.substr(0, sep);
  absl::string_view address = value.substr(sep + 1);
  const bool bad_name = std::any_of(name.begin(), name.end(), [](char c) {
    return c == ':' || c == '#' || absl::ascii_isspace(static_cast<unsigned char>(c)) ||
           absl::ascii_iscntrl(static_cast<unsigned char>(c));
  });
  if (bad_name) {
    return absl::InvalidArgumentError(absl::StrCat("bad host name \"", name, "\" in add-host \"", value,
                                                   "\"; expected a name without spaces, ':' or '#'"));
  }
  if (address != kHostGateway) {
    if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
      address = address.substr(1, address.size() - 2);
    }
    if (!internal::IsIPAddress(address)) {
      return absl::InvalidArgumentError(absl::StrCat("invalid IP address \"", address, "\" in add-host \"", value,
                                                     "\"; expected an IPv4 or IPv6 address or host-gateway"));
    }
  }
  ExtraHost host;
  host.name = std::string(name);
  host.address = std::string(address);
  return host;
}

OCIKIT_INLINE absl::StatusOr<std::string> GenerateHosts(const HostsInputs& in) {
  if (!in.gateway_address.empty() && !internal::IsIPAddress(in.gateway_address)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid gateway address \"", in.gateway_address, "\"; expected an IPv4 or IPv6 address"));
  }
  std::string text = "127.0.0.1\tlocalhost";
  if (in.include_hostname && !in.host_networking && !in.hostname.empty()) {
    OCIKIT_RETURN_IF_ERROR(CheckHostname(in.hostname));
    if (in.hostname != "localhost") absl::StrAppend(&text, " ", in.hostname);
  }
  absl::StrAppend(&text, "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  bool alias_taken = false;
  for (const std::string& value : in.extra_hosts) {
    OCIKIT_ASSIGN_OR_RETURN(ExtraHost host, ParseExtraHost(value));
    if (host.address == kHostGateway) {
      if (in.gateway_address.empty()) return absl::InvalidArgumentError("\"host-gateway\" needs a gateway address");
      host.address = in.gateway_address;
    }
    if (!in.gateway_alias.empty() && absl::EqualsIgnoreCase(host.name, in.gateway_alias)) alias_taken = true;
    absl::StrAppend(&text, host.address, "\t", host.name, "\n");
  }
  if (!in.gateway_alias.empty()) {
    if (!IsValidHostname(in.gateway_alias)) {
      return absl::InvalidArgumentError(absl::StrCat("invalid gateway alias \"", in.gateway_alias,
                                                     "\"; expected a hostname such as host.containers.internal"));
    }
    if (in.gateway_address.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("gateway alias \"", in.gateway_alias, "\" needs a gateway address"));
    }
    if (!alias_taken) absl::StrAppend(&text, in.gateway_address, "\t", in.gateway_alias, "\n");
  }
  return text;
}

OCIKIT_INLINE SpecOpt WithHostsFile(HostsOptions options) {
  return SpecOpt("WithHostsFile", [options = std::move(options)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    OCIKIT_ASSIGN_OR_RETURN(std::string path, internal::StateFilePath(ctx.state_dir, "hosts"));
    HostsInputs in;
    in.hostname = options.hostname.empty() ? spec.hostname : options.hostname;
    in.include_hostname = options.include_hostname;
    in.extra_hosts = options.extra_hosts;
    in.host_networking = !HasNamespace(spec, "network");
    in.gateway_address = options.gateway_address;
    in.gateway_alias = options.gateway_alias;
    OCIKIT_ASSIGN_OR_RETURN(std::string text, GenerateHosts(in));
    if (ctx.write_state_files) OCIKIT_RETURN_IF_ERROR(WriteFileAtomic(path, text, 0644));
    internal::SetGeneratedFileMount(spec.mounts, "/etc/hosts", std::move(path));
    return absl::OkStatus();
  });
}

OCIKIT_INLINE SpecOpt WithoutHostsFile() {
  return SpecOpt("WithoutHostsFile", [](const SpecContext& ctx, Spec& spec) {
    return WithoutMounts({"/etc/hosts"})(ctx, spec);
  });
}
}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_HOSTS_INL_H_
