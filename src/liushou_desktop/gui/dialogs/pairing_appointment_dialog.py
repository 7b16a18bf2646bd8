"""Booking a home visit (家访预约): the child, the day (today or later), the purpose and,
if known, the helper who goes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from ...domain.listing import ChildRow
from ..widgets.pairing_child_picker import ChildPicker
from .fields import ChoiceField, DateField, FormGrid, arg, set_role
from .pairing_form import PairingFormDialog

if TYPE_CHECKING:
    from ...services.care import CareService, HelperInfo, PairingInfo
    from ..tasks import TaskRunner, TaskState

# Suggestions for the purpose; what is typed is stored as it is.
PURPOSES = [
    "了解学习和生活情况",
    "了解监护情况",
    "与监护人沟通教育方法",
    "送学习用品",
    "安全教育",
    "跟进上次家访的问题",
]


class BookVisitDialog(PairingFormDialog):
    """``children`` on the register to choose from (or ``child_id`` fixed); ``helpers`` who
    may go; the child's active ``pairings`` suggest the helper. ``booked`` carries the id."""

    booked = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        children: Iterable[ChildRow],
        helpers: Sequence[HelperInfo],
        pairings: Sequence[PairingInfo] = (),
        *,
        child_id: str | None = None,
        helper_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._pairings = [p for p in pairings if p.active]
        self._helper_chosen = helper_id is not None
        self.setWindowTitle(self.tr("Book a home visit"))
        self.setMinimumWidth(560)
        self.setSizeGripEnabled(True)
        self.ok_button.setText(self.tr("Book"))

        helper_choices = [(f"{h.name}（{h.kind}）", h.id) for h in helpers if h.active]
        self.helper_field = ChoiceField(helper_choices)
        self.fields = {
            "planned_on": DateField(),
            "purpose": ChoiceField(PURPOSES, editable=True).limit(320),
            "helper_id": self.helper_field,
        }
        self.helper_field.combo.setItemText(0, self.tr("Not decided"))
        rows = list(children)
        self.picker = ChildPicker(multi=False)
        self.picker.set_children(rows)
        self.picker.setMinimumHeight(220)
        self.child_label = QLabel()
        self.child_message = QLabel()
        self.child_message.setWordWrap(True)
        set_role(self.child_message, "error")
        self.child_message.hide()

        box = QGroupBox(self.tr("Child"))
        box_layout = QVBoxLayout(box)
        fixed = child_id is not None and any(r.id == child_id for r in rows)
        if fixed:
            row = next(r for r in rows if r.id == child_id)
            self.child_label.setText(f"{row.name}  {row.class_label}")
            box_layout.addWidget(self.child_label)
            self.picker.hide()
        box_layout.addWidget(self.picker, 1)
        box_layout.addWidget(self.child_message)

        grid = FormGrid(columns=1)
        grid.add(self.tr("Date"), self.fields["planned_on"].box)
        grid.add(self.tr("Purpose"), self.fields["purpose"].box)
        grid.add(self.tr("Helper"), self.fields["helper_id"].box)

        layout = QVBoxLayout(self)
        layout.addWidget(box, 1)
        layout.addWidget(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.fields["planned_on"].set_value(care.ctx.today())
        if helper_id is not None:
            self.fields["helper_id"].set_value(helper_id)
        if child_id is not None:
            self.picker.select([child_id])
        self._watch()
        self.fields["helper_id"].on_change(self._helper_edited)
        self.picker.selection_changed.connect(self._child_changed)
        self._suggest_helper()
        self._revalidate()

    # -- public ---------------------------------------------------------------------------------
    def child_id(self) -> str | None:
        ids = self.picker.selected_ids()
        return ids[0] if ids else None

    # -- behaviour ------------------------------------------------------------------------------
    def _helper_edited(self) -> None:
        self._helper_chosen = True

    def _child_changed(self) -> None:
        self._touched.add("child_id")
        self._server_errors = {}
        self._suggest_helper()
        self._revalidate()

    def _suggest_helper(self) -> None:
        """The child's own helper goes, unless the user chose someone."""
        child_id = self.child_id()
        if self._helper_chosen or child_id is None:
            return
        mine = [p.helper_id for p in self._pairings if p.child_id == child_id]
        field = self.helper_field
        field.combo.blockSignals(True)
        field.set_value(mine[0] if mine else "")
        field.combo.blockSignals(False)

    def _problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.child_id() is None:
            errors["child_id"] = self.tr("Choose the child")
        on = self.fields["planned_on"].value()
        if on is None:
            errors["planned_on"] = self.tr("Please enter the date of the visit")
        elif isinstance(on, dt.date) and on < self._care.ctx.today():
            errors["planned_on"] = arg(
                self.tr("A visit is booked for today or later (today is %1)"),
                self._care.ctx.today().isoformat(),
            )
        return errors

    def _after_revalidate(self) -> None:
        text = self._errors.get("child_id", "") if self._shown("child_id") else ""
        self.child_message.setText(text)
        self.child_message.setVisible(bool(text))
        loose = [
            t
            for k, t in self._errors.items()
            if k not in self.fields and k != "child_id" and self._shown(k)
        ]
        self.error_label.setText("；".join(loose))
        self.error_label.setVisible(bool(loose))

    def _work(self) -> Callable[[TaskState], Any] | None:
        on, child_id = self.fields["planned_on"].value(), self.child_id()
        if not isinstance(on, dt.date) or child_id is None:
            return None
        care = self._care
        purpose = str(self.fields["purpose"].value())
        helper_id = str(self.fields["helper_id"].value()) or None
        return lambda _state: care.book_visit(child_id, on, purpose, helper_id)

    def _done(self, result: Any) -> None:
        self.booked.emit(str(result))
        self.accept()
