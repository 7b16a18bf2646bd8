"""Mandatory reporting (强制报告): log what was found, then when and to whom it was reported,
the follow-up, the outcome and the closing of the case.

A new incident is written with ``CareService.report_incident``; whatever the report section
holds is then saved with ``update_incident``. If that second step is refused, the incident
itself is kept and the dialog goes on editing it, with the reasons beside the fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...domain.care import IncidentKind
from ...domain.errors import KnownError
from .fields import (
    ChoiceField,
    DateField,
    FlagField,
    FormGrid,
    NoteField,
    date_text,
    guarded,
    hint_label,
)
from .record_form import CareForm, ChildrenField, date_problem, writable_children

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService, IncidentInfo
    from ..tasks import TaskRunner

# Suggestions for "reported to": stored as typed, so they are data, not UI text.
REPORTED_TO = ["派出所", "村（居）委会", "乡镇人民政府", "教育行政部门", "民政部门", "妇联"]
OUTCOMES = ["已找到，安全", "已落实监护人", "已送医治疗", "已移交公安机关处理", "已纳入救助"]

_REPORT_FIELDS = ("reported_on", "reported_to", "follow_up", "outcome", "closed")


class IncidentDialog(CareForm):
    """Report a new incident (``incident=None``) or follow one up. ``saved`` carries its id."""

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        incident: IncidentInfo | None = None,
        child_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._incident = incident
        self._incident_id = incident.id if incident is not None else None
        self.setWindowTitle(
            self.tr("Mandatory report") if incident is None else self.tr("Follow up a report")
        )
        self.setMinimumWidth(680)
        self.depends = {
            "reported_to": ("reported_on",),
            "reported_on": ("reported_to",),
            "outcome": ("closed",),
            "closed_on": ("closed",),
        }
        self._build()
        self._fill(child_id)
        if incident is None:
            self.save_button.setEnabled(False)
            runner.run(
                lambda _state: writable_children(archive, school_id),
                on_done=guarded(self, self._children_loaded),
                on_error=guarded(self, self.failed),
            )

    @property
    def incident_id(self) -> str | None:
        """The incident being edited; set once a new one was written."""
        return self._incident_id

    @property
    def picker(self) -> Any:
        return self._child.picker

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        b = self.bind
        self._child = ChildrenField(single=True)
        found = FormGrid(columns=1)
        found.add(self.tr("Child"), b("child_id", self._child))
        found.add(
            self.tr("Situation"),
            b("kind", ChoiceField([k.value for k in IncidentKind], required=True).limit(260)),
        )
        found.add(self.tr("Found on"), b("found_on", DateField()))
        found.add(
            self.tr("What was found"),
            b("description", NoteField(3, self.tr("What was seen or heard, by whom, where"))),
        )
        self.found_box = QGroupBox(self.tr("What was found"))
        found_layout = QVBoxLayout(self.found_box)
        found_layout.addWidget(
            hint_label(
                self.tr(
                    "Report to the police at once when a child lives alone without a guardian, "
                    "is missing, when the guardian has lost capacity, or when violence, injury "
                    "or abuse is suspected."
                )
            )
        )
        found_layout.addWidget(found)
        self.found_summary = QLabel()
        self.found_summary.setWordWrap(True)
        self.found_summary.setFrameShape(QFrame.Shape.StyledPanel)
        self.found_summary.setContentsMargins(10, 8, 10, 8)

        report = FormGrid(columns=1)
        report.add(self.tr("Reported on"), b("reported_on", DateField(self.tr("not yet"))))
        report.add(
            self.tr("Reported to"),
            b(
                "reported_to",
                ChoiceField(
                    REPORTED_TO, editable=True, placeholder=self.tr("e.g. 派出所 and officer")
                ),
            ),
        )
        report.add(
            self.tr("Follow-up"),
            b("follow_up", NoteField(2, self.tr("What was done afterwards, by whom"))),
        )
        report.add(
            self.tr("Outcome"),
            b(
                "outcome",
                ChoiceField(OUTCOMES, editable=True, placeholder=self.tr("How it ended")),
            ),
        )
        self._closed = FlagField(self.tr("The case is closed"))
        report.add(self.tr("Closing"), b("closed", self._closed))
        report.add(self.tr("Closed on"), b("closed_on", DateField()))
        report_box = QGroupBox(self.tr("Report and follow-up"))
        QVBoxLayout(report_box).addWidget(report)

        layout = QVBoxLayout(self)
        layout.addWidget(self.found_summary)
        layout.addWidget(self.found_box)
        layout.addWidget(report_box)
        layout.addLayout(self.button_row())
        self._closed.on_change(self._closed_toggled)

    def _fill(self, child_id: str | None) -> None:
        self._populating = True
        try:
            i = self._incident
            today = self._care.ctx.today()
            if i is None:
                self.fields["found_on"].set_value(today)
                if child_id:
                    self._child.set_value([child_id])
            else:
                self.fields["reported_on"].set_value(i.reported_on)
                self.fields["reported_to"].set_value(i.reported_to)
                self.fields["follow_up"].set_value(i.follow_up)
                self.fields["outcome"].set_value(i.outcome)
                self._closed.set_value(i.closed_on is not None)
                self.fields["closed_on"].set_value(i.closed_on)
        finally:
            self._populating = False
        self._show_mode()
        self._closed_toggled()
        self.revalidate()

    def _show_mode(self) -> None:
        i = self._incident
        self.found_box.setVisible(self._incident_id is None)
        self.found_summary.setVisible(self._incident_id is not None)
        if i is not None:
            self.found_summary.setText(
                f"{i.child_name}　{i.kind}　{date_text(i.found_on)}\n{i.description}"
            )
        elif self._incident_id is not None:
            kind = str(self.fields["kind"].value())
            name = self._child.picker.caption(self._child.value()[0])
            on = self.fields["found_on"].value()
            found = date_text(on) if isinstance(on, dt.date) else ""
            description = str(self.fields["description"].value()).strip()
            self.found_summary.setText(f"{name}　{kind}　{found}\n{description}")

    def _children_loaded(self, rows: list[Any]) -> None:
        self._child.picker.set_rows(rows)
        self.save_button.setEnabled(not self.busy)

    # -- behaviour --------------------------------------------------------------------------
    def _closed_toggled(self) -> None:
        closed = bool(self._closed.value())
        field = self.fields["closed_on"]
        field.widget.setEnabled(closed)
        if closed and field.value() is None and not field.parse_error():
            field.set_value(self._care.ctx.today())
        if not closed:
            field.set_value(None)

    def problems(self) -> dict[str, str]:
        today = self._care.ctx.today()
        errors: dict[str, str] = {}
        if self._incident_id is None:
            if not self._child.value():
                errors["child_id"] = self.tr("Choose the child")
            if not self.fields["kind"].value():
                errors["kind"] = self.tr("Choose the situation")
            problem = date_problem(self.fields["found_on"], today, required=True)
            if problem:
                errors["found_on"] = problem
        problem = date_problem(self.fields["reported_on"], today, required=False)
        if problem:
            errors["reported_on"] = problem
        reported_to = str(self.fields["reported_to"].value()).strip()
        if self.fields["reported_on"].value() is not None and not reported_to:
            errors["reported_to"] = self.tr("Write to whom it was reported (e.g. 派出所)")
        elif reported_to and not problem and self.fields["reported_on"].value() is None:
            errors["reported_on"] = self.tr("Give the date it was reported")
        if self._closed.value():
            problem = date_problem(self.fields["closed_on"], today, required=True)
            if problem:
                errors["closed_on"] = problem
            if not str(self.fields["outcome"].value()).strip():
                errors["outcome"] = self.tr("Write the outcome before closing the case")
        return errors

    def _report_given(self) -> bool:
        for name in _REPORT_FIELDS:
            value = self.fields[name].value()
            if value is not None and value is not False and str(value).strip():
                return True
        return False

    def job(self) -> Callable[[], Any]:
        care = self._care
        incident_id = self._incident_id
        child_ids = self._child.value()
        kind = str(self.fields["kind"].value())
        found_on = self.fields["found_on"].value()
        description = str(self.fields["description"].value())
        update = incident_id is not None or self._report_given()
        closed_on = self.fields["closed_on"].value() if self._closed.value() else None
        values: dict[str, Any] = {
            "reported_on": self.fields["reported_on"].value(),
            "reported_to": str(self.fields["reported_to"].value()),
            "follow_up": str(self.fields["follow_up"].value()),
            "outcome": str(self.fields["outcome"].value()),
            "closed_on": closed_on,
        }

        def work() -> tuple[str, KnownError | None]:
            iid = incident_id
            if iid is None:
                assert isinstance(found_on, dt.date)  # checked by problems()
                iid = care.report_incident(child_ids[0], kind, found_on, description)
            if update:
                try:
                    care.update_incident(iid, **values)
                except KnownError as exc:
                    if incident_id is not None:
                        raise
                    return iid, exc  # the incident itself is saved; say what was refused
            return iid, None

        return work

    def on_saved(self, result: Any) -> None:
        iid, refused = result
        if refused is None:
            super().on_saved(iid)
            return
        self._incident_id = iid
        self._show_mode()
        self.saved.emit(iid)
        self._saved = False
        self.failed(refused)
