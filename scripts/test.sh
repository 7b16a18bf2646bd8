#!/usr/bin/env bash
# Install (first time) and run the whole test suite, then lint, types and the layer contract,
# then the packaged-app smoke test (packaging/smoke.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -n auto "$@"
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check src tests bench scripts
.venv/bin/mypy
.venv/bin/lint-imports
# The packaged-app smoke test: builds dist/liushou-desktop (PyInstaller, ~40 s; again only
# when the sources changed) and runs the built programs. LIUSHOU_SMOKE=0 skips it (a quick
# local run of a few tests); CI always runs it.
if [ "${LIUSHOU_SMOKE:-1}" != "0" ] || [ -n "${CI:-}" ]; then
  bash packaging/smoke.sh
fi
echo "All checks passed."
