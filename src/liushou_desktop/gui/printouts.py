"""Printouts in the GUI: build a PDF on the worker with progress and Cancel (:func:`build_pdf`);
after it was written, name the characters no font could print, then open the file in the
system's viewer (or say where it is when there is none)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from .widgets.text import arg

if TYPE_CHECKING:
    from .dialogs.sync_progress_dialog import CancelFn, ProgressFn, SyncProgressDialog
    from .tasks import TaskRunner


def show_pdf(parent: QWidget, path: Path, title: str, warnings: Sequence[str] = ()) -> None:
    if warnings:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("printouts", "Characters missing"),
            QCoreApplication.translate(
                "printouts",
                "Some characters could not be printed with any font on this computer. "
                "They are marked 【缺字】 on the pages; write them in by hand:",
            )
            + "\n\n"
            + "\n".join(warnings),
        )
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return  # tests: no PDF viewer
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        QMessageBox.information(
            parent,
            title,
            arg(
                QCoreApplication.translate(
                    "printouts",
                    "The PDF was saved to %1, but no program to open PDF files was found. "
                    "Open it yourself and print it.",
                ),
                path,
            ),
        )


def build_pdf(
    parent: QWidget,
    runner: TaskRunner,
    path: Path,
    make: Callable[[ProgressFn, CancelFn], Iterable[Any]],
    *,
    title: str,
    message: str,
    steps: str = "",
    on_written: Callable[[Path, list[str]], None] | None = None,
) -> SyncProgressDialog:
    """Build a printout on the worker with a progress window and Cancel (cancelling writes
    nothing): ``make(progress, cancelled)`` writes ``path`` and returns the characters no font
    could print (objects with a ``message``). Then ``on_written(path, messages)``, and the
    missing characters are named and the PDF opened (:func:`show_pdf`)."""
    from ..services.printing import CardsCancelled
    from ..services.sync import Cancelled
    from .dialogs.fields import guarded
    from .dialogs.sync_progress_dialog import SyncProgressDialog
    from .messages import show_known_error

    def job(progress: ProgressFn, cancelled: CancelFn) -> object:
        try:
            return [w.message for w in make(progress, cancelled)]
        except CardsCancelled:
            raise Cancelled() from None

    def written(result: object) -> None:
        assert isinstance(result, list)
        if on_written is not None:
            on_written(path, result)
        show_pdf(parent, path, title, result)

    dialog = SyncProgressDialog(runner, title, message, parent, steps=steps)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.succeeded.connect(guarded(parent, written))
    dialog.failed.connect(guarded(parent, lambda exc: show_known_error(parent, exc)))
    dialog.start(job)
    return dialog
