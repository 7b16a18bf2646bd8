"""帮助 → 关于: the program's name and version, where its files are (database, data folder,
backups, log) with 打开数据文件夹, and the licences of the bundled font and the main libraries.

Versions and licences are read from the installed packages' metadata when the dialog opens
(``importlib.metadata``: cheap then, not at start-up), so they stay true after an upgrade; a
frozen build without a package's metadata falls back to the module's ``__version__`` (only of
modules already imported) and the licence written here.
"""

from __future__ import annotations

import contextlib
import platform
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ..i18n import resources_dir
from ..widgets.text import arg

FONT_LICENCE = Path("fonts") / "LICENSE-wqy-microhei.txt"
PROGRAM_DISTRIBUTION = "liushou-desktop"
PROGRAM_LICENCE = "Apache-2.0"  # pyproject.toml's licence, when the metadata is not there

# (distributions to try, the name shown, the module whose __version__ may say, the licence
# when the metadata does not say it)
LIBRARIES: tuple[tuple[tuple[str, ...], str, str, str], ...] = (
    (("PySide6-Essentials", "PySide6"), "Qt for Python (PySide6)", "PySide6", "LGPL-3.0-only"),
    (("SQLAlchemy",), "SQLAlchemy", "sqlalchemy", "MIT"),
    (("sqlmodel",), "SQLModel", "sqlmodel", "MIT"),
    (("alembic",), "Alembic", "alembic", "MIT"),
    (("pydantic",), "Pydantic", "pydantic", "MIT"),
    (("reportlab",), "ReportLab", "reportlab", "BSD"),
    (("openpyxl",), "openpyxl", "openpyxl", "MIT"),
    (("xlrd",), "xlrd", "xlrd", "BSD"),
    (("pyrage",), "pyrage (age)", "pyrage", "MIT"),
    (("cryptography",), "cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause"),
    (("pypinyin",), "pypinyin", "pypinyin", "MIT"),
    (("platformdirs",), "platformdirs", "platformdirs", "MIT"),
    (("uuid6",), "uuid6", "uuid6", "MIT"),
)
_SHORT_LICENCE = 60  # a longer License field is the licence's text, not its name


@dataclass(frozen=True)
class Component:
    name: str
    version: str  # "" when unknown
    licence: str


def _licence_of(metadata: object) -> str:
    """The licence's name from a package's metadata (PEP 639 expression, the License field
    when it is a name, else the classifiers); "" when none says."""
    get = getattr(metadata, "get", None)
    get_all = getattr(metadata, "get_all", None)
    if get is None or get_all is None:
        return ""
    expression = (get("License-Expression") or "").strip()
    if expression:
        return str(expression)
    field = (get("License") or "").strip()
    if field and "\n" not in field and len(field) <= _SHORT_LICENCE:
        return str(field)
    classifiers = [
        c.rsplit("::", 1)[-1].strip()
        for c in (get_all("Classifier") or [])
        if c.startswith("License ::")
    ]
    return " / ".join(classifiers)


def _from_metadata(distributions: tuple[str, ...]) -> tuple[str, str]:
    """(version, licence) of the first installed distribution; ("", "") when none is."""
    from importlib import metadata

    for name in distributions:
        try:
            found = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        return str(found["Version"] or ""), _licence_of(found)
    return "", ""


def font_component(licence_file: Path | None = None) -> Component:
    """The vendored font, as its licence file (Debian copyright format) names it."""
    path = licence_file or resources_dir() / FONT_LICENCE
    name, version, licence = "WenQuanYi Micro Hei", "", "Apache-2.0"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return Component(name, version, licence)
    if found := re.search(r"^Upstream-Name:\s*(.+)$", text, re.MULTILINE):
        name = found.group(1).strip()
    if found := re.search(r"^License:\s*(.+)$", text, re.MULTILINE):
        licence = found.group(1).strip()
    if found := re.search(r"wqy-microhei-([0-9][\w.-]*?)\.tar", text):
        version = found.group(1)
    return Component(name, version, licence)


def components() -> list[Component]:
    """The program, Python, Qt, the libraries and the font, with versions and licences."""
    version, licence = _from_metadata((PROGRAM_DISTRIBUTION,))
    found = [
        Component(PROGRAM_DISTRIBUTION, __version__, licence or PROGRAM_LICENCE),
        Component("Python", platform.python_version(), "PSF-2.0"),
        Component("Qt", qVersion(), "LGPL-3.0-only"),
    ]
    for distributions, shown, module, fallback in LIBRARIES:
        version, licence = _from_metadata(distributions)
        if not version:
            version = str(getattr(sys.modules.get(module), "__version__", "") or "")
        found.append(Component(shown, version, licence or fallback))
    found.append(font_component())
    return found


def _path_label(path: Path, parent: QWidget) -> QLabel:
    label = QLabel(str(path), parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class AboutDialog(QDialog):
    """关于: see the module's text. ``data_dir`` is opened by 打开数据文件夹."""

    def __init__(
        self,
        *,
        db_path: Path,
        data_dir: Path,
        log_path: Path,
        backups_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setWindowTitle(self.tr("About"))

        title = QLabel(self.tr("Left-behind Children Care Archive"), self)
        title.setObjectName("pageTitle")
        version = QLabel(arg(self.tr("Version %1"), __version__), self)
        version.setObjectName("aboutVersion")
        summary = QLabel(
            self.tr(
                "Keeps the archives of left-behind children for a school, "
                "on this computer and without the internet."
            ),
            self,
        )
        summary.setWordWrap(True)

        places = QFormLayout()
        places.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.db_label = _path_label(db_path, self)
        self.data_label = _path_label(self.data_dir, self)
        places.addRow(self.tr("Database:"), self.db_label)
        places.addRow(self.tr("Data folder:"), self.data_label)
        if backups_dir is not None:
            places.addRow(self.tr("Backups:"), _path_label(backups_dir, self))
        places.addRow(self.tr("Log file:"), _path_label(log_path, self))

        self.open_folder_button = QPushButton(self.tr("Open the data folder"), self)
        self.open_folder_button.setToolTip(
            self.tr("Show the folder of the program's data (database, logs) in the file manager")
        )
        self.open_folder_button.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.open_folder_button)
        folder_row.addStretch(1)

        licences_title = QLabel(self.tr("Licences"), self)
        licences_title.setObjectName("cardTitle")
        self.licences = self._licence_table(components())
        font_file = resources_dir() / FONT_LICENCE
        notes = QLabel(self)
        notes.setWordWrap(True)
        notes.setTextFormat(Qt.TextFormat.RichText)
        notes.setOpenExternalLinks(True)
        notes.setText(
            "<p>"
            + arg(
                self.tr(
                    "%1 is used under %2: its libraries in the program's folder may be "
                    "replaced by another build of the same version."
                ),
                "Qt / PySide6",
                "LGPL-3.0",
            )
            + "</p><p>"
            + arg(
                self.tr("The bundled font's licence: %1"),
                f'<a href="{QUrl.fromLocalFile(str(font_file)).toString()}">{font_file.name}</a>',
            )
            + "</p>"
        )
        notes.setObjectName("hint")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(version)
        layout.addWidget(summary)
        layout.addSpacing(6)
        layout.addLayout(places)
        layout.addLayout(folder_row)
        layout.addSpacing(6)
        layout.addWidget(licences_title)
        layout.addWidget(self.licences, 1)
        layout.addWidget(notes)
        layout.addWidget(buttons)
        self.resize(680, 640)

    def _licence_table(self, found: list[Component]) -> QTableWidget:
        table = QTableWidget(len(found), 3, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        for row, component in enumerate(found):
            for column, text in enumerate(
                (component.name, component.version or "—", component.licence)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def open_data_folder(self) -> bool:
        """打开数据文件夹: the file manager shows the data folder (made if it is not there)."""
        with contextlib.suppress(OSError):  # the message below says when it cannot be opened
            self.data_dir.mkdir(parents=True, exist_ok=True)
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
        if not opened:
            QMessageBox.information(
                self,
                self.tr("Open the data folder"),
                arg(
                    self.tr("The folder could not be opened here. Open it in the file manager: %1"),
                    self.data_dir,
                ),
            )
        return bool(opened)
