"""The 同步 (sync) menu: joining a township, bundles on a USB stick, the township's enrollment.

A school (mode ``school``) joins its township with the township's enrollment file, after
comparing the key fingerprint with the printed card; then it exports bundles for the township
and imports the township's. The township (mode ``township``) hands out its enrollment file
and card, imports the schools' bundles (many at once) and writes one bundle for every school.

All work runs on the worker thread through ``services.sync.SyncService``; long jobs show a
progress dialog with Cancel. After an import merged something, :attr:`SyncActions.changed`
carries the :class:`~liushou_desktop.services.changes.Changes` so the window refreshes the
pages that show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QMessageBox

from . import file_dialogs
from .messages import show_known_error
from .printouts import show_pdf
from .widgets.text import arg
from .widgets.tips import describe

if TYPE_CHECKING:
    from ..services.context import ServiceContext
    from ..services.sync import ImportResult, PeerInfo, SyncService
    from .tasks import TaskRunner, TaskState

MODE_SCHOOL = "school"  # services.sync.MODE_SCHOOL (not imported: services load lazily)
MODE_TOWNSHIP = "township"
_FOLDER_KEY = "sync/last_folder"
_STATUS_MS = 15000
_WARNING_COLOR = "#b35c00"  # dialogs.fields.WARNING_COLOR (that package loads with dialogs)


@dataclass(frozen=True)
class SyncStatus:
    """What the menu shows about this copy, read on the worker thread."""

    mode: str
    township: PeerInfo | None = None  # a school: the township it joined
    clock_warning: str = ""
    name: str = ""  # the township: its own name, code and fingerprint
    code: str = ""
    fingerprint: str = ""
    site_id: str = ""


@dataclass(frozen=True)
class _Enrollment:
    """A township's enrollment file as read before joining."""

    path: Path
    role: str
    name: str
    code: str
    fingerprint: str


def read_status(context: ServiceContext) -> SyncStatus:
    """Runs on the worker thread."""
    from ..services.sync import MODE_TOWNSHIP as TOWNSHIP
    from ..services.sync import SyncService
    from ..sync.envelope import fingerprint

    sync = SyncService(context)
    mode = sync.mode()
    if mode == TOWNSHIP:
        doc = sync.enrollment()
        return SyncStatus(
            mode,
            name=str(doc["name"]),
            code=str(doc["code"]),
            fingerprint=fingerprint(doc["sign_pub"], doc["age_recipient"]),
            site_id=str(doc["site_id"]),
        )
    return SyncStatus(mode, township=sync.township(), clock_warning=sync.clock_warning())


class WorkerActions(QObject):
    """What the 同步 menu and the 备份 submenu share: a progress window for a job on the
    worker, and how a cancel or an error is told. Subclasses set ``window`` and ``runner``."""

    cancelled = Signal(str)  # what the user was told after pressing Cancel
    window: QMainWindow
    runner: TaskRunner
    progress_dialog: Any
    folder_key = _FOLDER_KEY  # where the last folder chosen is remembered (QSettings)
    _settings: QSettings | None
    _last_folder: str  # when there are no settings (tests, no user config)

    def last_folder(self) -> str:
        if self._settings is not None:
            value = self._settings.value(self.folder_key, "")
            if isinstance(value, str) and value:
                return value
        return self._last_folder or str(Path.home())

    def remember_folder(self, folder: Path) -> None:
        self._last_folder = str(folder)
        if self._settings is not None:
            self._settings.setValue(self.folder_key, str(folder))

    def _progress_dialog(self, title: str, text: str, steps: str = "") -> Any:
        from .dialogs.sync_progress_dialog import SyncProgressDialog

        dialog = SyncProgressDialog(self.runner, title, text, self.window, steps=steps)
        self.progress_dialog = dialog
        dialog.failed.connect(self._error)
        dialog.finished.connect(dialog.deleteLater)
        return dialog

    def _cancelled(self, text: str) -> None:
        title = QCoreApplication.translate("SyncActions", "Cancelled")
        QMessageBox.information(self.window, title, text)
        self.window.statusBar().showMessage(text, _STATUS_MS)
        self.cancelled.emit(text)

    def _error(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            show_known_error(self.window, exc)


class SyncActions(WorkerActions):
    """The 同步 menu of a main window and the work behind it."""

    changed = Signal(object)  # services.changes.Changes, after an import merged something
    status_changed = Signal(object)  # SyncStatus, whenever it has been read again
    joined = Signal(object)  # PeerInfo of the township just joined
    exported = Signal(object)  # ExportResult, or a list of them (township: every school)
    imported = Signal(object)  # list[ImportResult]
    card_written = Signal(object)  # Path of the enrollment card PDF
    enrollment_written = Signal(object)  # Path of the enrollment file

    def __init__(
        self, window: QMainWindow, runner: TaskRunner, settings: QSettings | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self._settings = settings
        self._last_folder = ""  # when there are no settings (tests, no user config)
        self._context: ServiceContext | None = None
        self._mode = MODE_SCHOOL
        self._demo = False
        self._enabled = False
        self._generation = 0
        self.status: SyncStatus | None = None
        # the dialog last opened of each kind (tests drive them)
        self.join_dialog: QDialog | None = None
        self.export_dialog: QDialog | None = None
        self.progress_dialog: QDialog | None = None
        self.results_dialog: QDialog | None = None

        self.menu = QMenu(self.tr("&Sync"), window)
        self.menu.setToolTipsVisible(True)  # e.g. why 导出同步包 is not available yet
        self.join_action = QAction(self.tr("&Join a township…"), self)
        self.export_action = QAction(self.tr("&Export sync bundle…"), self)
        self.import_action = QAction(self.tr("&Import sync bundles…"), self)
        self.import_folder_action = QAction(self.tr("Import every bundle in a &folder…"), self)
        self.write_enrollment_action = QAction(self.tr("Export &enrollment file…"), self)
        self.print_card_action = QAction(self.tr("&Print enrollment card…"), self)
        self.export_all_action = QAction(self.tr("Export for &all schools…"), self)
        self.join_action.triggered.connect(self.join_township)
        self.export_action.triggered.connect(self.export_bundle)
        self.import_action.triggered.connect(self.import_files)
        self.import_folder_action.triggered.connect(self.import_folder)
        self.write_enrollment_action.triggered.connect(self.write_enrollment)
        self.print_card_action.triggered.connect(self.print_card)
        self.export_all_action.triggered.connect(self.export_all)
        for action, text in (
            (
                self.import_action,
                self.tr("Read sync bundles (.lsync) from a USB stick: the other side's changes"),
            ),
            (
                self.import_folder_action,
                self.tr("Read every sync bundle in a folder, e.g. all of a USB stick, at once"),
            ),
            (
                self.write_enrollment_action,
                self.tr("Write the township's enrollment file, with which the schools join it"),
            ),
            (
                self.print_card_action,
                self.tr(
                    "Print the enrollment card (key fingerprint and QR code) the schools "
                    "compare when they join"
                ),
            ),
            (
                self.export_all_action,
                self.tr("Write a sync bundle for every school in one step"),
            ),
        ):
            describe(action, text)

        self.clock_label = QLabel(window)
        self.clock_label.setWordWrap(False)
        self.clock_label.setStyleSheet(f"color: {_WARNING_COLOR}; font-weight: bold;")
        self.clock_label.hide()
        window.statusBar().insertPermanentWidget(0, self.clock_label)
        self._fill_menu()
        self.set_enabled(False)

    # -- state --------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    def set_archive(self, context: ServiceContext | None, mode: str, *, demo: bool = False) -> None:
        """A database was opened (or closed): show the entries of its mode, read its state."""
        self._context = context
        self._mode = mode
        self._demo = demo
        self.status = None
        self._fill_menu()
        self._show_clock_warning("")
        self.refresh_status()

    def set_enabled(self, enabled: bool) -> None:
        """The menu works only while an archive is open and shown."""
        self._enabled = enabled
        self.menu.menuAction().setEnabled(enabled and self._context is not None)
        self._update_join_action()

    def refresh_status(self) -> None:
        """Read which township a school joined, the clock, the township's own identity."""
        context = self._context
        if context is None:
            return
        self._generation += 1
        generation = self._generation

        def got(status: object) -> None:
            if generation == self._generation and isinstance(status, SyncStatus):
                self._status_read(status)

        self.runner.run(
            lambda state: read_status(context),
            on_done=guarded_obj(self, got),
            on_error=guarded_obj(self, self._error),
        )

    def _status_read(self, status: SyncStatus) -> None:
        self.status = status
        if status.mode != self._mode:  # the file knows its mode best
            self._mode = status.mode
            self._fill_menu()
        self._update_join_action()
        self._show_clock_warning(status.clock_warning)
        self.status_changed.emit(status)

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        if self._mode == MODE_TOWNSHIP:
            menu.addAction(self.write_enrollment_action)
            menu.addAction(self.print_card_action)
            menu.addSeparator()
            menu.addAction(self.import_action)
            menu.addAction(self.import_folder_action)
            menu.addSeparator()
            menu.addAction(self.export_all_action)
        else:
            menu.addAction(self.join_action)
            menu.addSeparator()
            menu.addAction(self.export_action)
            menu.addSeparator()
            menu.addAction(self.import_action)
            menu.addAction(self.import_folder_action)
        self._update_join_action()

    def _update_join_action(self) -> None:
        township = self.status.township if self.status is not None else None
        if township is not None:
            self.join_action.setText(
                arg(self.tr("Joined township: %1 (%2)"), township.name, township.code)
            )
            describe(self.join_action, arg(self.tr("Key fingerprint: %1"), township.fingerprint))
            self.join_action.setEnabled(False)
        else:
            self.join_action.setText(self.tr("&Join a township…"))
            describe(
                self.join_action,
                self.tr(
                    "Done once: choose the township's enrollment file and compare its key "
                    "fingerprint with the printed card"
                ),
            )
            self.join_action.setEnabled(self.status is not None)
        # A school exports for its township: nothing to export to before joining one.
        self.export_action.setEnabled(township is not None)
        if township is None:
            describe(
                self.export_action,
                self.tr(
                    "Join a township first (Sync → Join a township…): a sync bundle is written "
                    "for the township this school has joined."
                ),
            )
        else:
            describe(
                self.export_action,
                arg(self.tr("Write this school's changes for %1 to a USB stick"), township.name),
            )

    def _show_clock_warning(self, text: str) -> None:
        short = self.tr("This computer's date looks wrong") if text else ""
        self.clock_label.setText(short)
        self.clock_label.setToolTip(text)
        self.clock_label.setVisible(bool(text))

    def _service(self) -> SyncService | None:
        if self._context is None:
            return None
        from ..services.sync import SyncService

        return SyncService(self._context)

    # -- a school: joining the township -------------------------------------------------------
    def join_township(self) -> None:
        service = self._service()
        if service is None:
            return
        if self._demo:
            QMessageBox.information(
                self.window,
                self.tr("Join a township"),
                self.tr(
                    "The demo school cannot join a township: its children are made up and must "
                    "not reach the township's archive. Open or create your school's own archive "
                    "first."
                ),
            )
            return
        chosen = file_dialogs.open_file(
            self.window,
            self.tr("Choose the township's enrollment file"),
            self.last_folder(),
            self.tr("Enrollment files (*.json);;All files (*)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        self.remember_folder(path.parent)

        def read(state: TaskState) -> _Enrollment:
            from ..sync.envelope import fingerprint

            doc = service.read_enrollment(path)
            return _Enrollment(
                path,
                str(doc["role"]),
                str(doc["name"]),
                str(doc["code"]),
                fingerprint(doc["sign_pub"], doc["age_recipient"]),
            )

        self.runner.run(read, on_done=guarded_obj(self, self._confirm_join), on_error=self._error)

    def _confirm_join(self, result: object) -> None:
        assert isinstance(result, _Enrollment)
        if result.role != MODE_TOWNSHIP:
            QMessageBox.warning(
                self.window,
                self.tr("Join a township"),
                self.tr(
                    "This enrollment file is not a township's (it is a school's). Ask the "
                    "township (central school) for its enrollment file."
                ),
            )
            return
        from .dialogs.sync_join_dialog import SyncJoinDialog

        dialog = SyncJoinDialog(
            result.name, result.code, result.fingerprint, result.path, self.window
        )
        self.join_dialog = dialog  # for tests and for the accepted slot
        dialog.accepted.connect(lambda: self._join(result))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _join(self, enrollment: _Enrollment) -> None:
        service = self._service()
        if service is None:
            return

        def join(state: TaskState) -> PeerInfo:
            from ..domain.errors import KnownError

            peer = service.join(enrollment.path)
            if peer.fingerprint != enrollment.fingerprint:  # the file changed meanwhile
                raise KnownError(
                    "登记文件在核对之后被改动过（指纹与刚才显示的不同），没有加入。请重新选择文件并核对。"
                )
            return peer

        self.runner.run(join, on_done=guarded_obj(self, self._joined), on_error=self._error)

    def _joined(self, peer: object) -> None:
        name = getattr(peer, "name", "")
        QMessageBox.information(
            self.window,
            self.tr("Joined the township"),
            arg(
                self.tr(
                    "This school has joined %1. From now on use Sync → Export sync bundle to "
                    "take this school's changes to the township on a USB stick."
                ),
                name,
            ),
        )
        self.window.statusBar().showMessage(arg(self.tr("Joined %1"), name), _STATUS_MS)
        self.joined.emit(peer)
        self.refresh_status()

    # -- a school: export ---------------------------------------------------------------------
    def export_bundle(self) -> None:
        service = self._service()
        if service is None:
            return
        from .dialogs.sync_export_dialog import SyncExportDialog

        township = self.status.township if self.status is not None else None
        dialog = SyncExportDialog(
            Path(self.last_folder()), township.name if township else "", self.window
        )
        self.export_dialog = dialog
        dialog.accepted.connect(lambda: self._export(service, dialog.folder(), dialog.full()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _export(self, service: SyncService, folder: Path, full: bool) -> None:
        self.remember_folder(folder)
        progress = self._progress_dialog(
            self.tr("Export a sync bundle"), arg(self.tr("Writing the sync bundle to %1…"), folder)
        )
        progress.succeeded.connect(self._exported)
        progress.cancelled.connect(
            lambda _done: self._cancelled(self.tr("Cancelled. No sync bundle was written."))
        )
        progress.start(
            lambda report, cancelled: service.export_bundle(
                folder, full=full, progress=report, cancelled=cancelled
            )
        )

    def _exported(self, result: object) -> None:
        path, ops = getattr(result, "path", ""), getattr(result, "ops", 0)
        text = arg(
            self.tr("Written to %1 (%2 change(s)). You can safely remove the USB stick."),
            path,
            ops,
        )
        QMessageBox.information(self.window, self.tr("Sync bundle exported"), text)
        self.window.statusBar().showMessage(text, _STATUS_MS)
        self.exported.emit(result)

    # -- both: import -------------------------------------------------------------------------
    def import_files(self) -> None:
        if self._context is None:
            return
        chosen = file_dialogs.open_files(
            self.window,
            self.tr("Choose the sync bundles to import"),
            self.last_folder(),
            self.tr("Sync bundles (*.lsync);;All files (*)"),
        )
        if chosen:
            paths = [Path(c) for c in chosen]
            self.remember_folder(paths[0].parent)
            self.import_paths(paths)

    def import_folder(self) -> None:
        if self._context is None:
            return
        chosen = file_dialogs.existing_directory(
            self.window,
            self.tr("Choose the folder with the sync bundles (.lsync)"),
            self.last_folder(),
        )
        if chosen:
            folder = Path(chosen)
            self.remember_folder(folder)
            self.import_paths([folder])

    def import_paths(self, paths: list[Path]) -> None:
        """Import these files (a folder: every bundle in it), with progress and cancel."""
        service = self._service()
        if service is None:
            return
        progress = self._progress_dialog(
            self.tr("Import sync bundles"),
            self.tr("Checking and merging the sync bundles…"),
            self.tr("%1 of %2 bundles"),
        )
        progress.succeeded.connect(self._imported)
        progress.cancelled.connect(self._import_cancelled)

        def job(report: Any, cancelled: Any) -> tuple[list[ImportResult], str]:
            results = service.import_bundles(paths, report, cancelled)
            return results, service.clock_warning()

        progress.start(job)

    def _imported(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        results, clock_warning = outcome
        self._show_clock_warning(clock_warning if self._mode == MODE_SCHOOL else "")
        if not results:
            QMessageBox.information(
                self.window,
                self.tr("Import sync bundles"),
                self.tr("No sync bundles (.lsync files) were found there."),
            )
            return
        from .dialogs.sync_results_dialog import SyncImportResultsDialog

        dialog = SyncImportResultsDialog(results, clock_warning, self.window)
        self.results_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        merged = [r for r in results if r.status == "merged"]
        if merged:
            from ..services.changes import Changes

            changes = Changes()
            for r in merged:
                changes.children |= r.changes.children
                changes.schools = changes.schools or r.changes.schools
                changes.classes = changes.classes or r.changes.classes
            self.changed.emit(changes)
        self.imported.emit(results)
        self.refresh_status()

    def _import_cancelled(self, done: int) -> None:
        if done:
            self._cancelled(
                arg(
                    self.tr(
                        "Import stopped. %1 bundle(s) had been imported before it stopped; what "
                        "they brought is kept. Import the rest again when you are ready."
                    ),
                    done,
                )
            )
            from ..services.changes import Changes

            self.changed.emit(Changes(schools=True, classes=True))  # which children: unknown
            self.refresh_status()
        else:
            self._cancelled(self.tr("Cancelled. Nothing was imported."))

    # -- the township -------------------------------------------------------------------------
    def write_enrollment(self) -> None:
        service = self._service()
        if service is None:
            return
        code = self.status.code if self.status is not None else ""
        suggestion = Path(self.last_folder()) / arg(
            self.tr("%1-enrollment.json"), code or "township"
        )
        path = file_dialogs.save_path(
            self.window,
            self.tr("Save the enrollment file for the schools"),
            str(suggestion),
            self.tr("Enrollment files (*.json)"),
            suffix=".json",
        )
        if path is None:
            return
        self.remember_folder(path.parent)

        def done(fp: object) -> None:
            QMessageBox.information(
                self.window,
                self.tr("Enrollment file exported"),
                arg(
                    self.tr(
                        "The enrollment file was written to %1.\n\nKey fingerprint: %2\n\n"
                        "Copy this file to every school. When a school joins, the fingerprint it "
                        "sees must be exactly this one: print the enrollment card (Sync → Print "
                        "enrollment card) and hand it to the school in person."
                    ),
                    path,
                    fp,
                ),
            )
            self.enrollment_written.emit(path)

        self.runner.run(
            lambda state: service.write_enrollment(path),
            on_done=guarded_obj(self, done),
            on_error=self._error,
        )

    def print_card(self) -> None:
        service = self._service()
        if service is None:
            return
        name = self.status.name if self.status is not None else ""
        suggestion = Path(self.last_folder()) / arg(
            self.tr("%1-enrollment-card.pdf"), name or "township"
        )
        path = file_dialogs.save_path(
            self.window,
            self.tr("Save the enrollment card"),
            str(suggestion),
            self.tr("PDF files (*.pdf)"),
            suffix=".pdf",
        )
        if path is None:
            return
        self.remember_folder(path.parent)

        def write(state: TaskState) -> Path:
            from ..reports.enrollment_card import EnrollmentCard, write_enrollment_card

            status = read_status(service.ctx)
            if status.mode != MODE_TOWNSHIP:
                from ..domain.errors import KnownError

                raise KnownError("只有乡镇（township）模式的数据库才能打印登记卡。")
            card = EnrollmentCard(status.name, status.code, status.fingerprint, status.site_id)
            return write_enrollment_card(card, path)

        self.runner.run(write, on_done=guarded_obj(self, self._card_written), on_error=self._error)

    def _card_written(self, path: object) -> None:
        assert isinstance(path, Path)
        self.window.statusBar().showMessage(
            arg(self.tr("Enrollment card saved to %1"), path), _STATUS_MS
        )
        self.card_written.emit(path)
        show_pdf(self.window, path, self.tr("Enrollment card saved"))

    def export_all(self) -> None:
        service = self._service()
        if service is None:
            return
        chosen = file_dialogs.existing_directory(
            self.window,
            self.tr("Choose the USB stick (or a folder on it) for every school's bundle"),
            self.last_folder(),
        )
        if not chosen:
            return
        folder = Path(chosen)
        self.remember_folder(folder)
        progress = self._progress_dialog(
            self.tr("Export for all schools"),
            arg(self.tr("Writing a sync bundle for every school to %1…"), folder),
            self.tr("%1 of %2 schools"),
        )

        def done(results: object) -> None:
            from .dialogs.sync_results_dialog import SyncExportAllResultsDialog

            assert isinstance(results, list)
            dialog = SyncExportAllResultsDialog(results, folder, self.window)
            self.results_dialog = dialog
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            self.exported.emit(results)

        def stopped(done_count: int) -> None:
            self._cancelled(
                arg(
                    self.tr(
                        "Stopped. Bundles for %1 school(s) had been written to %2 before it "
                        "stopped."
                    ),
                    done_count,
                    folder,
                )
                if done_count
                else self.tr("Cancelled. No sync bundle was written.")
            )

        progress.succeeded.connect(done)
        progress.cancelled.connect(stopped)
        progress.start(lambda report, cancelled: service.export_all(folder, report, cancelled))


def guarded_obj(owner: QObject, fn: Callable[[Any], None]) -> Callable[[Any], None]:
    """A task callback that does nothing once ``owner`` was deleted (the window closed)."""

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            fn(value)

    return call
