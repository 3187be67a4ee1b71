"""Link options for a fully static executable of ocikit's system libraries.

A dynamically linked ocikit binary maps 38 shared libraries (Debian ships
Abseil as one library per component) before main(): about 2 ms per start on
the project's 2-vCPU machine, which ocikit-runtime pays on every call an
engine makes (docs/performance.md). Debian also ships the static archives;
linked from them, the start costs what an exec costs.

Static archives carry no dependency list, so the whole closure is named here,
dependents before dependencies, as
  pkg-config --libs --static absl_status absl_statusor absl_strings \\
      absl_str_format absl_hash absl_raw_hash_set absl_time absl_cord
prints it (without -latomic, which the static link does not need);
//third_party/system:static_linkopts_test compares the two.
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

def static_linkopts():
    """linkopts of a cc_binary linked statically, dynamically under sanitizers.

    The binary's own linkopts come before its dependencies' on the link line,
    so RE2, libseccomp and the Abseil closure are named here in full.
    """
    return select({
        "//third_party/system:sanitizer": [],
        "//conditions:default": ["-static", "-lre2", "-lseccomp"] + STATIC_ABSL_LIBS,
    })
