"""Printing the long tables: the ledger (文件 → 打印台账（PDF）…) and the pairing list (帮扶结对 →
打印结对名单…). Asks where to save the PDF, builds it on the worker thread with a progress bar
and Cancel (:class:`~.sync_progress_dialog.SyncProgressDialog`), names any characters no font
could print and opens the PDF (:func:`~..printouts.show_pdf`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from .. import file_dialogs
from ..printouts import build_pdf

if TYPE_CHECKING:
    from ...services.context import ServiceContext
    from ..tasks import TaskRunner
    from .sync_progress_dialog import CancelFn, ProgressFn

LEDGER, PAIRINGS = "ledger", "pairings"


class TablePrinter(QObject):
    """One printout. ``printed(path, warnings)`` after the PDF was written (``warnings``: the
    messages on characters no font has); the object then deletes itself, as it does after an
    error or a cancel."""

    printed = Signal(object, list)

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._widget = parent

    def _texts(self, what: str) -> tuple[str, str, str]:
        """Title, save caption and progress message."""
        if what == LEDGER:
            return (
                self.tr("Print the ledger"),
                self.tr("Save the ledger (PDF) as"),
                self.tr("Making the ledger as a PDF table…"),
            )
        return (
            self.tr("Print the pairing list"),
            self.tr("Save the pairing list as"),
            self.tr("Making the list of current pairings…"),
        )

    def start(self, what: str, context: ServiceContext, suggestion: str) -> bool:
        """``what``: :data:`LEDGER` or :data:`PAIRINGS`; ``suggestion``: the file name (or
        path) the save dialog proposes. False when the user cancelled the file dialog."""
        title, caption, message = self._texts(what)
        path = file_dialogs.save_path(
            self._widget, caption, suggestion, self.tr("PDF files (*.pdf)"), suffix=".pdf"
        )
        if path is None:
            self.deleteLater()
            return False
        from ...services.printing import PrintService

        def make(progress: ProgressFn, cancelled: CancelFn) -> list[Any]:
            printer = PrintService(context)
            write = printer.ledger_pdf if what == LEDGER else printer.pairing_list_pdf
            return list(write(path, progress=progress, cancelled=cancelled).warnings)

        dialog = build_pdf(
            self._widget,
            self._runner,
            path,
            make,
            title=title,
            message=message,
            on_written=lambda written, warnings: self.printed.emit(written, warnings),
        )
        dialog.destroyed.connect(self.deleteLater)
        return True
