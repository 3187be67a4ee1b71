#!/usr/bin/env bash
# The engine configuration files of docs/runtime.md (docs/runtime/) parse:
# the TOML files with Python's tomllib, the Kubernetes manifests with PyYAML,
# containerd's config.toml with `containerd config dump`, Podman's
# containers.conf with `podman info`, the example node policy with
# ocikit-runtime itself (`create` in a directory without config.json gets as
# far as the bundle only when the policy is valid), the gate service's
# systemd units with `systemd-analyze verify`. CRI-O and Kubernetes do
# not run here: their files are only parsed. Arguments: the shim, then the
# files of //docs:runtime_configs.
set -u
shim=$(realpath "$1")
docs=$(dirname "$(realpath "$2")")
fail=0
. "$(dirname "$0")/require_engines.sh"
check() {
  if [[ $2 == 0 ]]; then echo "ok   $1"; else echo "FAIL $1: $3"; fail=1; fi
}
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/ocikit-rt-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for f in containers.conf containerd-config.toml crio-ocikit.conf; do
  err=$(python3 -c 'import sys, tomllib; tomllib.load(open(sys.argv[1], "rb"))' "$docs/$f" 2>&1)
  check "$f is TOML" $? "$err"
done
err=$(python3 - "$docs/crio-ocikit.conf" <<'PY' 2>&1
import sys, tomllib
c = tomllib.load(open(sys.argv[1], "rb"))["crio"]["runtime"]
assert c["default_runtime"] == "ocikit" and c["runtimes"]["ocikit"]["runtime_path"].endswith("/ocikit-runtime"), c
PY
)
check "crio-ocikit.conf names the handler ocikit" $? "$err"

if python3 -c 'import yaml' 2>/dev/null; then
  err=$(python3 - "$docs/runtimeclass.yaml" <<'PY' 2>&1
import sys, yaml
docs = list(yaml.safe_load_all(open(sys.argv[1])))
rc = docs[0]
assert rc["apiVersion"] == "node.k8s.io/v1" and rc["kind"] == "RuntimeClass" and rc["handler"] == "ocikit", rc
assert docs[1]["spec"]["runtimeClassName"] == rc["metadata"]["name"], docs[1]
PY
)
  check "runtimeclass.yaml is a RuntimeClass and a pod that uses it" $? "$err"
else
  skip_check "runtimeclass.yaml: python3-yaml is not installed (scripts/setup.sh installs it)"
fi

if command -v containerd >/dev/null; then
  sed "s#/usr/local/bin/ocikit-runtime#$shim#" "$docs/containerd-config.toml" >"$tmp/config.toml"
  out=$(containerd --config "$tmp/config.toml" config dump 2>&1)
  [[ $out == *"default_runtime_name = \"ocikit\""* && $out == *"BinaryName = \"$shim\""* ]]
  check "containerd config dump reads the runtime entry" $? "$out"
else
  skip_check "containerd config dump: containerd is not installed (scripts/setup.sh installs it)"
fi

if command -v podman >/dev/null && [[ $(id -u) == 0 ]]; then
  sed "s#/usr/local/bin/ocikit-runtime#$shim#" "$docs/containers.conf" >"$tmp/containers.conf"
  pmtmp=$(mktemp -d /tmp/ocikit-rt-docs.XXXXXX)  # Podman refuses a runroot longer than 50 characters
  out=$(CONTAINERS_CONF=$tmp/containers.conf podman --root "$pmtmp/storage" --runroot "$pmtmp/run" \
    --cgroup-manager cgroupfs --events-backend none info --format '{{.Host.OCIRuntime.Name}} {{.Host.OCIRuntime.Path}}' 2>&1)
  [[ $out == "ocikit $shim" ]]; check "podman info picks ocikit-runtime from containers.conf" $? "$out"
  rm -rf "$pmtmp"
else
  skip_check "podman info: podman is not installed (scripts/setup.sh installs it) or not root"
fi

if command -v systemd-analyze >/dev/null; then
  gate=$(dirname "$shim")/ocikit-runtime-gate
  sed "s#/usr/local/libexec/ocikit/ocikit-runtime-gate#$gate#" "$docs/ocikit-gate.service" >"$tmp/ocikit-gate.service"
  cp "$docs/ocikit-gate.socket" "$tmp/"
  out=$(systemd-analyze verify "$tmp/ocikit-gate.socket" "$tmp/ocikit-gate.service" 2>&1); code=$?
  [[ $code == 0 && -z $out ]]; check "the gate service's systemd units verify without a warning" $? "exit $code: $out"
  default=$("$shim" --ocikit-help | sed -n '/OCIKIT_RUNTIME_GATE_SOCKET; default/{n;s/^ *\(\/[^)]*\)) when it is there.*/\1/p}')
  grep -qxF "ListenStream=$default" "$docs/ocikit-gate.socket" &&
    grep -qF -- "--ocikit-serve $default" "$docs/ocikit-gate.service"
  check "the units listen where the front looks by default ($default)" $? "$(cat "$docs/ocikit-gate.socket")"
else
  skip_check "systemd units: systemd-analyze is not installed"
fi

mkdir -p "$tmp/bundle"
err=$(cd "$tmp/bundle" && "$shim" --ocikit-policy "$docs/runtime.json" --ocikit-delegate /bin/true create x 2>&1)
[[ $err == "ocikit: cannot check the container: $tmp/bundle/config.json: No such file or directory" ]]
check "runtime.json is a valid node policy (the shim reaches the bundle)" $? "$err"
exit $fail
