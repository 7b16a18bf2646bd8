"""A combo box for one filter criterion: "all" first, then the values it can take."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget


class FilterCombo(QComboBox):
    """Each item carries the value the filter uses; the "all" item carries None."""

    def __init__(self, all_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_label = all_label
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.addItem(all_label, None)

    def set_choices(self, choices: Sequence[tuple[str, Hashable]]) -> None:
        """Replace the values; keep the current one selected when it is still offered."""
        current = self.value()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(self._all_label, None)
            for label, value in choices:
                self.addItem(label, value)
            at = self.findData(current) if current is not None else 0
            self.setCurrentIndex(max(at, 0))
        finally:
            self.blockSignals(False)
        if self.value() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        """Select the item carrying ``value`` (None: "all")."""
        at = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(at, 0))
