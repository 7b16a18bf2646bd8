"""Keeping windows on the screen: village office PCs often have 1366×768 displays."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to ``width``×``height``, but never beyond 95 % × 88 % of the screen's free area
    (the taskbar and the title bar need the rest), so the buttons at the bottom stay reachable;
    what does not fit scrolls."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * 0.95))
        height = min(height, int(free.height() * 0.88))
    widget.resize(width, height)
