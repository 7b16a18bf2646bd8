"""Showing expected errors to the user (a :class:`KnownError` carries its own Chinese text)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import KnownError


def show_known_error(parent: QWidget | None, exc: BaseException) -> None:
    """A warning box with the error's message; nothing already saved is lost."""
    text = exc.message if isinstance(exc, KnownError) else str(exc)
    title = QCoreApplication.translate("messages", "Could not complete")
    QMessageBox.warning(parent, title, text)
