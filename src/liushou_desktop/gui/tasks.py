"""Running database and file work off the UI thread (ARCHITECTURE.md §3.1).

Every job runs on one worker thread, in order; the result or the error comes back to the UI
thread by signal. Long jobs take a :class:`TaskState` to report progress and check for cancel::

    task = runner.run(lambda state: service.list_children(), on_done=self.show_rows)
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger("liushou.gui.tasks")


class Cancelled(Exception):
    """Raised inside a job by :meth:`TaskState.check` when the user pressed cancel."""


class TaskState:
    """What a running job sees: progress reporting and the cancel flag."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._task.progress.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled


class Task(QObject):
    """One submitted job. Signals arrive on the UI thread."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()  # after done or failed

    def __init__(self, fn: Callable[[TaskState], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.state = TaskState(self)

    def cancel(self) -> None:
        self.state.cancel()


class _Worker(QObject):
    submit = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.submit.connect(self._execute)

    @Slot(object)
    def _execute(self, task: Task) -> None:
        try:
            result = task.fn(task.state)
        except BaseException as exc:
            task.failed.emit(exc)
        else:
            task.done.emit(result)
        task.finished.emit()


class TaskRunner(QObject):
    """The one worker thread. Jobs run one at a time, in the order submitted."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("liushou-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._thread.start()
        self._pending: list[Task] = []

    def run(
        self,
        fn: Callable[[TaskState], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Task:
        """Queue ``fn`` on the worker thread. ``on_error`` gets expected errors; without it, or
        for a bug, the error goes to the application's exception hook (crash dialog + log).
        ``on_finished`` runs after either.

        Pass callbacks here rather than connecting to the returned task: a signal emitted by the
        worker before a later ``connect`` would be lost."""
        task = Task(fn)
        if on_done is not None:
            task.done.connect(on_done)
        task.failed.connect(lambda exc: self._failed(exc, on_error))
        task.finished.connect(lambda: self._finished(task))
        if on_finished is not None:
            task.finished.connect(on_finished)
        self._pending.append(task)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._worker.submit.emit(task)
        return task

    def _failed(self, exc: BaseException, on_error: Callable[[BaseException], None] | None) -> None:
        from ..domain.errors import KnownError

        if isinstance(exc, Cancelled):
            return
        if on_error is not None and isinstance(exc, KnownError):
            on_error(exc)
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _finished(self, task: Task) -> None:
        if task in self._pending:
            self._pending.remove(task)
        if not self._pending:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self) -> None:
        for task in self._pending:
            task.cancel()
        self._thread.quit()
        self._thread.wait(10_000)
