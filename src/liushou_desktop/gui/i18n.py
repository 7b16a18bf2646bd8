"""Loading the translations: Qt's own (dialog buttons, file dialogs) and the app's catalogs.

The UI is written with English source strings (``self.tr``) and always shown in Chinese:
every ``resources/i18n/*_zh_CN.qm`` is installed, plus ``qtbase_zh_CN.qm`` from Qt.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("liushou.gui.i18n")

LOCALE = "zh_CN"
_QT_CATALOGS = ("qtbase",)

# The translators installed by the last call, so a second call replaces rather than stacks.
_installed: list[QTranslator] = []


def resources_dir() -> Path:
    """``resources/``: beside the frozen executable's files (PyInstaller ``sys._MEIPASS``) or
    at the top of the source tree."""
    candidates: list[Path] = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve()
    candidates.append(here.parents[3] / "resources")  # src/liushou_desktop/gui/i18n.py
    candidates.append(here.parents[1] / "resources")  # resources shipped inside the package
    for candidate in candidates:
        if (candidate / "i18n").is_dir():
            return candidate
    return candidates[0]


def _qt_translations_dirs() -> list[Path]:
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen) / "PySide6" / "Qt" / "translations")
        dirs.append(Path(frozen) / "PySide6" / "translations")
    dirs.append(resources_dir() / "i18n")  # a packager may copy qtbase_zh_CN.qm here
    return dirs


def remove_translators() -> None:
    """Undo :func:`install_translators` (tests share one QApplication)."""
    for old in _installed:
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    _installed.clear()


def install_translators(app: QCoreApplication) -> list[str]:
    """Install Qt's and the app's Chinese catalogs; returns the names of those loaded."""
    remove_translators()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))

    loaded: list[str] = []
    for catalog in _QT_CATALOGS:
        name = f"{catalog}_{LOCALE}"
        for folder in _qt_translations_dirs():
            if _install(app, folder / f"{name}.qm"):
                loaded.append(name)
                break
        else:
            log.warning("Qt's own translation %s.qm not found", name)

    folder = resources_dir() / "i18n"
    for qm in sorted(folder.glob(f"*_{LOCALE}.qm")):
        if qm.stem.removesuffix(f"_{LOCALE}") in _QT_CATALOGS:
            continue  # Qt's own, copied here by the packager: installed above
        if _install(app, qm):
            loaded.append(qm.stem)
    if len(loaded) <= len(_QT_CATALOGS):
        log.warning("no application translations found in %s", folder)
    return loaded


def _install(app: QCoreApplication, qm: Path) -> bool:
    if not qm.is_file():
        return False
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        log.warning("could not load translation %s", qm)
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True
