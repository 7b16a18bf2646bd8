"""Pairing a helper with one or more children (结对): choose the helper, tick the children
(those with no pairing yet come first and are marked), the role and the start date.

Over the school's limit of children per teacher is allowed, but said before saving and again
after; each child is paired on its own, so one refusal (already paired) does not stop the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from ...domain.care import HelperKind, PairingRole
from ...domain.errors import KnownError, ValidationFailed
from ...domain.listing import ChildRow
from ..widgets.pairing_child_picker import ChildPicker
from .fields import ChoiceField, DateField, FormGrid, arg, set_role
from .pairing_form import PairingFormDialog

if TYPE_CHECKING:
    from ...services.care import CareService, HelperInfo, PairingInfo
    from ..tasks import TaskRunner, TaskState


@dataclass(frozen=True)
class PairOutcome:
    child_id: str
    pairing_id: str | None  # None: refused, see ``error``
    warnings: tuple[str, ...]
    error: str


def default_role(helper: HelperInfo) -> str:
    """The role a helper of this kind usually takes (the user may change it)."""
    if helper.kind == HelperKind.CLASSMATE:
        return PairingRole.BUDDY.value
    if helper.kind == HelperKind.OUTSIDER:
        if helper.role_note == PairingRole.LOVING_MOTHER.value:
            return PairingRole.LOVING_MOTHER.value
        return PairingRole.VOLUNTEER.value
    return PairingRole.PROXY_PARENT.value


class PairingDialog(PairingFormDialog):
    """``helpers`` and ``pairings`` of the school, its ``children`` on the register. Opened
    from a helper (``helper_id``) or from children (``child_ids``), with those chosen already.

    ``paired`` carries the ids of the new pairings; ``outcomes()`` tells what happened to each
    child, including the service's warnings."""

    paired = Signal(list)

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        helpers: Sequence[HelperInfo],
        children: Iterable[ChildRow],
        pairings: Sequence[PairingInfo],
        *,
        limit: int,
        helper_id: str | None = None,
        child_ids: Iterable[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._helpers = {h.id: h for h in helpers if h.active}
        self._active = [p for p in pairings if p.active]
        self._limit = limit
        self._role_chosen = False
        self._outcomes: list[PairOutcome] = []
        self.setWindowTitle(self.tr("Pair children with a helper"))
        self.setMinimumSize(640, 600)
        self.setSizeGripEnabled(True)
        self.ok_button.setText(self.tr("Pair"))

        counts = {h: sum(1 for p in self._active if p.helper_id == h) for h in self._helpers}
        choices = [
            (arg(self.tr("%1 (%2, %3 children)"), h.name, h.kind, counts[h.id]), h.id)
            for h in sorted(self._helpers.values(), key=_helper_order)
        ]
        self.helper_field = ChoiceField(choices, required=True)
        self.role_field = ChoiceField([r.value for r in PairingRole], required=True)
        self.fields = {
            "helper_id": self.helper_field,
            "role": self.role_field.limit(200),
            "start_date": DateField(),
        }
        self.helper_field.combo.setMinimumContentsLength(20)

        helpers_of: dict[str, list[str]] = {}
        for p in self._active:
            helpers_of.setdefault(p.child_id, []).append(p.helper_name)
        rows = list(children)
        unpaired = [r.id for r in rows if r.id not in helpers_of]
        self.picker = ChildPicker(multi=True)
        self.picker.set_children(
            rows,
            first=unpaired,
            first_note=self.tr("not paired"),
            notes={
                cid: arg(self.tr("paired with %1"), "、".join(names))
                for cid, names in helpers_of.items()
            },
        )
        self.limit_label = QLabel()
        self.limit_label.setWordWrap(True)
        set_role(self.limit_label, "warning")
        self.limit_label.hide()
        self.children_message = QLabel()
        self.children_message.setWordWrap(True)
        set_role(self.children_message, "error")
        self.children_message.hide()

        top = FormGrid(columns=1)
        top.add(self.tr("Helper"), self.fields["helper_id"].box)
        box = QGroupBox(self.tr("Children"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.picker, 1)
        box_layout.addWidget(self.children_message)
        bottom = FormGrid(columns=2)
        bottom.add(self.tr("Role"), self.fields["role"].box)
        bottom.add(self.tr("Start date"), self.fields["start_date"].box)

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(box, 1)
        layout.addWidget(bottom)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.fields["start_date"].set_value(care.ctx.today())
        if helper_id in self._helpers:
            self.fields["helper_id"].set_value(helper_id)
        self.picker.select(child_ids)
        self._watch()
        self.fields["helper_id"].on_change(self._helper_changed)
        self.fields["role"].on_change(self._role_edited)
        self.picker.selection_changed.connect(self._children_changed)
        self._helper_changed()
        self._revalidate()

    # -- public ---------------------------------------------------------------------------------
    def helper(self) -> HelperInfo | None:
        return self._helpers.get(str(self.fields["helper_id"].value()))

    def chosen_children(self) -> list[str]:
        return self.picker.selected_ids()

    def outcomes(self) -> list[PairOutcome]:
        return list(self._outcomes)

    def limit_warning(self) -> str:
        return self.limit_label.text() if self.limit_label.isVisible() else ""

    # -- behaviour ------------------------------------------------------------------------------
    def _helper_changed(self) -> None:
        helper = self.helper()
        taken = {p.child_id for p in self._active if helper and p.helper_id == helper.id}
        disabled = {cid: self.tr("already paired with this helper") for cid in taken}
        if helper is not None and helper.child_id:
            disabled[helper.child_id] = self.tr("the helper")
        self.picker.set_disabled(disabled)
        if helper is not None and not self._role_chosen:
            self.role_field.combo.blockSignals(True)
            self.fields["role"].set_value(default_role(helper))
            self.role_field.combo.blockSignals(False)
        self._revalidate()

    def _role_edited(self) -> None:
        self._role_chosen = True

    def _children_changed(self) -> None:
        self._touched.add("child_ids")
        self._server_errors = {}
        self._revalidate()

    def _problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.helper() is None:
            errors["helper_id"] = self.tr("Choose the helper")
        if not self.fields["role"].value():
            errors["role"] = self.tr("Choose the role")
        start = self.fields["start_date"].value()
        if start is None:
            errors["start_date"] = self.tr("Please enter the start date")
        elif isinstance(start, dt.date) and start > self._care.ctx.today():
            errors["start_date"] = self.tr("The start date cannot be after today")
        if not self.chosen_children():
            errors["child_ids"] = self.tr("Tick at least one child")
        return errors

    def _after_revalidate(self) -> None:
        text = self._errors.get("child_ids", "") if self._shown("child_ids") else ""
        self.children_message.setText(text)
        self.children_message.setVisible(bool(text))
        loose = [
            t
            for k, t in self._errors.items()
            if k not in self.fields and k != "child_ids" and self._shown(k)
        ]
        self.error_label.setText("；".join(loose))
        self.error_label.setVisible(bool(loose))
        self._update_limit()

    def _update_limit(self) -> None:
        helper = self.helper()
        chosen = len(self.chosen_children())
        text = ""
        if helper is not None and helper.kind == HelperKind.TEACHER and chosen:
            now = sum(1 for p in self._active if p.helper_id == helper.id)
            if now + chosen > self._limit:
                text = arg(
                    self.tr(
                        "%1 has %2 children now and would have %3, more than the school's "
                        "limit of %4 per teacher. You can still pair them."
                    ),
                    helper.name,
                    now,
                    now + chosen,
                    self._limit,
                )
        self.limit_label.setText(text)
        self.limit_label.setVisible(bool(text))

    def _work(self) -> Callable[[TaskState], Any] | None:
        helper = self.helper()
        start = self.fields["start_date"].value()
        if helper is None or not isinstance(start, dt.date):
            return None
        care, helper_id, role = self._care, helper.id, str(self.fields["role"].value())
        child_ids = self.chosen_children()

        def pair_each(_state: TaskState) -> list[PairOutcome]:
            outcomes = []
            for child_id in child_ids:
                try:
                    pairing_id, warnings = care.pair(helper_id, child_id, role, start)
                except ValidationFailed:
                    raise  # the role or the date: the same for every child
                except KnownError as exc:
                    outcomes.append(PairOutcome(child_id, None, (), exc.message))
                else:
                    outcomes.append(PairOutcome(child_id, pairing_id, tuple(warnings), ""))
            return outcomes

        return pair_each

    def _done(self, result: Any) -> None:
        self._outcomes = list(result)
        made = [o.pairing_id for o in self._outcomes if o.pairing_id]
        if made:
            self.paired.emit(made)
        self._report()
        if made:
            self.accept()

    def _report(self) -> None:
        """Say what needs saying: the service's warnings (the last one counts for the whole
        batch) and the children it refused."""
        warnings = [w for o in self._outcomes for w in o.warnings]
        refused = [o for o in self._outcomes if o.pairing_id is None]
        if not warnings and not refused:
            return
        names = {r.id: r.name for r in self.picker.model.all_rows()}
        lines: list[str] = []
        made = len(self._outcomes) - len(refused)
        if made:
            lines.append(arg(self.tr("%1 children paired."), made))
        if warnings:
            lines.append(warnings[-1])
        for o in refused:
            lines.append(arg(self.tr("Not paired: %1 — %2"), names.get(o.child_id, ""), o.error))
        QMessageBox.warning(self, self.tr("Pairing"), "\n\n".join(lines))


def _helper_order(h: HelperInfo) -> tuple[int, str]:
    order = {HelperKind.TEACHER.value: 0, HelperKind.CLASSMATE.value: 1}
    return order.get(h.kind, 2), h.name
