# Sourced by ocikit-runtime's engine tests (runc, Podman, containerd, the
# docs' configuration checks). A test or check that cannot run here (not
# root; runc, Podman, containerd, PyYAML or the busybox rootfs missing) is
# skipped: it prints SKIP and passes. With OCIKIT_REQUIRE_ENGINES=1, which
# scripts/test.sh (and so CI) sets, it fails instead, so a machine on which
# scripts/setup.sh did not install the engines cannot pass unseen.

# skip_check REASON...: one check skipped, or failed (fail=1).
skip_check() {
  if [[ ${OCIKIT_REQUIRE_ENGINES:-} == 1 ]]; then
    echo "FAIL (OCIKIT_REQUIRE_ENGINES=1: no skipping) $*"
    fail=1
  else
    echo "SKIP $*"
  fi
}

# skip REASON...: the whole test skipped (exit 0), or failed (exit 1).
skip() {
  skip_check "$@"
  exit "$fail"
}
