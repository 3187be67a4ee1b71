"""Build macros for ocikit's own targets.

Every public header works header-only (its FOO-inl.h is included and inline)
or compiled (spec/internal/compile_mode.h). ocikit's own build is compiled:
ocikit_cc_library compiles each FOO-inl.h of its headers once, in a generated
FOO.cc, and every target that depends on it sees OCIKIT_COMPILED_LIB through
//spec:compile_mode.
"""

# The C++ standard every target needs, carried by the targets themselves so a
# workspace that depends on ocikit builds it with its default flags (deps.bzl);
# then the warnings for ocikit's own code (.bazelrc adds -Werror for this
# workspace only).
OCIKIT_COPTS = [
    "-std=c++20",
    "-Wall",
    "-Wextra",
    "-Wpedantic",
]

# GCC 12 warns about designated initializers that leave members defaulted
# (fixed in GCC 13); tests use them freely. Library code avoids the pattern.
OCIKIT_TEST_COPTS = OCIKIT_COPTS + [
    "-Wno-missing-field-initializers",
]

def _compiled_sources(hdrs):
    """Generates FOO.cc (which includes FOO-inl.h) for each header with one."""
    inls = native.glob([h[:-len(".h")] + "-inl.h" for h in hdrs if h.endswith(".h")])
    srcs = []
    for inl in inls:
        stem = inl[:-len("-inl.h")]
        out = "_compiled/" + stem + ".cc"
        native.genrule(
            name = "_compiled_" + stem.replace("/", "_"),
            outs = [out],
            cmd = "echo '#include \"%s/%s\"' > $@" % (native.package_name(), inl),
            visibility = ["//visibility:private"],
        )
        srcs.append(out)
    return inls, srcs

def ocikit_cc_library(name, hdrs = [], srcs = [], deps = [], copts = [], **kwargs):
    """A cc_library whose headers' definitions (FOO-inl.h) are compiled once."""
    inls, generated = _compiled_sources(hdrs)
    native.cc_library(
        name = name,
        hdrs = hdrs,
        srcs = srcs + inls + generated,
        deps = deps + ["//spec:compile_mode"],
        copts = OCIKIT_COPTS + copts,
        **kwargs
    )

def ocikit_cc_test(name, deps = [], copts = [], **kwargs):
    native.cc_test(
        name = name,
        deps = deps + ["//spec:compile_mode"],
        copts = OCIKIT_TEST_COPTS + copts,
        **kwargs
    )

def ocikit_cc_binary(name, deps = [], copts = [], **kwargs):
    native.cc_binary(
        name = name,
        deps = deps + ["//spec:compile_mode"],
        copts = OCIKIT_COPTS + copts,
        **kwargs
    )

def ocikit_fuzz_target(name, srcs, deps = [], corpus = [], data = [], **kwargs):
    """A fuzz target `name` and its replay test `name + "_test"`.

    `srcs` define LLVMFuzzerTestOneInput. The binary `name` is a libFuzzer
    binary under --config=fuzz (clang-16, -fsanitize=fuzzer,address,undefined;
    libFuzzer's main) and the plain replay driver otherwise
    (//spec/fuzz:replay_main). The test replays `corpus` (files or
    directories, relative to the workspace; `data` brings them) with the
    replay driver under any compiler and sanitizer configuration.
    """
    entry = name + "_entry"
    native.cc_library(
        name = entry,
        srcs = srcs,
        deps = deps + ["//spec:compile_mode", "//spec/fuzz:check"],
        copts = OCIKIT_COPTS,
        alwayslink = True,
        testonly = True,
        visibility = ["//visibility:private"],
    )
    native.cc_binary(
        name = name,
        deps = [":" + entry] + select({
            "//spec/fuzz:libfuzzer": [],
            "//conditions:default": ["//spec/fuzz:replay_main"],
        }),
        linkopts = select({
            "//spec/fuzz:libfuzzer": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
        data = data,
        testonly = True,
        **kwargs
    )
    # The seed corpus list, for scripts/fuzz.sh.
    native.genrule(
        name = name + "_corpus",
        outs = [name + "_corpus.txt"],
        cmd = "echo %s > $@" % " ".join(corpus),
        testonly = True,
    )
    native.cc_test(
        name = name + "_test",
        deps = [":" + entry, "//spec/fuzz:replay_main"],
        args = corpus,
        data = data,
        **kwargs
    )
