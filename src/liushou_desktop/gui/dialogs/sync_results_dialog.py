"""What an import or an export for every school did: a headline and one row per file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
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

OK, SAME, BAD, SKIPPED = "ok", "same", "bad", "skipped"
_TONE_COLORS = {OK: "#1b5e20", SAME: "#5f6368", BAD: "#c62828", SKIPPED: "#9aa0a6"}
_TONE_BACKGROUNDS = {OK: None, SAME: None, BAD: "#fde0e0", SKIPPED: None}
# Short columns (file, result, from, counts) are never wider than this: long text wraps in the
# message columns, and a file name cut short is whole in its tooltip.
_MAX_SHORT_COLUMN = 180
# The dialog's size, kept inside the screen (the schools' 1366x768 laptops included).
_WIDTH, _HEIGHT = 1040, 540


class SyncResultsDialog(QDialog):
    """A headline, a table (one row per file) and notes under it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(PROBLEM_STYLE)
        self._fit_screen(parent)
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
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(48)
        # Wrapped text changes height with the column's width.
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        self._wrapped: tuple[int, ...] = ()
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

    def _fit_screen(self, parent: QWidget | None) -> None:
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(_WIDTH, _HEIGHT)
            return
        room = screen.availableGeometry()
        self.resize(min(_WIDTH, room.width() - 40), min(_HEIGHT, room.height() - 60))

    def fill(
        self,
        headline: str,
        headers: Sequence[str],
        rows: Sequence[tuple[Sequence[str], str]],
        notes: Sequence[str] = (),
        wrapped: Sequence[int] = (),
    ) -> None:
        """``rows``: (cells, tone) with tone one of ``ok``, ``same``, ``bad``, ``skipped``.

        ``wrapped``: the columns of long text (default: the last), which share the width left
        by the others. Every column wraps at word (or Chinese character) boundaries, the others
        being no wider than their text, 180 px or a sixth of the dialog; every cell's full text is also its tooltip.
        """
        self.headline_label.setText(headline)
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(rows))
        for r, (cells, tone) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if c == 1 or tone == SKIPPED:
                    item.setForeground(QBrush(QColor(_TONE_COLORS[tone])))
                background = _TONE_BACKGROUNDS[tone]
                if background:
                    item.setBackground(QBrush(QColor(background)))
                self.table.setItem(r, c, item)
        self._wrapped = tuple(wrapped) or (len(headers) - 1,)
        header = self.table.horizontalHeader()
        cap = min(_MAX_SHORT_COLUMN, self.width() // 6)  # a narrow screen: narrower still
        for c in range(len(headers)):
            if c in self._wrapped:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
                self.table.resizeColumnToContents(c)
                header.resizeSection(c, min(header.sectionSize(c), cap))
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
            "skipped": (self.tr("Skipped (not addressed to this unit)"), SKIPPED),
        }
        rows = []
        # Files for another unit say the least: last (the sort keeps the import's order).
        for r in sorted(results, key=lambda r: r.status == "skipped"):
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
        self.fill(
            summarize(results),
            headers,
            rows,
            [clock_warning] if clock_warning else [],
            wrapped=(3,),  # 提醒 is capped like the short columns: it wraps too
        )


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
