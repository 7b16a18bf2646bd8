"""Bugs: one exception hook that logs and shows a crash dialog (ARCHITECTURE.md §3.5).

Expected errors are :class:`KnownError` and shown by :mod:`gui.messages`; everything else ends
here. The traceback goes to a rotating log file in the data directory (``logs/liushou.log``);
then a dialog in Chinese says what happened, that saved data is safe and where the log is.
Under tests (offscreen platform or pytest) nothing modal opens: the hook logs and hands the
error on to the hook it replaced, so pytest-qt still sees it.

This module also holds :func:`keep_none_alive`, a guard against an interpreter crash.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from .widgets.text import arg

log = logging.getLogger("liushou.crash")

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
MAX_DIALOGS = 3  # after this many crash dialogs in one session, only log (no dialog loop)

_file_handler: RotatingFileHandler | None = None


def keep_none_alive() -> None:
    """Guard against shiboken6 6.12 on CPython 3.11 dropping one reference to ``None`` each
    time C++ calls a Python override that returns None (``data()`` for an unused role) or a
    callable passed to ``QTimer.singleShot``. Painting one page of a table does that thousands
    of times, and when None's count reaches zero the interpreter aborts ("deallocating None").
    Python 3.12 made None immortal, which hides the bug there; this gives None the same
    effectively unreachable count on 3.11. Idempotent; a no-op elsewhere."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for singleton in (None, True, False):  # bool-returning overrides drop True/False the same way
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is the first field
        if count.value < 1 << 60:
            count.value += 1 << 60


def setup_log_file(log_path: Path) -> Path | None:
    """Send the ``liushou`` loggers to a rotating file; returns the path, or None when the
    folder cannot be written (then only stderr shows what happened)."""
    global _file_handler
    root = logging.getLogger("liushou")
    if _file_handler is not None:
        if Path(_file_handler.baseFilename) == log_path.resolve():
            return log_path
        root.removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"liushou: cannot write the log to {log_path}: {exc}", file=sys.stderr)
        return None
    handler = RotatingFileHandler(
        log_path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(handler)
    if root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    _file_handler = handler
    _dump_hard_crashes(log_path.with_name("faults.log"))
    return log_path


_fault_file: object | None = None


def _dump_hard_crashes(path: Path) -> None:
    """A crash in C++ (Qt) or of the interpreter itself bypasses every Python hook: let
    faulthandler write the stacks of all threads to ``faults.log`` beside the log. Not under
    tests, where pytest's own faulthandler writes to the terminal."""
    global _fault_file
    if _fault_file is not None or running_headless():
        return
    import faulthandler

    try:
        fh = path.open("a", encoding="utf-8")
    except OSError:
        return
    faulthandler.enable(fh, all_threads=True)
    _fault_file = fh


def running_headless() -> bool:
    """True under tests or without a screen: no modal dialog may open."""
    if "PYTEST_CURRENT_TEST" in os.environ or "pytest" in sys.modules:
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if QGuiApplication.instance() is not None:
        platform = QGuiApplication.platformName() or platform
    return platform in ("offscreen", "minimal")


class CrashHandler(QObject):
    """The one exception hook. Create it with :func:`install_crash_handler`."""

    _report = Signal(str)  # the formatted traceback, shown from the event loop

    def __init__(self, log_path: Path, *, interactive: bool) -> None:
        super().__init__()
        self.log_path = log_path
        self.interactive = interactive
        self.previous = sys.excepthook
        self.crashes = 0
        self._dialogs = 0
        self._showing = False
        # Queued: the dialog opens after the failing event has unwound, from any thread.
        self._report.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        current = sys.excepthook
        owner = getattr(current, "__self__", None)
        if isinstance(owner, CrashHandler):  # replacing an earlier handler: chain to its own
            self.previous = owner.previous
        else:
            self.previous = current
        sys.excepthook = self.excepthook
        if self.interactive:
            threading.excepthook = self._thread_hook

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.crashes += 1
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            log.critical("unhandled exception (bug)\n%s", text)
        except Exception:  # logging must never turn one error into two
            sys.__excepthook__(exc_type, exc, tb)
        if not self.interactive:
            self.previous(exc_type, exc, tb)  # pytest-qt's capture, or print to stderr
            return
        if self._showing or self._dialogs >= MAX_DIALOGS:
            return  # already showing one, or too many: the log has it
        self._report.emit(text)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show_dialog(self, details: str) -> None:
        if self._showing:
            return
        self._showing = True
        self._dialogs += 1
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(self.tr("Unexpected error"))
            box.setText(
                self.tr(
                    "The program ran into an unexpected problem and could not finish "
                    "what it was doing."
                )
            )
            box.setInformativeText(
                arg(
                    self.tr(
                        "Everything saved before is safe in the database; only what was being "
                        "typed in an open window may need to be entered again.\n\nThe details "
                        "were written to the log file:\n%1\nPlease give this file to whoever "
                        "looks after the software."
                    ),
                    self.log_path,
                )
            )
            box.setDetailedText(details)
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.exec()
        except Exception:
            traceback.print_exc()  # the dialog itself failed: stderr, and no further dialog
        finally:
            self._showing = False


def install_crash_handler(log_path: Path, *, interactive: bool | None = None) -> CrashHandler:
    """Log to ``log_path`` and install the exception hook (dialogs unless headless)."""
    setup_log_file(log_path)
    handler = CrashHandler(
        log_path, interactive=not running_headless() if interactive is None else interactive
    )
    handler.install()
    return handler
