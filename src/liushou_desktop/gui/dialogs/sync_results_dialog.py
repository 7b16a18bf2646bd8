"""What an import or an export for every school did: a headline and one row per file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .fields import PROBLEM_STYLE, WARNING, arg, set_role

if TYPE_CHECKING:
    from ...services.sync import ExportResult, ImportResult

OK, SAME, BAD = "ok", "same", "bad"
_TONE_COLORS = {OK: "#1b5e20", SAME: "#5f6368", BAD: "#c62828"}
_TONE_BACKGROUNDS = {OK: None, SAME: None, BAD: "#fde0e0"}


class SyncResultsDialog(QDialog):
    """A headline, a table (one row per file) and notes under it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(PROBLEM_STYLE)
        self.resize(860, 420)
        self.headline_label = QLabel()
        self.headline_label.setWordWrap(True)
        self.headline_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline_label.font()
        font.setBold(True)
        self.headline_label.setFont(font)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        set_role(self.notes_label, WARNING)
        self.notes_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(buttons)

    def fill(
        self,
        headline: str,
        headers: Sequence[str],
        rows: Sequence[tuple[Sequence[str], str]],
        notes: Sequence[str] = (),
    ) -> None:
        """``rows``: (cells, tone) with tone one of ``ok``, ``same``, ``bad``."""
        self.headline_label.setText(headline)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(rows))
        for r, (cells, tone) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 1:
                    item.setForeground(QBrush(QColor(_TONE_COLORS[tone])))
                background = _TONE_BACKGROUNDS[tone]
                if background:
                    item.setBackground(QBrush(QColor(background)))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


class SyncImportResultsDialog(SyncResultsDialog):
    """导入同步包: services.sync.summarize as the headline, then each file."""

    def __init__(
        self,
        results: Sequence[ImportResult],
        clock_warning: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Sync bundles imported"))
        from ...services.sync import summarize

        status_text = {
            "merged": (self.tr("Merged"), OK),
            "duplicate": (self.tr("Duplicate"), SAME),
            "rejected": (self.tr("Refused"), BAD),
        }
        rows = []
        for r in results:
            text, tone = status_text.get(r.status, (r.status, BAD))
            warnings = [w for w in r.warnings if w != clock_warning]
            rows.append(
                (
                    [
                        Path(r.file).name,
                        text,
                        r.sender,
                        r.message,
                        str(r.conflicts) if r.conflicts else "",
                        "\n".join(warnings),
                    ],
                    tone,
                )
            )
        headers = [
            self.tr("File"),
            self.tr("Result"),
            self.tr("From"),
            self.tr("Message"),
            self.tr("Conflicts"),
            self.tr("Warnings"),
        ]
        self.fill(summarize(results), headers, rows, [clock_warning] if clock_warning else [])


class SyncExportAllResultsDialog(SyncResultsDialog):
    """为全部学校导出: one bundle per school."""

    def __init__(
        self, results: Sequence[ExportResult], folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Bundles for every school"))
        headline = arg(
            self.tr(
                "Wrote %1 sync bundle(s) to %2. You can safely remove the USB stick. Give each "
                "school its own file."
            ),
            len(results),
            folder,
        )
        rows = [
            (
                [
                    r.recipient,
                    self.tr("Written"),
                    arg(self.tr("%1 change(s)"), r.ops),
                    Path(r.path).name,
                ],
                OK,
            )
            for r in results
        ]
        headers = [self.tr("School"), self.tr("Result"), self.tr("Changes"), self.tr("File")]
        self.fill(headline, headers, rows)
