// File: spec/config.h
//
// The root of config.json (runtime-spec v1.3.0, config.md): Spec with its
// root filesystem, mounts, hooks and annotations, and the platform sections.
// The Linux and process sections are typed (spec/linux.h, spec/process.h);
// the solaris, windows, vm, zos and freebsd sections are kept verbatim as raw
// JSON, so they round-trip unchanged. That is where ocikit's bytes differ
// from Go's: Go re-marshals windows.credentialSpec (an interface{}) with
// sorted keys and float64 numbers, and always writes vm.hypervisor and
// vm.image (non-pointer structs); ocikit writes them as read (spec/codec.h,
// docs/design.md).
//
// A default-constructed Spec is empty; the default Linux spec is a named
// preset (spec/default_spec.h). Parse and write it with spec/codec.h.
//
// Example:
//   Spec spec = DefaultLinuxSpec();
//   spec.hostname = "demo";
//   std::string json = Marshal(spec);
//
// Dependencies: absl_strings
#ifndef OCIKIT_SPEC_CONFIG_H_
#define OCIKIT_SPEC_CONFIG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "spec/json/field_list.h"
#include "spec/linux.h"
#include "spec/process.h"

namespace ocikit {

// The runtime-spec release this model implements; written as ociVersion.
inline constexpr absl::string_view kOciVersion = "1.3.0";

struct Root {
  std::string path;  // absolute, or relative to the bundle
  bool readonly = false;
  json::UnknownFields unknown;

  bool operator==(const Root&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("path", s.path, json::kAlways);
    v("readonly", s.readonly, json::kOmitEmpty);
  }
};

struct Mount {
  std::string destination;
  std::string type;
  std::string source;
  std::vector<std::string> options;
  std::vector<LinuxIDMapping> uid_mappings;  // idmapped mount
  std::vector<LinuxIDMapping> gid_mappings;
  json::UnknownFields unknown;

  bool operator==(const Mount&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("destination", s.destination, json::kAlways);
    v("type", s.type, json::kOmitEmpty);
    v("source", s.source, json::kOmitEmpty);
    v("options", s.options, json::kOmitEmpty);
    v("uidMappings", s.uid_mappings, json::kOmitEmpty);
    v("gidMappings", s.gid_mappings, json::kOmitEmpty);
  }
};

struct Hook {
  std::string path;
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::optional<int64_t> timeout;  // seconds
  json::UnknownFields unknown;

  bool operator==(const Hook&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("path", s.path, json::kAlways);
    v("args", s.args, json::kOmitEmpty);
    v("env", s.env, json::kOmitEmpty);
    v("timeout", s.timeout, json::kOmitEmpty);
  }
};

struct Hooks {
  // Deprecated by the spec: use create_runtime, create_container and
  // start_container instead.
  std::vector<Hook> prestart;
  std::vector<Hook> create_runtime;
  std::vector<Hook> create_container;
  std::vector<Hook> start_container;
  std::vector<Hook> poststart;
  std::vector<Hook> poststop;
  json::UnknownFields unknown;

  bool operator==(const Hooks&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("prestart", s.prestart, json::kOmitEmpty);
    v("createRuntime", s.create_runtime, json::kOmitEmpty);
    v("createContainer", s.create_container, json::kOmitEmpty);
    v("startContainer", s.start_container, json::kOmitEmpty);
    v("poststart", s.poststart, json::kOmitEmpty);
    v("poststop", s.poststop, json::kOmitEmpty);
  }
};

// A container's config.json.
struct Spec {
  std::string oci_version;
  std::optional<Process> process;
  std::optional<Root> root;
  std::string hostname;
  std::string domainname;
  std::vector<Mount> mounts;
  std::optional<Hooks> hooks;
  std::map<std::string, std::string> annotations;
  // Not `linux`: GCC predefines that as a macro in its default GNU modes.
  std::optional<Linux> linux_section;
  std::optional<json::RawJson> solaris;
  std::optional<json::RawJson> windows;
  std::optional<json::RawJson> vm;
  std::optional<json::RawJson> zos;
  std::optional<json::RawJson> freebsd;
  json::UnknownFields unknown;

  bool operator==(const Spec&) const = default;
  template <class Self, class Visit>
  static void Fields(Self& s, Visit&& v) {
    v("ociVersion", s.oci_version, json::kAlways);
    v("process", s.process, json::kOmitEmpty);
    v("root", s.root, json::kOmitEmpty);
    v("hostname", s.hostname, json::kOmitEmpty);
    v("domainname", s.domainname, json::kOmitEmpty);
    v("mounts", s.mounts, json::kOmitEmpty);
    v("hooks", s.hooks, json::kOmitEmpty);
    v("annotations", s.annotations, json::kOmitEmpty);
    v("linux", s.linux_section, json::kOmitEmpty);
    v("solaris", s.solaris, json::kOmitEmpty);
    v("windows", s.windows, json::kOmitEmpty);
    v("vm", s.vm, json::kOmitEmpty);
    v("zos", s.zos, json::kOmitEmpty);
    v("freebsd", s.freebsd, json::kOmitEmpty);
  }
};

}  // namespace ocikit

#endif  // OCIKIT_SPEC_CONFIG_H_
