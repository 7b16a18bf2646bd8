"""Choosing the quarter of the report of dynamic changes (按季度上报动态变化)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .fields import hint_label


def previous_quarter(today: dt.date) -> tuple[int, int]:
    """The quarter most recently ended: what is reported at the start of the next one."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)


class QuarterDialog(QDialog):
    """``chosen`` carries (year, quarter 1–4); the file is asked for next."""

    chosen = Signal(int, int)

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Quarterly report of dynamic changes"))
        year, quarter = previous_quarter(today)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, today.year)
        self.year_spin.setValue(year)
        self.quarter_combo = QComboBox(self)
        for n, label in enumerate(
            [
                self.tr("Q1 (January–March)"),
                self.tr("Q2 (April–June)"),
                self.tr("Q3 (July–September)"),
                self.tr("Q4 (October–December)"),
            ],
            start=1,
        ):
            self.quarter_combo.addItem(label, n)
        self.quarter_combo.setCurrentIndex(quarter - 1)
        form = QFormLayout()
        form.addRow(self.tr("Year:"), self.year_spin)
        form.addRow(self.tr("Quarter:"), self.quarter_combo)
        hint = hint_label(
            self.tr(
                "One row per school: children added, transferred in and out, no longer "
                "left-behind, risk level changed, dropped out — by the date of the change "
                "itself, so bundles that arrive late still count in the right quarter."
            ),
            self,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("Choose the file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def quarter(self) -> tuple[int, int]:
        return self.year_spin.value(), int(self.quarter_combo.currentData())

    def accept(self) -> None:
        year, quarter = self.quarter()
        super().accept()
        self.chosen.emit(year, quarter)
