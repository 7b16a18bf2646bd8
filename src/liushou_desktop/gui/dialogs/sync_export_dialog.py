"""导出同步包: where to write the bundle (a USB stick) and whether to send everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import file_dialogs
from .fields import ERROR, PROBLEM_STYLE, arg, hint_label, set_role


class SyncExportDialog(QDialog):
    """Accepted with :meth:`folder` and :meth:`full` set."""

    def __init__(
        self, folder: Path | None, recipient: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a sync bundle"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(560)
        if recipient:
            intro_text = arg(
                self.tr(
                    "Writes one file with this school's changes for %1. Choose the USB stick "
                    "(or a folder on it) and take the stick to the township."
                ),
                recipient,
            )
        else:
            intro_text = self.tr(
                "Writes one file with this school's changes for the township. Choose the USB "
                "stick (or a folder on it) and take the stick to the township."
            )
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        self.folder_edit = QLineEdit(str(folder) if folder else "")
        self.folder_edit.setPlaceholderText(self.tr("Folder on the USB stick"))
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        set_role(self.problem_label, ERROR)
        self.problem_label.hide()
        self.full_box = QCheckBox(
            self.tr("Export everything (not only what the township has not received yet)")
        )
        full_hint = hint_label(
            self.tr(
                "Only needed when the township asks for it, for example after its computer "
                "was replaced. The file is larger."
            )
        )
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(QLabel(self.tr("Write to folder:")))
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        layout.addSpacing(4)
        layout.addWidget(self.full_box)
        layout.addWidget(full_hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip())

    def full(self) -> bool:
        return self.full_box.isChecked()

    def _browse(self) -> None:
        chosen = file_dialogs.existing_directory(
            self, self.tr("Choose the USB stick or a folder on it"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)
            self.problem_label.hide()

    def _accept_if_valid(self) -> None:
        text = self.folder_edit.text().strip()
        if not text:
            problem = self.tr("Choose the folder to write to.")
        elif not Path(text).is_dir():
            problem = self.tr("This folder does not exist. Is the USB stick plugged in?")
        else:
            self.accept()
            return
        self.problem_label.setText(problem)
        self.problem_label.show()
        self.folder_edit.setFocus()
