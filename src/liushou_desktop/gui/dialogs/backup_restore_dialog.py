"""从备份恢复: choose a backup (the list beside the database, or any file), then a preview of
what it holds (date, school, children, records — next to the database as it is now) before
anything is restored."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import file_dialogs
from .fields import ERROR, PROBLEM_STYLE, WARNING, arg, hint_label, set_role

if TYPE_CHECKING:
    from ...services.backup import BackupInfo, BackupPreview

ENCRYPTED_SUFFIX = ".lsbak"  # services.backup.ENCRYPTED_SUFFIX (services load lazily)


def reason_text(reason: str) -> str:
    """What kind of backup this is, as the user says it."""
    labels = {
        "auto": QCoreApplication.translate("BackupReasons", "Automatic (daily)"),
        "manual": QCoreApplication.translate("BackupReasons", "Backed up by hand"),
        "before-import": QCoreApplication.translate("BackupReasons", "Before an import"),
        "before-migration": QCoreApplication.translate("BackupReasons", "Before a program update"),
        "before-restore": QCoreApplication.translate("BackupReasons", "Before a restore"),
        "before-restore-damaged": QCoreApplication.translate(
            "BackupReasons", "Damaged file kept before a restore"
        ),
        "usb": QCoreApplication.translate("BackupReasons", "Encrypted (USB stick)"),
    }
    return labels.get(reason, reason)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, size // 1024)} KB"


class BackupRestoreDialog(QDialog):
    """The backups to choose from. Emits :attr:`chosen` with a file's path and closes."""

    chosen = Signal(object)  # Path

    def __init__(
        self, backups: list[BackupInfo], folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backups = list(backups)
        self.folder = folder
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumSize(640, 420)
        intro = QLabel(
            self.tr(
                "Choose the backup to go back to. You will see what it holds before anything "
                "is changed, and the archive as it is now is backed up first."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made on"), self.tr("Kind"), self.tr("Children"), self.tr("Size")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, b in enumerate(self.backups):
            children = self.tr("unreadable") if b.children is None else str(b.children)
            cells = [
                b.created_at.strftime("%Y-%m-%d %H:%M"),
                reason_text(b.reason),
                children,
                size_text(b.size),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                if col >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.empty_label = QLabel(
            arg(
                self.tr(
                    "No backups were found in %1. Choose a backup file yourself, for example "
                    "an encrypted backup (.lsbak) on a USB stick."
                ),
                folder,
            )
        )
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, WARNING)
        self.empty_label.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        self.buttons = QDialogButtonBox()
        self.other_button = self.buttons.addButton(
            self.tr("Choose another file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button.clicked.connect(self._choose_file)
        self.restore_button = self.buttons.addButton(
            self.tr("Next…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_selected)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self._accept_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addStretch(0 if self.backups else 1)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Automatic backups: one a day (the last 7 days and 4 weeks before them), "
                    "and one before every import."
                )
            )
        )
        layout.addWidget(self.buttons)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _accept_selected(self) -> None:
        path = self.selected()
        if path is not None:
            self._choose(path)

    def _choose_file(self) -> None:
        chosen = file_dialogs.open_file(
            self,
            self.tr("Choose a backup file"),
            str(self.folder if self.folder.is_dir() else self.folder.parent),
            arg(
                self.tr("Backups (%1);;All files (*)"),
                f"*.sqlite *{ENCRYPTED_SUFFIX}",
            ),
        )
        if chosen:
            self._choose(Path(chosen))

    def _choose(self, path: Path) -> None:
        self.accept()
        self.chosen.emit(path)


class BackupPreviewDialog(QDialog):
    """What the backup holds, next to the database as it is now; accepted = restore it."""

    def __init__(
        self,
        preview: BackupPreview,
        current: BackupPreview | None,
        db_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Restore this backup?"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(560)
        when = (
            preview.created_at.strftime("%Y-%m-%d %H:%M")
            if preview.created_at
            else self.tr("unknown")
        )
        rows: list[tuple[str, str, str]] = [
            (self.tr("Made on"), when, ""),
            (
                self.tr("School"),
                self._unit(preview),
                self._unit(current) if current is not None else "",
            ),
            (
                self.tr("Children"),
                str(preview.children),
                str(current.children) if current is not None else "",
            ),
            (
                self.tr("Records"),
                str(preview.records),
                str(current.records) if current is not None else "",
            ),
        ]
        if preview.encrypted:
            rows.append((self.tr("Kind"), self.tr("Encrypted backup"), ""))
        cells = "".join(
            f"<tr><td><b>{html.escape(a)}</b></td><td>{html.escape(b)}</td>"
            f"<td style='color:#5f6368'>{html.escape(c)}</td></tr>"
            for a, b, c in rows
        )
        in_backup, now = self.tr("In the backup"), self.tr("Now")
        head = (
            f"<tr><td></td><td><b>{html.escape(in_backup)}</b></td>"
            f"<td><b>{html.escape(now)}</b></td></tr>"
        )
        self.figures_label = QLabel(f"<table cellspacing='8'>{head}{cells}</table>")
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)
        self.file_label = hint_label(arg(self.tr("File: %1"), preview.path))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        set_role(self.warning_label, ERROR)
        warnings: list[str] = []
        if current is not None and current.code and preview.code != current.code:
            warnings.append(
                arg(
                    self.tr(
                        "This backup belongs to another school (%1), not to the archive open "
                        "now (%2)."
                    ),
                    self._unit(preview),
                    self._unit(current),
                )
            )
        if preview.mode == "township":
            warnings.append(
                self.tr(
                    "This is a township database: what the township itself did after the "
                    "backup (conflict decisions, transfers, settings for the schools) is not "
                    "brought back by syncing."
                )
            )
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        explain_parts = [
            self.tr(
                "Restoring replaces everything in the archive with this backup. Changes made "
                "after the backup are lost on this computer — except those already sent to the "
                "township, which come back with the next sync."
            ),
            arg(
                self.tr("The archive as it is now is backed up first (in %1), so you can go back."),
                db_path.parent / "backups",
            ),
        ]
        if preview.upgrade:
            explain_parts.append(
                self.tr("The backup was made by an older version and will be upgraded.")
            )
        explain = QLabel("\n\n".join(explain_parts))
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.restore_button: QPushButton = self.buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # nothing happens by pressing Enter
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures_label)
        layout.addWidget(self.file_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(explain)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _unit(self, p: Any) -> str:
        return arg(self.tr("%1 (%2)"), p.school, p.code) if p.code else str(p.school)
