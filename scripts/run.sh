#!/usr/bin/env bash
# Install (first time) and start liushou-desktop. Extra arguments go to the app, e.g. --db FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/liushou-desktop "$@"
