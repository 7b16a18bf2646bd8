"""Adding one dated risk assessment (分类分级) to a child's series."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import Assessment, validate_assessment
from ...domain.enums import GuardianAssessment, RiskLevel, RiskType
from ...domain.errors import KnownError, ValidationFailed
from ...domain.risk import suggest_risk_type
from ..messages import show_known_error
from .fields import (
    ERROR,
    PROBLEM_STYLE,
    ChoiceField,
    DateField,
    Field,
    FormGrid,
    NoteField,
    TextField,
    arg,
    guarded,
    hint_label,
)

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ..tasks import TaskRunner


class AssessmentDialog(QDialog):
    """Type 一/二/三类, level 一~四级, guardian assessment, date, assessor and reasons.

    Writes with ``ArchiveService.add_assessment`` on the worker thread; ``added`` carries the
    :class:`~liushou_desktop.services.changes.Changes` and the dialog closes."""

    added = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        service: ArchiveService,
        child_id: str,
        guardian_relation: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._child_id = child_id
        self._busy = False
        self._server_errors: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self.setWindowTitle(self.tr("New risk assessment"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(560)

        self._type_text: dict[int, str] = {
            RiskType.NO_GUARDIAN: self.tr(
                "No parent, grandparent or relative can act as guardian."
            ),
            RiskType.RELATIVES: self.tr("No parent at home; other relatives are the guardians."),
            RiskType.GRANDPARENTS: self.tr("No parent at home; grandparents are the guardians."),
        }
        self._level_text: dict[int, str] = {
            RiskLevel.SEVERE: self.tr(
                "The guardian does nothing or there is none; the child begs or is destitute."
            ),
            RiskLevel.SERIOUS: self.tr(
                "Guardianship is ineffective: the child cannot live normally, drops out or "
                "picks up bad behaviour."
            ),
            RiskLevel.NEGLIGENT: self.tr(
                "The guardian is negligent: serious psychological harm, discrimination or "
                "corporal punishment."
            ),
            RiskLevel.LACKING: self.tr(
                "The guardian lacks capacity: behaviour deviates, the child is withdrawn or "
                "now and then skips school."
            ),
        }

        self.fields: dict[str, Field] = {
            "risk_type": ChoiceField([(t.label, t.value) for t in RiskType], required=True),
            "risk_level": ChoiceField([(lv.label, lv.value) for lv in RiskLevel], required=True),
            "guardian_assessment": ChoiceField(
                [g.value for g in GuardianAssessment], required=True
            ),
            "assessed_on": DateField(),
            "assessor": TextField(max_length=40),
            "reasons": NoteField(4, self.tr("What was seen: visits, talks, the child's situation")),
        }
        self.type_hint = hint_label("")
        self.level_hint = hint_label("")
        self.suggestion_label = hint_label("")

        grid = FormGrid(columns=1)
        self.fields["risk_type"].box.column.addWidget(self.type_hint)
        self.fields["risk_type"].box.column.addWidget(self.suggestion_label)
        self.fields["risk_level"].box.column.addWidget(self.level_hint)
        grid.add(self.tr("Type"), self.fields["risk_type"].box)
        grid.add(self.tr("Level"), self.fields["risk_level"].box)
        grid.add(self.tr("Guardian assessment"), self.fields["guardian_assessment"].box)
        grid.add(self.tr("Date"), self.fields["assessed_on"].box)
        grid.add(self.tr("Assessor"), self.fields["assessor"].box)
        grid.add(self.tr("Reasons"), self.fields["reasons"].box)

        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("Add assessment"))
        self.ok_button.setAutoDefault(False)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        today = service.ctx.today()
        self.fields["assessed_on"].set_value(today)
        self.fields["assessor"].set_value(service.ctx.author)
        self._suggest(guardian_relation)
        for field in self.fields.values():
            field.on_change(self._changed)
        self._changed()

    # -- behaviour ----------------------------------------------------------------------------
    def _suggest(self, relation: str) -> None:
        suggested = suggest_risk_type(relation) if relation else None
        if suggested is not None:
            self.fields["risk_type"].set_value(suggested.value)
            self.suggestion_label.setText(
                arg(
                    self.tr("Suggested from the guardian (%1): %2"),
                    relation,
                    suggested.label,
                )
            )
        elif relation:
            self.suggestion_label.setText(
                arg(
                    self.tr(
                        "The guardian is a parent (%1): the type scale is for children with no "
                        "parent at home. Choose what fits."
                    ),
                    relation,
                )
            )

    def _assessment(self) -> Assessment | None:
        on = self.fields["assessed_on"].value()
        if not isinstance(on, dt.date):
            return None
        kind, level = self.fields["risk_type"].value(), self.fields["risk_level"].value()
        return Assessment(
            assessed_on=on,
            risk_type=kind if isinstance(kind, int) else 0,
            risk_level=level if isinstance(level, int) else 0,
            guardian_assessment=str(self.fields["guardian_assessment"].value()),
            assessor=str(self.fields["assessor"].value()).strip(),
            reasons=str(self.fields["reasons"].value()).strip(),
        )

    def _changed(self) -> None:
        self._server_errors = {}
        self._revalidate()

    def _revalidate(self) -> None:
        kind, level = self.fields["risk_type"].value(), self.fields["risk_level"].value()
        self.type_hint.setText(self._type_text.get(kind, "") if isinstance(kind, int) else "")
        self.level_hint.setText(self._level_text.get(level, "") if isinstance(level, int) else "")
        for hint in (self.type_hint, self.level_hint, self.suggestion_label):
            hint.setVisible(bool(hint.text()))
        errors: dict[str, str] = {}
        date_field = self.fields["assessed_on"]
        problem = date_field.parse_error()
        if problem:
            errors["assessed_on"] = problem
        elif date_field.value() is None:
            errors["assessed_on"] = self.tr("Please enter the date of the assessment")
        a = self._assessment()
        if a is not None:
            errors.update(
                {k: v for k, v in validate_assessment(a, self._service.ctx.today()).items()}
            )
        for key, text in self._server_errors.items():
            errors.setdefault(key, text)
        self._errors = errors
        for key, field in self.fields.items():
            field.box.set_problem(ERROR if key in errors else "", errors.get(key, ""))
        unbound = [text for key, text in errors.items() if key not in self.fields]
        self.error_label.setText("；".join(unbound))
        self.ok_button.setEnabled(not errors and not self._busy)

    def errors(self) -> dict[str, str]:
        return dict(self._errors)

    def _submit(self) -> None:
        a = self._assessment()
        if self._busy or a is None or self._errors:
            return
        service, child_id = self._service, self._child_id
        self._busy = True
        self.ok_button.setEnabled(False)
        self._runner.run(
            lambda _state: service.add_assessment(child_id, a),
            on_done=guarded(self, self._done),
            on_error=guarded(self, self._failed),
        )

    def _done(self, changes: object) -> None:
        self._busy = False
        self.added.emit(changes)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, ValidationFailed):
            self._server_errors = dict(exc.errors)
        self._revalidate()
        if isinstance(exc, KnownError):
            show_known_error(self, exc)

    def reject(self) -> None:
        if self._busy:
            return
        super().reject()
