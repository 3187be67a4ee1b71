"""Repositories ocikit needs, for ocikit's own WORKSPACE and for consumers.

A workspace that uses ocikit builds offline with Debian's packages (Bazel from
bazel-bootstrap 4.2, platforms from bazel-platforms, the libraries from
libabsl-dev, libre2-dev, nlohmann-json3-dev and libseccomp-dev):

    local_repository(name = "ocikit", path = "../ocikit")
    load("@ocikit//:deps.bzl", "ocikit_dependencies")
    ocikit_dependencies()

Bazel 4.2's built-in WORKSPACE suffix would download rules_cc, rules_java and
remote_coverage_tools; ocikit_dependencies() declares ocikit's small local
stand-ins for them first (third_party/README.md), and platforms from Debian's
bazel-platforms. The system libraries need no repository: ocikit's targets
link them through @ocikit//third_party/system, from /usr/include and /usr/lib.
A repository the workspace declared before the call is left as it is.
"""

def _ocikit_stub_repository_impl(rctx):
    # The stand-in's files, from ocikit's third_party/<name>/.
    src = rctx.path(rctx.attr.workspace_file).dirname
    for child in src.readdir():
        rctx.symlink(child, child.basename)

_ocikit_stub_repository = repository_rule(
    implementation = _ocikit_stub_repository_impl,
    attrs = {"workspace_file": attr.label(allow_single_file = True)},
    local = True,
)

# The stand-ins under third_party/, one per repository Bazel would download.
_STUBS = ["rules_cc", "rules_java", "remote_coverage_tools"]

# Debian's bazel-platforms.
_PLATFORMS_PATH = "/usr/share/bazel/tools/platforms"

def ocikit_dependencies():
    """Declares every repository ocikit needs, offline."""
    existing = native.existing_rules()
    for name in _STUBS:
        if name not in existing:
            _ocikit_stub_repository(
                name = name,
                workspace_file = Label("//third_party/%s:WORKSPACE" % name),
            )
    if "platforms" not in existing:
        native.local_repository(name = "platforms", path = _PLATFORMS_PATH)
