#!/usr/bin/env bash
# Sets up a fresh machine (Debian packages), builds ocikit and runs the main
# job: print the config.json that `ocikit spec` generates.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh
bazel build //executor/cli:ocikit
bazel-bin/executor/cli/ocikit spec --name demo --hostname demo --read-only \
  --cap-drop net_raw -e GREETING=hello sh -c 'echo $GREETING from $(hostname)'
