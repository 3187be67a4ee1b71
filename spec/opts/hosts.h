// File: spec/opts/hosts.h
//
// The container's /etc/hosts, built from a fixed template as BuildKit's
// GetHostsFile does, not copied from the host into a container with its own
// network (the host's file leaks host names into containers, Podman #11835);
// with host networking Podman's rule applies (below). GenerateHosts is a pure function;
// WithHostsFile writes the result to <state_dir>/hosts and binds it read-only
// onto /etc/hosts; WithoutHostsFile leaves the image's own /etc/hosts.
//
// Content, in order, with TAB after the address and "\n" after every line:
//   127.0.0.1<TAB>localhost[ <hostname>]
//   ::1<TAB>localhost ip6-localhost ip6-loopback
//   <ip><TAB><name>                   one per extra host, in the given order
//   <gateway-ip><TAB><gateway-alias>  when an alias is configured
//
// With host networking and the host's file given (WithHostsFile reads
// SpecContext::host_hosts), the file starts from the host's /etc/hosts
// instead, as Podman does for --network host, followed by
// "127.0.0.1<TAB><hostname>" unless the host's file already names the
// hostname, then the extra hosts and the alias.
//
// Otherwise the hostname goes on the 127.0.0.1 line, as in BuildKit (Docker writes a
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
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_HOSTS_H_
#define OCIKIT_SPEC_OPTS_HOSTS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
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
bool IsValidHostname(absl::string_view name);

// CheckHostname()
//
// OK when IsValidHostname(name); otherwise an InvalidArgument error naming it.
absl::Status CheckHostname(absl::string_view name);

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
absl::StatusOr<ExtraHost> ParseExtraHost(absl::string_view value);

// HostGatewayAddress()
//
// What --add-host NAME:host-gateway maps to when no gateway is configured:
// the host's first IPv4 address that is up and not loopback, in the order
// getifaddrs(3) lists them, as Podman picks host.containers.internal without
// a bridge network. NotFound when the host has none.
absl::StatusOr<std::string> HostGatewayAddress();

// What GenerateHosts works from.
struct HostsInputs {
  std::string hostname;                 // the container's hostname; may be empty
  bool include_hostname = true;         // put the hostname on the 127.0.0.1 line
  std::vector<std::string> extra_hosts;  // --add-host values, NAME:IP or NAME=IP
  bool host_networking = false;         // no hostname line (the host's name is the container's)
  std::string gateway_address;          // what "host-gateway" and the alias map to
  std::string gateway_alias;            // e.g. "host.containers.internal"; empty: no alias line
  std::optional<std::string> host_file;  // the host's /etc/hosts: with host_networking, the base (Podman)
};

// GenerateHosts()
//
// The container's hosts file (see the top of this file). InvalidArgument
// errors: a bad extra host (see ParseExtraHost), a hostname or alias that is
// not RFC 1123 (the hostname is checked only when written), a gateway
// address that is not an IP, "host-gateway" or an alias without a gateway:
// `"host-gateway" needs a gateway address`. The alias line is left out when
// an extra host already has that name (the user's address wins).
absl::StatusOr<std::string> GenerateHosts(const HostsInputs& in);

// How WithHostsFile builds the file.
struct HostsOptions {
  std::string hostname;                  // empty: the spec's hostname, as set by WithHostname before
  bool include_hostname = true;          // put the hostname on the 127.0.0.1 line
  std::vector<std::string> extra_hosts;  // --add-host values
  std::string gateway_address;           // for "host-gateway" and the alias
  std::string gateway_alias;             // e.g. "host.containers.internal"
  bool host_file_on_host_network = true;  // host networking: start from SpecContext::host_hosts (Podman)
};

// WithHostsFile()
//
// Generates the container's hosts file (GenerateHosts; host networking when
// the spec has no network namespace entry, and then the host's file from
// SpecContext::host_hosts is the base unless it is missing or
// `host_file_on_host_network` is false; the hostname from `options` or else
// the spec's), writes it atomically with mode 0644 to <state_dir>/hosts,
// and binds it read-only onto /etc/hosts with BuildKit's options (nosuid,
// noexec, nodev, rbind, ro), replacing a mount already there in place. Fails,
// leaving the spec unchanged, without a state directory (FailedPrecondition)
// and on bad inputs.
SpecOpt WithHostsFile(HostsOptions options = {});

// WithoutHostsFile()
//
// Removes every mount onto /etc/hosts, so the container sees the image's own
// file (Podman's --no-hosts). Writes nothing.
SpecOpt WithoutHostsFile();

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/hosts-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_HOSTS_H_
