"""The passphrase of an encrypted backup: chosen (typed twice, with a strength hint) when a
backup is written to a USB stick, or typed once to open one for a restore."""

from __future__ import annotations

import math

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .fields import ERROR, PROBLEM_STYLE, WARNING, arg, hint_label, set_role

MIN_LENGTH = 8  # services.backup.MIN_PASSPHRASE (services load lazily, on the worker)
TOO_SHORT, WEAK, FAIR, STRONG = range(4)


def strength(text: str) -> int:
    """A rough guess of how hard the passphrase is to guess: TOO_SHORT … STRONG.

    From the length and the kinds of characters used (a Chinese character counts as one of
    thousands); repeated characters count once."""
    if len(text) < MIN_LENGTH:
        return TOO_SHORT
    pool = 0
    if any(c.islower() and c.isascii() for c in text):
        pool += 26
    if any(c.isupper() and c.isascii() for c in text):
        pool += 26
    if any(c.isdigit() and c.isascii() for c in text):
        pool += 10
    if any(not c.isalnum() and c.isascii() for c in text):
        pool += 32
    if any(not c.isascii() for c in text):
        pool += 3000
    distinct = len(set(text))
    bits = min(len(text), distinct * 2) * math.log2(max(pool, 2))
    if distinct < 4 or bits < 50:
        return WEAK
    if bits < 75:
        return FAIR
    return STRONG


class BackupPassphraseDialog(QDialog):
    """``new=True``: choose a passphrase (twice); else: type the passphrase of a backup.
    Accepted only with a usable passphrase (:meth:`passphrase`)."""

    def __init__(self, *, new: bool, file_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(520)
        if new:
            self.setWindowTitle(self.tr("Passphrase for the encrypted backup"))
            intro = QLabel(
                self.tr(
                    "The backup on the USB stick is encrypted: whoever finds a lost stick can "
                    "read nothing in it. Only this passphrase opens it again."
                )
            )
            warning = QLabel(
                self.tr(
                    "Write the passphrase down and keep it safe, away from the stick. Without "
                    "it nobody can restore this backup, not even the administrator."
                )
            )
            set_role(warning, WARNING)
        else:
            self.setWindowTitle(self.tr("Passphrase of the backup"))
            intro = QLabel(
                arg(
                    self.tr(
                        "%1 is encrypted. Type the passphrase chosen when the backup was made."
                    ),
                    file_name or self.tr("This backup"),
                )
            )
            warning = QLabel()
            warning.hide()
        intro.setWordWrap(True)
        warning.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_box = QCheckBox(self.tr("Show the passphrase"))
        self.show_box.toggled.connect(self._show_text)
        self.strength_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        set_role(self.problem_label, ERROR)
        self.problem_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.passphrase_edit)
        if new:
            form.addRow(self.tr("Again:"), self.repeat_edit)
            form.addRow("", self.strength_label)
        else:
            self.repeat_edit.hide()
            self.strength_label.hide()
        form.addRow("", self.show_box)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            self.tr("Back up") if new else self.tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(warning)
        if new:
            layout.addWidget(
                hint_label(
                    arg(
                        self.tr(
                            "At least %1 characters. A sentence only you know is easy to "
                            "remember and hard to guess, e.g. 我家门前有两棵枣树2026."
                        ),
                        MIN_LENGTH,
                    )
                )
            )
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.passphrase_edit.textChanged.connect(self._changed)
        self.repeat_edit.textChanged.connect(self._changed)
        self._changed()

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)

    def _changed(self) -> None:
        self.problem_label.hide()
        text = self.passphrase_edit.text()
        if not self.new:
            self.ok_button.setEnabled(bool(text))
            return
        level = strength(text)
        words = {
            TOO_SHORT: arg(self.tr("Too short: at least %1 characters"), MIN_LENGTH),
            WEAK: self.tr("Strength: weak — add a few more words or characters"),
            FAIR: self.tr("Strength: fair"),
            STRONG: self.tr("Strength: strong"),
        }
        self.strength_label.setText(words[level] if text else "")
        set_role(
            self.strength_label, ERROR if level <= WEAK else ("" if level == STRONG else WARNING)
        )
        self.ok_button.setEnabled(level > TOO_SHORT and bool(self.repeat_edit.text()))

    def _accept_if_valid(self) -> None:
        text = self.passphrase_edit.text()
        if self.new and strength(text) == TOO_SHORT:
            problem = arg(self.tr("The passphrase must have at least %1 characters."), MIN_LENGTH)
        elif self.new and text != self.repeat_edit.text():
            problem = self.tr("The two passphrases are not the same. Type them again.")
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
        elif not text:
            problem = self.tr("Type the passphrase.")
        else:
            self.accept()
            return
        self.problem_label.setText(problem)
        self.problem_label.show()
