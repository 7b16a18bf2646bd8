"""文件 → 备份: back up now, back up to a USB stick (encrypted), restore from a backup — and
the automatic daily backup whenever an archive is opened.

All work runs on the worker thread through ``services.backup.BackupService``; backing up and
restoring show a progress dialog. Restoring works even when no archive could be opened (a
damaged file): it then restores the database the window was started with. After a restore
:attr:`BackupActions.restored` carries the service's ``RestoreReport``; the window opens the
database again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from . import file_dialogs
from .sync_actions import WorkerActions, guarded_obj
from .widgets.text import arg
from .widgets.tips import describe

if TYPE_CHECKING:
    from ..services.backup import BackupService
    from ..services.context import ServiceContext
    from .tasks import TaskRunner, TaskState

_FOLDER_KEY = "backup/last_folder"
_STATUS_MS = 15000
ENCRYPTED_SUFFIX = ".lsbak"  # services.backup.ENCRYPTED_SUFFIX (services load lazily)


class BackupActions(WorkerActions):
    """The 备份 submenu of a main window's 文件 menu and the work behind it."""

    backed_up = Signal(object)  # BackupInfo of a backup made by hand (here or on a stick)
    auto_done = Signal(object)  # BackupInfo of today's automatic backup, or None (existed)
    restored = Signal(object)  # services.backup.RestoreReport: open the database again
    folder_key = _FOLDER_KEY

    def __init__(
        self, window: QMainWindow, runner: TaskRunner, settings: QSettings | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self._settings = settings
        self._last_folder = ""
        self._context: ServiceContext | None = None
        self._db_path: Path | None = None
        self._enabled = False
        # the dialog last opened of each kind (tests drive them)
        self.passphrase_dialog: QDialog | None = None
        self.list_dialog: QDialog | None = None
        self.preview_dialog: QDialog | None = None
        self.progress_dialog: QDialog | None = None

        self.menu = QMenu(self.tr("&Backups"), window)
        self.backup_now_action = QAction(self.tr("&Back up now"), self)
        self.usb_action = QAction(self.tr("Back up to a &USB stick (encrypted)…"), self)
        self.restore_action = QAction(self.tr("&Restore from a backup…"), self)
        self.folder_action = QAction(self.tr("Open the backups &folder"), self)
        self.backup_now_action.triggered.connect(self.backup_now)
        self.usb_action.triggered.connect(self.backup_to_usb)
        self.restore_action.triggered.connect(self.choose_backup)
        self.folder_action.triggered.connect(self.open_folder)
        self.menu.addAction(self.backup_now_action)
        self.menu.addAction(self.usb_action)
        self.menu.addSeparator()
        self.menu.addAction(self.restore_action)
        self.menu.addSeparator()
        self.menu.addAction(self.folder_action)
        self.menu.setToolTipsVisible(True)
        for action, text in (
            (self.menu.menuAction(), self.tr("Back up the archive, or restore it from a backup")),
            (
                self.backup_now_action,
                self.tr("Make a backup of the archive now, in the backups folder beside it"),
            ),
            (
                self.usb_action,
                self.tr(
                    "Write a backup to a USB stick, encrypted with a passphrase you choose: "
                    "keep it away from this computer"
                ),
            ),
            (
                self.restore_action,
                self.tr(
                    "Put the archive back as a backup holds it (what it holds is shown first; "
                    "the archive as it is now is backed up before)"
                ),
            ),
            (self.folder_action, self.tr("Show the folder the backups are kept in")),
        ):
            describe(action, text)
        self.set_enabled(False)

    # -- state --------------------------------------------------------------------------------
    def set_database(self, path: Path) -> None:
        """The database the window opens (restore works on it even if it cannot be opened)."""
        self._db_path = Path(path)
        self._update()

    def set_archive(
        self, context: ServiceContext | None, path: Path, *, demo: bool = False
    ) -> None:
        """An archive was opened: backups are of it; today's automatic backup is made unless
        it exists (not for the demo school)."""
        self._context = context
        self._db_path = Path(path)
        self._update()
        if context is not None and not demo:
            self.run_auto()

    def set_enabled(self, enabled: bool) -> None:
        """Backing up needs an open archive; restoring only a database path."""
        self._enabled = enabled
        self._update()

    def _update(self) -> None:
        can_back_up = self._enabled and self._context is not None
        self.backup_now_action.setEnabled(can_back_up)
        self.usb_action.setEnabled(can_back_up)
        self.restore_action.setEnabled(self._db_path is not None)
        self.folder_action.setEnabled(self._db_path is not None)

    def _service(self) -> BackupService | None:
        from ..services.backup import BackupService

        if self._context is not None and self._db_path == self._context.db.path:
            return BackupService(self._context)
        if self._db_path is not None:
            return BackupService.at(self._db_path, logged_out=True)
        return None

    def folder(self) -> Path | None:
        return self._db_path.parent / "backups" if self._db_path is not None else None

    # -- automatic ----------------------------------------------------------------------------
    def run_auto(self) -> None:
        """Today's automatic backup and the rotation, on the worker (cheap when it exists)."""
        context = self._context
        if context is None:
            return

        def work(state: TaskState) -> object:
            from ..services.backup import BackupService

            return BackupService(context).auto()

        def failed(exc: object) -> None:
            message = getattr(exc, "message", str(exc))
            self.window.statusBar().showMessage(
                arg(self.tr("Automatic backup failed: %1"), message), _STATUS_MS
            )

        self.runner.run(
            work, on_done=guarded_obj(self, self.auto_done.emit), on_error=guarded_obj(self, failed)
        )

    # -- by hand ------------------------------------------------------------------------------
    def backup_now(self) -> None:
        service = self._service()
        if service is None or self._context is None:
            return
        progress = self._progress_dialog(
            self.tr("Back up now"), arg(self.tr("Backing up the archive to %1…"), service.folder)
        )
        progress.succeeded.connect(self._backed_up)
        progress.start(
            lambda report, cancelled: service.create(progress=report, cancelled=cancelled)
        )

    def _backed_up(self, made: object) -> None:
        path, children = getattr(made, "path", ""), getattr(made, "children", 0)
        text = arg(
            self.tr(
                "Backup saved: %1 (%2 child(ren)).\n\nThe backups folder keeps the daily "
                "backups of the last 7 days and 4 weeks and the last 10 of each other kind. "
                "For a copy away from this computer use Back up to a USB stick."
            ),
            path,
            children,
        )
        QMessageBox.information(self.window, self.tr("Backup saved"), text)
        self.window.statusBar().showMessage(arg(self.tr("Backup saved: %1"), path), _STATUS_MS)
        self.backed_up.emit(made)

    def backup_to_usb(self) -> None:
        service = self._service()
        if service is None or self._context is None:
            return
        chosen = file_dialogs.existing_directory(
            self.window,
            self.tr("Choose the USB stick (or a folder on it) for the encrypted backup"),
            self.last_folder(),
        )
        if not chosen:
            return
        folder = Path(chosen)
        self.remember_folder(folder)
        from .dialogs.backup_passphrase_dialog import BackupPassphraseDialog

        dialog = BackupPassphraseDialog(new=True, parent=self.window)
        self.passphrase_dialog = dialog
        dialog.accepted.connect(lambda: self._write_usb(service, folder, dialog.passphrase()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _write_usb(self, service: BackupService, folder: Path, passphrase: str) -> None:
        progress = self._progress_dialog(
            self.tr("Back up to a USB stick"),
            arg(self.tr("Writing the encrypted backup to %1 and checking it…"), folder),
        )
        progress.succeeded.connect(self._usb_written)
        progress.cancelled.connect(
            lambda _done: self._cancelled(self.tr("Cancelled. No backup was written."))
        )
        progress.start(
            lambda report, cancelled: service.create_encrypted(
                folder, passphrase, progress=report, cancelled=cancelled
            )
        )

    def _usb_written(self, made: object) -> None:
        path = getattr(made, "path", "")
        text = arg(
            self.tr(
                "The encrypted backup was written to %1 and read back to check it. You can "
                "safely remove the USB stick.\n\nKeep the passphrase somewhere safe: without "
                "it nobody can restore this backup."
            ),
            path,
        )
        QMessageBox.information(self.window, self.tr("Backup saved"), text)
        self.window.statusBar().showMessage(arg(self.tr("Backup saved: %1"), path), _STATUS_MS)
        self.backed_up.emit(made)

    def open_folder(self) -> None:
        folder = self.folder()
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            return  # tests: no file manager
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- restoring ----------------------------------------------------------------------------
    def choose_backup(self) -> None:
        """Show the backups beside the database (read on the worker)."""
        service = self._service()
        if service is None:
            return
        self.runner.run(
            lambda state: service.list(),
            on_done=guarded_obj(self, lambda found: self._show_list(service, found)),
            on_error=guarded_obj(self, self._error),
        )

    def _show_list(self, service: BackupService, backups: Any) -> None:
        from .dialogs.backup_restore_dialog import BackupRestoreDialog

        dialog = BackupRestoreDialog(list(backups), service.folder, self.window)
        self.list_dialog = dialog
        dialog.chosen.connect(lambda path: self._backup_chosen(service, Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _backup_chosen(self, service: BackupService, path: Path) -> None:
        if path.suffix.lower() != ENCRYPTED_SUFFIX:
            self.inspect(service, path, None)
            return
        from .dialogs.backup_passphrase_dialog import BackupPassphraseDialog

        dialog = BackupPassphraseDialog(new=False, file_name=path.name, parent=self.window)
        self.passphrase_dialog = dialog
        dialog.accepted.connect(lambda: self.inspect(service, path, dialog.passphrase()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def inspect(self, service: BackupService, path: Path, passphrase: str | None) -> None:
        """Read what the backup holds (and the database now), then show the preview."""

        def work(state: TaskState) -> tuple[Any, Any]:
            return service.inspect(path, passphrase), service.current()

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            self._show_preview(service, path, passphrase, *result)

        self.runner.run(
            work, on_done=guarded_obj(self, done), on_error=guarded_obj(self, self._error)
        )

    def _show_preview(
        self,
        service: BackupService,
        path: Path,
        passphrase: str | None,
        preview: Any,
        current: Any,
    ) -> None:
        from .dialogs.backup_restore_dialog import BackupPreviewDialog

        dialog = BackupPreviewDialog(preview, current, service.db_path, self.window)
        self.preview_dialog = dialog
        dialog.accepted.connect(lambda: self._restore(service, path, passphrase))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _restore(self, service: BackupService, path: Path, passphrase: str | None) -> None:
        progress = self._progress_dialog(
            self.tr("Restore from a backup"),
            self.tr(
                "Backing up the archive as it is now, then restoring the backup… Do not switch "
                "the computer off."
            ),
        )
        progress.succeeded.connect(self._restored)
        progress.cancelled.connect(
            lambda _done: self._cancelled(self.tr("Cancelled. The archive was not changed."))
        )
        progress.start(
            lambda report, cancelled: service.restore(
                path, passphrase, progress=report, cancelled=cancelled
            )
        )

    def _restored(self, report: object) -> None:
        self._context = None  # closed by the restore: the window opens the file again
        text = (
            self.tr("The archive was restored and is opened again.")
            + "\n\n"
            + str(getattr(report, "message", ""))
        )
        QMessageBox.information(self.window, self.tr("Restored from the backup"), text)
        self.restored.emit(report)
