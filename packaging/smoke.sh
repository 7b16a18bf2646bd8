#!/usr/bin/env bash
# The packaged-app smoke test: builds dist/liushou-desktop/ when it is missing or older than the
# sources, then runs the BUILT programs — not the source tree — in a clean environment:
#   liushou --version, liushou-desktop --version    the version from pyproject.toml
#   liushou demo / stats / print cards             the command line: database, PDF
#   liushou-desktop --self-test OUTDIR             offscreen: demo database, main window
#                                                  (logged in), every page, translations and
#                                                  fonts, archive cards PDF, Excel ledger,
#                                                  bundle exported and imported by a township
# Exits non-zero on any failure: a module or resource missing from the bundle shows up here.
#
#   bash packaging/smoke.sh            (scripts/test.sh runs it after the tests)
set -euo pipefail
cd "$(dirname "$0")/.."

dist=dist/liushou-desktop
if [ ! -f "$dist/.built" ] ||
  [ -n "$(find src resources packaging pyproject.toml -newer "$dist/.built" -type f \
    ! -name '*.pyc' ! -path '*/__pycache__/*' -print -quit)" ]; then
  bash packaging/build.sh
fi
version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
# Nothing of this machine's Python, venv or settings: what a school's computer would have.
run() {
  env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
    XDG_RUNTIME_DIR="$work/home" "$@"
}
step() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

step "liushou --version"
got=$(run "$dist/liushou" --version) || fail "liushou --version"
[ "$got" = "liushou $version" ] || fail "liushou --version said '$got', expected $version"
got=$(run "$dist/liushou-desktop" --version) || fail "liushou-desktop --version"
[ "$got" = "liushou-desktop $version" ] || fail "liushou-desktop --version said '$got'"

step "liushou demo / stats / print cards"
run "$dist/liushou" demo --db "$work/cli.sqlite" --children 40 || fail "liushou demo"
run "$dist/liushou" stats --db "$work/cli.sqlite" | grep -q "total: 40" || fail "liushou stats"
run "$dist/liushou" print cards --db "$work/cli.sqlite" --out "$work/cli-cards.pdf" >/dev/null ||
  fail "liushou print cards"
head -c 4 "$work/cli-cards.pdf" | grep -q "%PDF" || fail "liushou print cards wrote no PDF"

step "liushou-desktop --self-test (offscreen)"
SECONDS=0
run "$dist/liushou-desktop" --self-test "$work/selftest" || fail "the self-test (above)"
echo "smoke: the self-test took ${SECONDS} s"
echo "smoke: the built programs work ($dist, $(du -sh "$dist" | cut -f1))."
