"""Update the translation catalogs from the sources and compile them.

    python scripts/i18n.py            # lupdate every catalog, then lrelease
    python scripts/i18n.py roster     # lupdate only the named catalog(s), then lrelease
    python scripts/i18n.py --release  # only compile .ts -> .qm

Each catalog collects the tr() strings of some source files; the app loads every
``resources/i18n/*_zh_CN.qm``. Translate in the .ts files (Qt Linguist, or by hand: replace
``type="unfinished"`` entries with the Chinese text); tests fail on unfinished entries.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "src" / "liushou_desktop" / "gui"
I18N = ROOT / "resources" / "i18n"


# Catalog by file-name prefix, so people working on different screens translate in different
# files. Everything else: dialogs/ → "dialogs", the rest → "app".
PREFIX_CATALOGS = {
    "dashboard_": "duties",
    "duty_": "duties",
    "helper_": "pairing",
    "pairing_": "pairing",
    "record_": "records",
    "timeline_": "records",
    "incident_": "records",
    "dropout_": "records",
    "screening_": "records",
    "appointment_": "records",
    "sync_": "sync",
    "township_": "township",
    "print_": "printing",
    "roster_": "roster",
    "backup_": "backup",
}


def catalog_of(path: Path) -> str:
    for prefix, name in PREFIX_CATALOGS.items():
        if path.name.startswith(prefix):
            return name
    return "dialogs" if "dialogs" in path.relative_to(GUI).parts else "app"


def catalogs() -> dict[str, list[Path]]:
    """Catalog name → source files."""
    found: dict[str, list[Path]] = {"app": [ROOT / "src" / "liushou_desktop" / "app.py"]}
    for p in sorted(GUI.rglob("*.py")):
        found.setdefault(catalog_of(p), []).append(p)
    return found


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def update(only: set[str] | None = None) -> None:
    for name, sources in catalogs().items():
        if not sources or (only and name not in only):
            continue
        ts = I18N / f"{name}_zh_CN.ts"
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *map(str, sources),
                "-ts",
                str(ts),
            ],
            check=True,
        )


def release(out_dir: Path = I18N) -> list[Path]:
    out: list[Path] = []
    for ts in sorted(I18N.glob("*_zh_CN.ts")):
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


if __name__ == "__main__":
    if "--release" not in sys.argv:
        update({a for a in sys.argv[1:] if not a.startswith("-")} or None)
    release()
