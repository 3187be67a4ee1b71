// File: spec/opts/hosts-inl.h
//
// Definitions of spec/opts/hosts.h: included by it in header-only mode (the default);
// compiled once into its library when OCIKIT_COMPILED_LIB is defined
// (spec/internal/compile_mode.h).
#ifndef OCIKIT_SPEC_OPTS_HOSTS_INL_H_
#define OCIKIT_SPEC_OPTS_HOSTS_INL_H_

#include "spec/opts/hosts.h"
#include "spec/internal/compile_mode.h"
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <cerrno>
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

namespace internal {

// Whether a line of a hosts file names `name` (after the address).
OCIKIT_INLINE bool HostsFileNames(absl::string_view text, absl::string_view name) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = line.substr(0, line.find('#'));
    const std::vector<absl::string_view> fields = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (fields.size() > 1 && std::find(fields.begin() + 1, fields.end(), name) != fields.end()) return true;
  }
  return false;
}

// The lines before the extra hosts: the host's file with host networking
// (plus the hostname), else the localhost template.
OCIKIT_INLINE absl::StatusOr<std::string> HostsBase(const HostsInputs& in) {
  const bool named = in.include_hostname && !in.hostname.empty() && in.hostname != "localhost";
  if (in.host_networking && in.host_file) {
    std::string text = *in.host_file;
    if (!text.empty() && text.back() != '\n') text.push_back('\n');
    if (named && !HostsFileNames(text, in.hostname)) {
      OCIKIT_RETURN_IF_ERROR(CheckHostname(in.hostname));
      absl::StrAppend(&text, "127.0.0.1\t", in.hostname, "\n");
    }
    return text;
  }
  std::string text = "127.0.0.1\tlocalhost";
  if (named && !in.host_networking) {
    OCIKIT_RETURN_IF_ERROR(CheckHostname(in.hostname));
    absl::StrAppend(&text, " ", in.hostname);
  }
  absl::StrAppend(&text, "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  return text;
}

}  // namespace internal

OCIKIT_INLINE absl::StatusOr<std::string> HostGatewayAddress() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return ErrnoStatus(errno, "getifaddrs");
  std::string found;
  for (const ifaddrs* a = list; a != nullptr && found.empty(); a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) continue;
    if ((a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_LOOPBACK) != 0) continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    if (::inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text)) != nullptr) found = text;
  }
  ::freeifaddrs(list);
  if (found.empty()) {
    return absl::NotFoundError("\"host-gateway\": this host has no IPv4 address that is up and not loopback");
  }
  return found;
}

OCIKIT_INLINE absl::StatusOr<std::string> GenerateHosts(const HostsInputs& in) {
  if (!in.gateway_address.empty() && !internal::IsIPAddress(in.gateway_address)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid gateway address \"", in.gateway_address, "\"; expected an IPv4 or IPv6 address"));
  }
  OCIKIT_ASSIGN_OR_RETURN(std::string text, internal::HostsBase(in));
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
    if (in.host_networking && options.host_file_on_host_network) {
      absl::StatusOr<std::string> host = ReadRegularFile(ctx.host_hosts, 1 << 20);
      if (host.ok()) {
        in.host_file = *std::move(host);
      } else if (!absl::IsNotFound(host.status())) {
        return host.status();
      }
    }
    in.gateway_address = options.gateway_address;
    in.gateway_alias = options.gateway_alias;
    OCIKIT_ASSIGN_OR_RETURN(std::string text, GenerateHosts(in));
    if (ctx.write_state_files) OCIKIT_RETURN_IF_ERROR(WriteFileAtomic(path, text, 0644, FileSync::kAtomic));
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
