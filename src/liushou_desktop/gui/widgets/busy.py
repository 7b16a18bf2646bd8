"""A busy indicator: an endless progress bar with a line of text under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class BusyIndicator(QWidget):
    """Shown while the worker thread opens or creates a database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # no known end: the bar moves back and forth
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setObjectName("busyText")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
