"""加入乡镇: before joining, the user compares the file's fingerprint with the printed card.

A swapped enrollment file (someone else's keys) would show another fingerprint; the card
reached the school by hand, so comparing the two is what makes the file trustworthy. The join
button stays disabled until the user has ticked that the two agree.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .fields import PROBLEM_STYLE, hint_label


class SyncJoinDialog(QDialog):
    """Shows the township's name, code and key fingerprint; accepted = join."""

    def __init__(
        self, name: str, code: str, fingerprint: str, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Join a township — check the fingerprint"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "Take the enrollment card the township gave you and compare the fingerprint "
                "below with the one printed on the card, letter by letter."
            )
        )
        intro.setWordWrap(True)
        self.name_label = QLabel(name)
        bold = self.name_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.name_label.setFont(bold)
        self.code_label = QLabel(code)
        self.file_label = hint_label(str(path))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info = QFormLayout()
        info.addRow(self.tr("Township:"), self.name_label)
        info.addRow(self.tr("Township code:"), self.code_label)
        info.addRow(self.tr("File:"), self.file_label)

        self.fingerprint_label = QLabel(fingerprint)
        self.fingerprint_label.setObjectName("fingerprint")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 10) * 2.0)
        mono.setWeight(QFont.Weight.Bold)
        self.fingerprint_label.setFont(mono)
        self.fingerprint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.fingerprint_label.setStyleSheet("padding: 12px; background: #f4f4f4;")

        warning = QLabel(
            self.tr(
                "Join only if the two are exactly the same. If they differ, do not join: the "
                "file may not be the township's. Call the township."
            )
        )
        warning.setWordWrap(True)
        warning.setProperty("role", "warning")

        self.same_box = QCheckBox(
            self.tr("I have compared it: the fingerprint is the same as on the card")
        )
        self.buttons = QDialogButtonBox()
        self.join_button = QPushButton(self.tr("Join this township"))
        self.join_button.setEnabled(False)
        self.buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.same_box.toggled.connect(self.join_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(info)
        layout.addSpacing(6)
        layout.addWidget(QLabel(self.tr("Key fingerprint:")))
        layout.addWidget(self.fingerprint_label)
        layout.addWidget(warning)
        layout.addSpacing(6)
        layout.addWidget(self.same_box)
        layout.addWidget(self.buttons)
