"""Ending a pairing (结束结对) with a date and a reason; the pairing stays in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .fields import ChoiceField, DateField, FormGrid, arg, hint_label
from .pairing_form import PairingFormDialog

if TYPE_CHECKING:
    from ...services.care import CareService, PairingInfo
    from ..tasks import TaskRunner, TaskState

# Suggestions; what is typed is stored as it is.
END_REASONS = [
    "学生转学",
    "学生毕业",
    "父母返乡，不再留守",
    "帮扶人工作调动",
    "帮扶目标已达成",
    "调整结对",
]


class EndPairingDialog(PairingFormDialog):
    """``ended`` carries the service's ``Changes`` after the write."""

    ended = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        pairing: PairingInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._pairing = pairing
        self.setWindowTitle(self.tr("End pairing"))
        self.setMinimumWidth(480)
        self.ok_button.setText(self.tr("End pairing"))

        self.summary = QLabel(
            arg(
                self.tr("%1 (%2) with %3 as %4, since %5"),
                pairing.child_name,
                pairing.class_label,
                pairing.helper_name,
                pairing.role,
                pairing.start_date.isoformat(),
            )
        )
        self.summary.setWordWrap(True)
        self.fields = {
            "end_date": DateField(),
            "end_reason": ChoiceField(END_REASONS, editable=True).limit(280),
        }
        grid = FormGrid(columns=1)
        grid.add(self.tr("End date"), self.fields["end_date"].box)
        grid.add(self.tr("Reason"), self.fields["end_reason"].box)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(grid)
        layout.addWidget(
            hint_label(self.tr("The pairing, its plan and reviews stay in the history of both."))
        )
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.fields["end_date"].set_value(care.ctx.today())
        self._watch()
        self._revalidate()

    def _problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        on = self.fields["end_date"].value()
        if on is None:
            errors["end_date"] = self.tr("Please enter the end date")
        elif isinstance(on, dt.date) and not (
            self._pairing.start_date <= on <= self._care.ctx.today()
        ):
            errors["end_date"] = arg(
                self.tr("The end date must lie between the start (%1) and today"),
                self._pairing.start_date.isoformat(),
            )
        if not str(self.fields["end_reason"].value()).strip():
            errors["end_reason"] = self.tr("Please give the reason")
        return errors

    def _work(self) -> Callable[[TaskState], Any] | None:
        on = self.fields["end_date"].value()
        if not isinstance(on, dt.date):
            return None
        care, pairing_id = self._care, self._pairing.id
        reason = str(self.fields["end_reason"].value())
        return lambda _state: care.end_pairing(pairing_id, on, reason)

    def _done(self, result: Any) -> None:
        self.ended.emit(result)
        self.accept()
