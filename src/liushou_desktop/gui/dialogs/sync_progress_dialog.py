"""A sync job on the worker thread, with a progress bar and a Cancel button.

The job is a function ``(progress, cancelled) -> result``, the shape of the sync service's
long operations (``export_bundle``, ``export_all``, ``import_bundles``). Progress arrives on
the UI thread by a queued signal. Cancel asks the job to stop at its next check; the dialog
stays until the job has stopped, so nothing is left half done behind the user's back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .fields import arg, guarded

if TYPE_CHECKING:
    from ..tasks import TaskRunner, TaskState

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
SyncJob = Callable[[ProgressFn, CancelFn], object]


class SyncProgressDialog(QDialog):
    """Runs one job; emits exactly one of ``succeeded``, ``failed`` or ``cancelled``."""

    succeeded = Signal(object)  # the job's result
    failed = Signal(object)  # a KnownError
    cancelled = Signal(int)  # the steps done before the job stopped
    _progressed = Signal(int, int)  # emitted on the worker thread, delivered queued

    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        text: str,
        parent: QWidget | None = None,
        *,
        steps: str = "",
    ) -> None:
        """``steps``: how to count the progress, e.g. "%1 of %2 bundles" (empty: not shown,
        for jobs whose steps mean nothing to the user)."""
        super().__init__(parent)
        self._runner = runner
        self._steps = steps
        self._cancel = threading.Event()
        self._running = False
        self._ended = False
        self._done = 0
        self._total = 0
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # until the first report
        self.bar.setTextVisible(False)
        self.step_label = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label, 1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self._progressed.connect(self._show_progress)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def steps_done(self) -> int:
        return self._done

    def start(self, job: SyncJob) -> None:
        """Show the dialog and run ``job`` on the worker thread.

        Once the last step has begun, cancel is no longer passed on: the last step is the one
        that writes, and stopping after it would leave a file the user was told is not there."""
        event = self._cancel
        emit = self._progressed.emit
        seen = [0, 0]

        def progress(done: int, total: int) -> None:
            seen[:] = [done, total]
            emit(done, total)

        def cancelled() -> bool:
            done, total = seen
            last_step_begun = total > 0 and done >= total - 1
            return event.is_set() and not last_step_begun

        def work(state: TaskState) -> object:
            return job(progress, lambda: cancelled() or state.cancelled)

        self._running = True
        self._runner.run(
            work,
            on_done=guarded(self, self._succeeded),
            on_error=guarded(self, self._failed),
            on_finished=guarded(self, self._finished),
        )
        self.open()

    def request_cancel(self) -> None:
        if not self._running:
            self.reject()
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.step_label.setText(self.tr("Stopping…"))

    # -- the job's end ------------------------------------------------------------------------
    def _show_progress(self, done: int, total: int) -> None:
        self._done, self._total = done, total
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if self._steps and not self._cancel.is_set():
            self.step_label.setText(arg(self._steps, done, total))

    def _succeeded(self, result: object) -> None:
        self._end()
        self.succeeded.emit(result)

    def _failed(self, exc: object) -> None:
        from ...services.sync import Cancelled  # loaded with the job's service

        self._end()
        if isinstance(exc, Cancelled):
            self.cancelled.emit(self._done)
        else:
            self.failed.emit(exc)

    def _finished(self) -> None:
        """After done or failed; also after a bug (which went to the crash dialog)."""
        self._running = False
        if not self._ended:
            self._ended = True
            self.accept()

    def _end(self) -> None:
        self._running = False
        self._ended = True
        self.accept()

    # -- closing ------------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and the window's close button ask the job to stop; the dialog closes when it
        has."""
        if self._running:
            self.request_cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            self.request_cancel()
            return
        super().closeEvent(event)
