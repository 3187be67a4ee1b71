// File: spec/opts/hosts.h
//
// The container's /etc/hosts, built from a fixed template as BuildKit's
// GetHostsFile does, never copied from the host (the host's file leaks host
// names into containers, Podman #11835). GenerateHosts is a pure function;
// WithHostsFile writes the result to <state_dir>/hosts and binds it read-only
// onto /etc/hosts; WithoutHostsFile leaves the image's own /etc/hosts.
//
// Content, in order, with TAB after the address and "\n" after every line:
//   127.0.0.1<TAB>localhost[ <hostname>]
//   ::1<TAB>localhost ip6-localhost ip6-loopback
//   <ip><TAB><name>                   one per extra host, in the given order
//   <gateway-ip><TAB><gateway-alias>  when an alias is configured
//
// The hostname goes on the 127.0.0.1 line, as in BuildKit (Docker writes a
// separate line for the container's own address, which a spec generator does
// not know). With host networking no hostname is added: the container's
// name is the host's, and a loopback entry for it breaks services that bind
// to the hostname (Podman #10319; Docker adds none either). BuildKit's
// default name "buildkitsandbox" is not used: no hostname, no name.
//
// Extra hosts are typed as Docker's --add-host: NAME:IP, split at the first
// ':' (so IPv6 works unbracketed: "db:::1"), or NAME=IP (newer Docker CLIs), split at
// the first '='. The address may be in brackets ("db=[::1]"); it is written
// as typed otherwise, as Docker does. IP "host-gateway" stands for the
// configured gateway address.
//
// Example:
//   HostsInputs in;
//   in.hostname = "web";
//   in.extra_hosts = {"db:10.0.0.5", "host.docker.internal:host-gateway"};
//   in.gateway_address = "10.0.0.1";
//   absl::StatusOr<std::string> text = GenerateHosts(in);
//   // "127.0.0.1\tlocalhost web\n::1\tlocalhost ip6-localhost ip6-loopback\n"
//   // "10.0.0.5\tdb\n10.0.0.1\thost.docker.internal\n"
#ifndef OCIKIT_SPEC_OPTS_HOSTS_H_
#define OCIKIT_SPEC_OPTS_HOSTS_H_

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
#include "spec/opts/namespaces.h"
#include "spec/opts/resolvconf.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// The --add-host address that stands for the gateway address.
inline constexpr absl::string_view kHostGateway = "host-gateway";

// One --add-host entry. `address` is an IPv4 or IPv6 address as typed
// (brackets removed), or kHostGateway.
struct ExtraHost {
  std::string name;
  std::string address;

  bool operator==(const ExtraHost&) const = default;
};

// IsValidHostname()
//
// Whether `name` follows RFC 1123: dot-separated labels of 1 to 63 letters,
// digits and hyphens, no label starting or ending with a hyphen, at most 253
// characters in all, no trailing dot.
inline bool IsValidHostname(absl::string_view name) {
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

// CheckHostname()
//
// OK when IsValidHostname(name); otherwise an InvalidArgument error naming it.
inline absl::Status CheckHostname(absl::string_view name) {
  if (IsValidHostname(name)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid hostname \"", name,
                   "\"; expected dot-separated labels of 1 to 63 letters, digits and hyphens, not starting or ending "
                   "with a hyphen, 253 characters at most"));
}

// ParseExtraHost()
//
// Parses a --add-host value: NAME=IP, else NAME:IP split at the first ':'.
// NAME must be non-empty without whitespace, control characters, ':' or '#'
// (Docker checks only for ':'; the others would break the hosts line). IP is
// an IPv4 or IPv6 address, optionally in brackets, or "host-gateway".
//
// Example:
//   ParseExtraHost("db:::1");           // {"db", "::1"}
//   ParseExtraHost("db=[2001:db8::5]"); // {"db", "2001:db8::5"}
inline absl::StatusOr<ExtraHost> ParseExtraHost(absl::string_view value) {
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

// What GenerateHosts works from.
struct HostsInputs {
  std::string hostname;                 // the container's hostname; may be empty
  bool include_hostname = true;         // put the hostname on the 127.0.0.1 line
  std::vector<std::string> extra_hosts;  // --add-host values, NAME:IP or NAME=IP
  bool host_networking = false;         // no hostname line (the host's name is the container's)
  std::string gateway_address;          // what "host-gateway" and the alias map to
  std::string gateway_alias;            // e.g. "host.containers.internal"; empty: no alias line
};

// GenerateHosts()
//
// The container's hosts file (see the top of this file). InvalidArgument
// errors: a bad extra host (see ParseExtraHost), a hostname or alias that is
// not RFC 1123 (the hostname is checked only when written), a gateway
// address that is not an IP, "host-gateway" or an alias without a gateway:
// `"host-gateway" needs a gateway address`. The alias line is left out when
// an extra host already has that name (the user's address wins).
inline absl::StatusOr<std::string> GenerateHosts(const HostsInputs& in) {
  if (!in.gateway_address.empty() && !internal::IsIPAddress(in.gateway_address)) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid gateway address \"", in.gateway_address, "\"; expected an IPv4 or IPv6 address"));
  }
  std::string text = "127.0.0.1\tlocalhost";
  if (in.include_hostname && !in.host_networking && !in.hostname.empty()) {
    if (absl::Status s = CheckHostname(in.hostname); !s.ok()) return s;
    if (in.hostname != "localhost") absl::StrAppend(&text, " ", in.hostname);
  }
  absl::StrAppend(&text, "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
  bool alias_taken = false;
  for (const std::string& value : in.extra_hosts) {
    absl::StatusOr<ExtraHost> host = ParseExtraHost(value);
    if (!host.ok()) return host.status();
    if (host->address == kHostGateway) {
      if (in.gateway_address.empty()) return absl::InvalidArgumentError("\"host-gateway\" needs a gateway address");
      host->address = in.gateway_address;
    }
    if (!in.gateway_alias.empty() && absl::EqualsIgnoreCase(host->name, in.gateway_alias)) alias_taken = true;
    absl::StrAppend(&text, host->address, "\t", host->name, "\n");
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

// How WithHostsFile builds the file.
struct HostsOptions {
  std::string hostname;                  // empty: the spec's hostname, as set by WithHostname before
  bool include_hostname = true;          // put the hostname on the 127.0.0.1 line
  std::vector<std::string> extra_hosts;  // --add-host values
  std::string gateway_address;           // for "host-gateway" and the alias
  std::string gateway_alias;             // e.g. "host.containers.internal"
};

// WithHostsFile()
//
// Generates the container's hosts file (GenerateHosts; host networking when
// the spec has no network namespace entry; the hostname from `options` or
// else the spec's), writes it atomically with mode 0644 to <state_dir>/hosts,
// and binds it read-only onto /etc/hosts with BuildKit's options (nosuid,
// noexec, nodev, rbind, ro), replacing a mount already there in place. Fails,
// leaving the spec unchanged, without a state directory (FailedPrecondition)
// and on bad inputs.
inline SpecOpt WithHostsFile(HostsOptions options = {}) {
  return SpecOpt("WithHostsFile", [options = std::move(options)](const SpecContext& ctx, Spec& spec) -> absl::Status {
    absl::StatusOr<std::string> path = internal::StateFilePath(ctx.state_dir, "hosts");
    if (!path.ok()) return path.status();
    HostsInputs in;
    in.hostname = options.hostname.empty() ? spec.hostname : options.hostname;
    in.include_hostname = options.include_hostname;
    in.extra_hosts = options.extra_hosts;
    in.host_networking = !HasNamespace(spec, "network");
    in.gateway_address = options.gateway_address;
    in.gateway_alias = options.gateway_alias;
    absl::StatusOr<std::string> text = GenerateHosts(in);
    if (!text.ok()) return text.status();
    if (absl::Status s = WriteFileAtomic(*path, *text, 0644); !s.ok()) return s;
    internal::SetGeneratedFileMount(spec.mounts, "/etc/hosts", *std::move(path));
    return absl::OkStatus();
  });
}

// WithoutHostsFile()
//
// Removes every mount onto /etc/hosts, so the container sees the image's own
// file (Podman's --no-hosts). Writes nothing.
inline SpecOpt WithoutHostsFile() {
  return SpecOpt("WithoutHostsFile", [](const SpecContext& ctx, Spec& spec) {
    return WithoutMounts({"/etc/hosts"})(ctx, spec);
  });
}

}  // namespace ocikit

#endif  // OCIKIT_SPEC_OPTS_HOSTS_H_
