"""Link options for an executable with its C++ libraries linked statically.

A dynamically linked ocikit binary maps 38 shared libraries (Debian ships
Abseil as one library per component) before main(): about 2 ms per start on
the project's 2-vCPU machine, which ocikit-runtime pays on every call an
engine makes and `ocikit run` on every container (docs/performance.md).
Debian also ships the static archives. static_linkopts() links Abseil, RE2,
libstdc++ and libgcc from them; glibc and libseccomp stay shared: glibc is
not meant to be linked statically (NSS, dlopen), and libseccomp is LGPL-2.1,
whose terms for a statically linked binary (the means to relink it) a shared
library meets simply. What remains costs about 0.3 ms per start over a fully
static binary.

Static archives carry no dependency list, so the whole Abseil closure is
named here, dependents before dependencies, as
  pkg-config --libs --static absl_status absl_statusor absl_strings \
      absl_str_format absl_hash absl_raw_hash_set absl_time absl_cord
prints it (without -latomic, which the static link does not need);
//executor:static_binaries_test compares the two and checks which shared
libraries the binaries need.
"""

STATIC_ABSL_MODULES = [
    "absl_status",
    "absl_statusor",
    "absl_strings",
    "absl_str_format",
    "absl_hash",
    "absl_raw_hash_set",
    "absl_time",
    "absl_cord",
]

STATIC_ABSL_LIBS = [
    "-labsl_statusor",
    "-labsl_status",
    "-labsl_strerror",
    "-labsl_str_format_internal",
    "-labsl_hash",
    "-labsl_city",
    "-labsl_bad_variant_access",
    "-labsl_low_level_hash",
    "-labsl_raw_hash_set",
    "-labsl_hashtablez_sampler",
    "-labsl_cord",
    "-labsl_cordz_info",
    "-labsl_cord_internal",
    "-labsl_cordz_functions",
    "-labsl_exponential_biased",
    "-labsl_cordz_handle",
    "-labsl_synchronization",
    "-labsl_graphcycles_internal",
    "-labsl_stacktrace",
    "-labsl_symbolize",
    "-labsl_debugging_internal",
    "-labsl_demangle_internal",
    "-labsl_malloc_internal",
    "-labsl_time",
    "-labsl_civil_time",
    "-labsl_time_zone",
    "-labsl_bad_optional_access",
    "-labsl_strings",
    "-labsl_strings_internal",
    "-lrt",
    "-labsl_base",
    "-labsl_spinlock_wait",
    "-labsl_int128",
    "-labsl_throw_delegate",
    "-labsl_raw_logging_internal",
    "-labsl_log_severity",
]

# The C++ libraries both link modes take from their static archives,
# dependents before dependencies.
_STATIC_CXX_LIBS = ["-lre2"] + STATIC_ABSL_LIBS + ["-lstdc++"]

def static_linkopts():
    """linkopts of a cc_binary whose C++ libraries are linked statically.

    The binary's own linkopts come before its dependencies' on the link line:
    everything they need is resolved from the archives here first, and
    --as-needed then drops the shared libraries named later that nothing uses
    any more. Under the sanitizers (which need the shared runtime) the binary
    links as any other.
    """
    return select({
        "//third_party/system:sanitizer": [],
        "//conditions:default": ["-static-libgcc", "-Wl,--as-needed", "-Wl,-Bstatic"] + _STATIC_CXX_LIBS +
                                ["-Wl,-Bdynamic"],
    })

def static_pie_linkopts():
    """linkopts of a cc_binary linked wholly statically, as a static PIE.

    Everything static_linkopts() links statically, plus glibc and libseccomp:
    no dynamic loader runs, no shared object is mapped and no symbol is
    bound, which saves ocikit-runtime-gate about 0.2 ms per start on this
    VM (docs/performance.md, "ocikit-runtime overhead"); a static PIE keeps
    address space layout randomization. For a binary that calls nothing of
    glibc's that needs shared objects at run time (NSS, dlopen, iconv): the
    link warns when it does. libseccomp is LGPL-2.1: a user relinks the
    binary against another libseccomp from this repository's source (the
    terms' section 6). gold cannot link a static PIE, so the binary links
    with bfd and needs features = ["-supports_start_end_lib"], and its
    objects must be position-independent (Debian's gcc makes them so;
    .bazelrc gives clang --force_pic). Under the sanitizers the binary links
    as any other.
    """
    return select({
        "//third_party/system:sanitizer": [],
        "//conditions:default": ["-static-pie", "-fuse-ld=bfd"] + _STATIC_CXX_LIBS,
    })

