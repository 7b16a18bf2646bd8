"""Saying what an action does: its tooltip (menus show them) and its status-bar tip."""

from __future__ import annotations

from PySide6.QtGui import QAction


def describe(action: QAction, text: str) -> None:
    """``text`` (already translated) as ``action``'s tooltip and status tip."""
    action.setToolTip(text)
    action.setStatusTip(text)
