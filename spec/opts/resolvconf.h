// File: spec/opts/resolvconf.h
//
// The container's /etc/resolv.conf, generated from the host's as BuildKit's
// GetResolvConf does, with the fixes users keep asking for. The parser and
// generator are pure functions of their inputs (tests never touch the host);
// WithResolvConf reads the host files named by the SpecContext, writes the
// result to <state_dir>/resolv.conf and binds it read-only onto
// /etc/resolv.conf.
//
// Rules, in order:
//   1. Source: the host's resolv.conf; but when the container has its own
//      network namespace and the host file's only nameserver is
//      systemd-resolved's stub 127.0.0.53, the upstream file
//      /run/systemd/resolve/resolv.conf instead. A missing file is empty.
//   2. Parsing: lines whose first non-blank character is '#' or ';' and
//      blank lines are dropped; `nameserver X` needs an IPv4 or IPv6 address
//      (IPv6 may carry a zone, "fe80::1%eth0", as glibc and Go's netip
//      accept) and is otherwise recorded as invalid; `domain` means `search`;
//      the last search line wins; `options` lines accumulate; other lines are
//      kept verbatim and written last.
//   3. Overrides (--dns, --dns-search, --dns-option): nameservers replace the
//      list; search domains replace it, "." entries removed ("." alone means
//      no search list); options are merged by key into the host's (below).
//   4. Filtering: without host networking and unless nameservers were
//      overridden, loopback nameservers (127.0.0.0/8, ::1, ::ffff:127.x.x.x)
//      are dropped; they are unreachable from a new network namespace.
//   5. Fallback: when no nameserver remains, 8.8.8.8, 8.8.4.4,
//      2001:4860:4860::8888 and 2001:4860:4860::8844 (configurable).
//   6. Output, no comments: nameserver lines, one search line, one options
//      line, the other lines; every line ends in "\n".
//
// Options are merged by key, the text before ':' ("ndots:5" has key "ndots",
// "rotate" is its own key): a later value replaces an earlier one in place,
// so a user's "timeout:2" replaces the host's "timeout:1" and "ndots" appears
// once. BuildKit replaces the whole host list when options are given, Podman
// prepends the user's (the resolver then keeps the host's later value).
//
// Nameservers are written in canonical form ("2001:DB8::0:1" becomes
// "2001:db8::1"), as BuildKit writes them.
//
// Example:
//   ResolvConfInputs in;
//   in.host_text = "nameserver 127.0.0.1\noptions timeout:1\n";
//   in.options = {"timeout:2"};
//   absl::StatusOr<ResolvConfResult> r = GenerateResolvConf(in);
//   // r->text == "nameserver 8.8.8.8\nnameserver 8.8.4.4\n"
//   //            "nameserver 2001:4860:4860::8888\n"
//   //            "nameserver 2001:4860:4860::8844\noptions timeout:2\n"
//
//   std::vector<std::string> warnings;
//   ResolvConfOptions opts;
//   opts.nameservers = {"10.0.0.2"};
//   opts.warnings = &warnings;
//   ApplyOpts(ctx, spec, {WithResolvConf(opts)});  // needs ctx.state_dir
//
// Dependencies: absl_status absl_strings
#ifndef OCIKIT_SPEC_OPTS_RESOLVCONF_H_
#define OCIKIT_SPEC_OPTS_RESOLVCONF_H_


#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "spec/opts/spec_opt.h"

namespace ocikit {

// systemd-resolved's stub listener, the only nameserver in /etc/resolv.conf on
// hosts that use it.
inline constexpr absl::string_view kSystemdResolvedStub = "127.0.0.53";

// Where systemd-resolved writes the nameservers it forwards to.
inline constexpr absl::string_view kSystemdResolvedUpstream = "/run/systemd/resolve/resolv.conf";

// The read-only bind options of the generated /etc/resolv.conf and /etc/hosts
// (BuildKit's withROBind).
const std::vector<std::string>& GeneratedFileMountOptions();

// The nameservers used when none remain: Google Public DNS (Docker, BuildKit).
const std::vector<std::string>& DefaultFallbackNameservers();

namespace internal {

// Whether `text` is usable as one word of a resolv.conf line: not empty, no
// whitespace or control characters.
bool IsResolvWord(absl::string_view text);

// The canonical text of an IPv4 or IPv6 address (inet_pton, then inet_ntop),
// or nullopt. With `allow_zone`, an IPv6 address may end in "%<zone>".
std::optional<std::string> CanonicalIP(absl::string_view text, bool allow_zone);

// Whether the text is an IPv4 or IPv6 address (no zone).
bool IsIPAddress(absl::string_view text);

// Whether a canonical nameserver address is loopback: 127.0.0.0/8, ::1, or
// an IPv4-mapped 127.0.0.0/8 (Go's netip.Addr.IsLoopback).
bool IsLoopbackNameserver(absl::string_view canonical);

// A read-only bind of the generated file `source` onto `destination`,
// replacing any mount there (ReplaceOrAppendMount).
void SetGeneratedFileMount(std::vector<Mount>& mounts, absl::string_view destination, std::string source);

// The largest host file the DNS transforms read.
inline constexpr size_t kMaxDnsFileBytes = 1 << 20;

// The contents of a host file, or nullopt when it does not exist.
absl::StatusOr<std::optional<std::string>> ReadOptionalHostFile(const std::string& path);

// `<state_dir>/<name>` after checking that state_dir is set and absolute
// (the path becomes a mount source, which runtimes need absolute).
absl::StatusOr<std::string> StateFilePath(absl::string_view state_dir, absl::string_view name);

}  // namespace internal

// ResolvConf
//
// A parsed resolv.conf. Nameservers are canonical addresses; search, options
// and other lines are as written.
struct ResolvConf {
  std::vector<std::string> nameservers;
  std::vector<std::string> search;   // from the last search or domain line
  std::vector<std::string> options;  // every options line, in order
  std::vector<std::string> other;    // unrecognised lines, verbatim
  std::vector<std::string> invalid_nameservers;  // nameserver values that are not addresses

  bool operator==(const ResolvConf&) const = default;
};

// ParseResolvConf()
//
// Parses resolv.conf text by BuildKit's rules (see the top of this file).
// Never fails: bad nameservers go to `invalid_nameservers`.
//
// Example:
//   ResolvConf c = ParseResolvConf("domain a.example\nnameserver 10.0.0.1\n");
//   // c.nameservers == {"10.0.0.1"}, c.search == {"a.example"}
ResolvConf ParseResolvConf(absl::string_view text);

// IsSystemdResolvedStub()
//
// Whether the file's only nameserver is systemd-resolved's stub 127.0.0.53,
// so that the real nameservers are in kSystemdResolvedUpstream.
bool IsSystemdResolvedStub(const ResolvConf& conf);

// CanonicalNameserver()
//
// The canonical form of a nameserver address, IPv6 with an optional zone:
// "2001:DB8::0:1" -> "2001:db8::1". Anything else is an InvalidArgument
// error: `bad nameserver address "x"; expected an IPv4 or IPv6 address`.
absl::StatusOr<std::string> CanonicalNameserver(absl::string_view address);

// MergeResolvOptions()
//
// Merges `add` into `base` by key (the text before ':'): an option whose key
// is already present replaces it in place, later duplicates of that key are
// dropped, new keys are appended. Used on the host's list alone, it keeps the
// value the resolver would use (the last) at the first position.
//
// Example:
//   MergeResolvOptions({"ndots:1", "timeout:1", "rotate"}, {"timeout:2", "ndots:5", "edns0"});
//   // {"ndots:5", "timeout:2", "rotate", "edns0"}
std::vector<std::string> MergeResolvOptions(const std::vector<std::string>& base,
                                                   const std::vector<std::string>& add);

// What GenerateResolvConf works from. Empty override lists mean "keep the
// host's".
struct ResolvConfInputs {
  std::string host_text;                     // the host's /etc/resolv.conf; "" when missing
  std::optional<std::string> resolved_text;  // kSystemdResolvedUpstream's text; nullopt when missing
  bool host_networking = false;              // the container shares the host's network namespace
  std::vector<std::string> nameservers;      // --dns: replace the nameservers, no loopback filtering
  std::vector<std::string> search;           // --dns-search: replace the search list; "." removed
  std::vector<std::string> options;          // --dns-option: merged by key into the host's
  bool ignore_host_options = false;          // start from no options instead of the host's
  std::vector<std::string> fallback_nameservers = DefaultFallbackNameservers();
};

// The generated text and what the caller should tell the user.
struct ResolvConfResult {
  std::string text;
  std::vector<std::string> warnings;
};

// GenerateResolvConf()
//
// The container's resolv.conf from `in`, by the rules at the top of this
// file. Errors (InvalidArgument) name the bad override: a nameserver or
// fallback that is not an address, a search domain or option that is empty or
// holds whitespace. Warnings, not errors:
//   - invalid nameserver lines in the source file (dropped);
//   - the systemd-resolved stub without its upstream file (the host file is
//     used, its stub is dropped as loopback);
//   - the fallback nameservers were used;
//   - a search list of more than 6 domains or more than 256 characters
//     (joined by spaces): glibc 2.25 and older and macOS ignore the rest, and
//     musl ignores resolv.conf lines longer than 256 bytes.
absl::StatusOr<ResolvConfResult> GenerateResolvConf(const ResolvConfInputs& in);

// How WithResolvConf builds the file. The host paths come from the
// SpecContext (host_resolv_conf) and from `systemd_resolved_conf`.
struct ResolvConfOptions {
  std::vector<std::string> nameservers;  // --dns
  std::vector<std::string> search;       // --dns-search
  std::vector<std::string> options;      // --dns-option
  bool ignore_host_options = false;
  std::vector<std::string> fallback_nameservers = DefaultFallbackNameservers();
  std::string systemd_resolved_conf = std::string(kSystemdResolvedUpstream);
  std::vector<std::string>* warnings = nullptr;  // GenerateResolvConf's warnings are appended; nullptr ignores them
};

// WithResolvConf()
//
// Generates the container's resolv.conf from the host's
// (SpecContext::host_resolv_conf, and `systemd_resolved_conf` when the host
// file lists only the systemd-resolved stub), writes it atomically with mode
// 0644 to <state_dir>/resolv.conf, and binds it read-only onto
// /etc/resolv.conf with BuildKit's options (nosuid, noexec, nodev, rbind,
// ro), replacing a mount already there in place. Missing host files count as
// empty. The container uses host networking when the spec has no network
// namespace entry. Fails, leaving the spec unchanged, without a state
// directory (FailedPrecondition), on unreadable host files and on bad
// overrides.
SpecOpt WithResolvConf(ResolvConfOptions options = {});

}  // namespace ocikit

#ifndef OCIKIT_COMPILED_LIB
#include "spec/opts/resolvconf-inl.h"
#endif

#endif  // OCIKIT_SPEC_OPTS_RESOLVCONF_H_
