#!/usr/bin/env bash
# Builds the onedir programs with PyInstaller: dist/liushou-desktop/ holding liushou-desktop
# (the window) and liushou (the command line), sharing _internal/. Installs the build extra
# (.[build]: PyInstaller) into .venv first when it is missing. Prints the build time and size.
#
#   bash packaging/build.sh
#
# The same spec builds on Windows (.github/workflows/windows.yml); this script is for Linux.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || bash scripts/bootstrap.sh
stamp=".venv/.installed[build]"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  .venv/bin/python -m pip install -q -e ".[build]"
  touch "$stamp"
fi

start=$(date +%s)
rm -rf dist/liushou-desktop
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/liushou.spec
took=$(( $(date +%s) - start ))

out=dist/liushou-desktop
for exe in liushou-desktop liushou; do
  [ -x "$out/$exe" ] || { echo "build.sh: $out/$exe was not built" >&2; exit 1; }
done
date -u +%Y-%m-%dT%H:%M:%SZ >"$out/.built"  # packaging/smoke.sh rebuilds when sources are newer
echo "built $out in ${took} s; size: $(du -sh "$out" | cut -f1)"
