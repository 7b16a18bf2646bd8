"""文件 → 导出台账（Excel）…: what the workbook carries — the full ledger for the school's own use,
the ledger without ID numbers and phones for sending out, or the counts alone (no child) — then
where to save it. The export runs on the worker (:func:`export_job`); :func:`show_written` says
what was written and offers to open it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .. import file_dialogs
from .fields import PROBLEM_STYLE, arg, hint_label

if TYPE_CHECKING:
    from ...services.context import ServiceContext
    from ..tasks import TaskState

FULL, LEAN, STATISTICS = "full", "lean", "statistics"
KINDS = (FULL, LEAN, STATISTICS)


class LedgerExportDialog(QDialog):
    """Accepted with :meth:`kind` and :meth:`path` set (the file dialog is asked on 导出…;
    cancelling it leaves this dialog open)."""

    def __init__(self, unit: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unit = unit
        self._folder = folder
        self._path: Path | None = None
        self.setWindowTitle(self.tr("Export the ledger"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("What should the workbook contain?"))
        intro.setWordWrap(True)
        self.full_button = QRadioButton(self.tr("The full ledger (for the school's own use)"))
        full_hint = hint_label(
            self.tr(
                "Every column of the registration form, with ID numbers and phone numbers, "
                "plus the summary, the statistics and this school year's records."
            )
        )
        self.lean_button = QRadioButton(
            self.tr("Without ID numbers and phone numbers (to send out)")
        )
        lean_hint = hint_label(
            self.tr(
                "For the township or the education bureau: the same workbook without the "
                "ID-number and phone columns; numbers written in the records are hidden."
            )
        )
        self.statistics_button = QRadioButton(
            self.tr("Only the statistics (no information on any child)")
        )
        statistics_hint = hint_label(
            self.tr(
                "Only the counts of the summary and statistics sheets: no names, ID numbers, "
                "phone numbers, addresses or records."
            )
        )
        self.group = QButtonGroup(self)
        for button in (self.full_button, self.lean_button, self.statistics_button):
            self.group.addButton(button)
        self.full_button.setChecked(True)  # the school's own use; sending out is a choice

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._choose_file)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        for button, hint in (
            (self.full_button, full_hint),
            (self.lean_button, lean_hint),
            (self.statistics_button, statistics_hint),
        ):
            layout.addWidget(button)
            hint.setContentsMargins(24, 0, 0, 6)
            layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def kind(self) -> str:
        """:data:`FULL`, :data:`LEAN` or :data:`STATISTICS`."""
        if self.lean_button.isChecked():
            return LEAN
        if self.statistics_button.isChecked():
            return STATISTICS
        return FULL

    def set_kind(self, kind: str) -> None:
        button = {LEAN: self.lean_button, STATISTICS: self.statistics_button}.get(kind)
        (button or self.full_button).setChecked(True)

    def path(self) -> Path | None:
        return self._path

    def _choose_file(self) -> None:
        kind = self.kind()
        if kind == STATISTICS:
            name, caption = self.tr("%1-statistics"), self.tr("Save the statistics as")
        elif kind == LEAN:
            name = self.tr("%1-ledger-to-send")
            caption = self.tr("Save the ledger (without ID numbers and phones) as")
        else:
            name, caption = self.tr("%1-ledger"), self.tr("Save the ledger as")
        path = file_dialogs.save_path(
            self,
            caption,
            str(self._folder / (arg(name, self._unit) + ".xlsx")),
            self.tr("Workbooks") + " (*.xlsx)",  # the catalog's Chinese has no English words
            suffix=".xlsx",
        )
        if path is None:
            return  # back to the choice
        self._path = path
        self.accept()


def export_job(
    context: ServiceContext, school_id: str | None, kind: str, path: Path
) -> Callable[[TaskState], dict[str, Any]]:
    """The export for the worker: the service's result with "kind" added."""

    def work(state: TaskState) -> dict[str, Any]:
        from ...services.ledger import LedgerService

        service = LedgerService(context)
        if kind == STATISTICS:
            result = service.export_statistics(path, school_id)
        else:
            result = service.export_ledger(
                path,
                school_id,
                progress=state.report,
                cancelled=lambda: state.cancelled,
                lean=kind == LEAN,
            )
        return {**result, "kind": kind}

    return work


def written_message(result: dict[str, Any]) -> str:
    kind, n, path = result.get("kind", FULL), result["children"], Path(result["path"])
    if kind == STATISTICS:
        return arg(
            QCoreApplication.translate(
                "LedgerExportDialog",
                "Statistics of %1 child(ren) saved to %2 (no child's information)",
            ),
            n,
            path,
        )
    if kind == LEAN:
        return arg(
            QCoreApplication.translate(
                "LedgerExportDialog",
                "Ledger of %1 child(ren) saved to %2 (without ID numbers and phones)",
            ),
            n,
            path,
        )
    return arg(
        QCoreApplication.translate("LedgerExportDialog", "Ledger of %1 child(ren) saved to %2"),
        n,
        path,
    )


def show_written(window: QMainWindow, result: dict[str, Any]) -> None:
    """The status bar says what was written; then offer to open it in Excel/WPS."""
    path = Path(result["path"])
    window.statusBar().showMessage(written_message(result), 8000)
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return  # tests: no spreadsheet program
    title = QCoreApplication.translate("LedgerExportDialog", "Workbook saved")
    answer = QMessageBox.question(
        window,
        title,
        arg(
            QCoreApplication.translate(
                "LedgerExportDialog", "The workbook was saved to %1. Open it now?"
            ),
            path,
        ),
    )
    if answer == QMessageBox.StandardButton.Yes and not QDesktopServices.openUrl(
        QUrl.fromLocalFile(str(path))
    ):
        QMessageBox.information(
            window,
            title,
            arg(
                QCoreApplication.translate(
                    "LedgerExportDialog",
                    "No program to open %2 files was found. Open %1 with %2.",
                ),
                path,
                "Excel/WPS",
            ),
        )
