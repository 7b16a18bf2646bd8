"""Dropouts (辍学登记 → 劝返复学 → written report): register a dropout, record each persuasion
visit, and close the case with its outcome and, when persuasion failed, the written report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .fields import ChoiceField, DateField, FormGrid, NoteField, TextField, date_text, guarded
from .fields import hint_label as _hint
from .record_form import CareForm, ChildrenField, date_problem, writable_children

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService, DropoutInfo
    from ..tasks import TaskRunner

# Suggestions, stored as typed (data, not UI text).
REASONS = ["随父母外出打工", "厌学", "家庭经济困难", "疾病", "早婚早育", "监护人不重视"]
OUTCOMES = ["已复学", "劝返未果", "转学", "送教上门", "进入职业培训"]


def _title(d: DropoutInfo) -> QLabel:
    label = QLabel(f"{d.child_name}　{date_text(d.registered_on)}　{d.reason}")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class DropoutRegisterDialog(CareForm):
    """Register a child who stopped coming to school. ``saved`` carries the dropout's id."""

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        child_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self.setWindowTitle(self.tr("Register a dropout"))
        self.setMinimumWidth(620)
        self._child = ChildrenField(single=True)
        grid = FormGrid(columns=1)
        grid.add(self.tr("Child"), self.bind("child_id", self._child))
        grid.add(self.tr("Since"), self.bind("registered_on", DateField()))
        grid.add(
            self.tr("Reason"),
            self.bind(
                "reason",
                ChoiceField(REASONS, editable=True, placeholder=self.tr("Why the child left")),
            ),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(grid)
        layout.addWidget(
            _hint(
                self.tr(
                    "Then record each persuasion visit (劝返); close the case when the child is "
                    "back at school or persuasion has failed (with a written report)."
                )
            )
        )
        layout.addLayout(self.button_row())
        self._populating = True
        self.fields["registered_on"].set_value(care.ctx.today())
        if child_id:
            self._child.set_value([child_id])
        self._populating = False
        self.revalidate()
        self.save_button.setEnabled(False)
        runner.run(
            lambda _state: writable_children(archive, school_id),
            on_done=guarded(self, self._children_loaded),
            on_error=guarded(self, self.failed),
        )

    @property
    def picker(self) -> Any:
        return self._child.picker

    def _children_loaded(self, rows: list[Any]) -> None:
        self._child.picker.set_rows(rows)
        self.save_button.setEnabled(not self.busy)

    def problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self._child.value():
            errors["child_id"] = self.tr("Choose the child")
        problem = date_problem(self.fields["registered_on"], self._care.ctx.today(), required=True)
        if problem:
            errors["registered_on"] = problem
        if not str(self.fields["reason"].value()).strip():
            errors["reason"] = self.tr("Write why the child left school")
        return errors

    def job(self) -> Callable[[], Any]:
        care, child_id = self._care, self._child.value()[0]
        on = self.fields["registered_on"].value()
        reason = str(self.fields["reason"].value())
        assert isinstance(on, dt.date)  # checked by problems()
        return lambda: care.register_dropout(child_id, on, reason)


class DropoutAttemptDialog(CareForm):
    """One persuasion visit (劝返): date, who went, what came of it."""

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        dropout: DropoutInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._dropout = dropout
        self.setWindowTitle(self.tr("Persuasion visit"))
        self.setMinimumWidth(560)
        grid = FormGrid(columns=1)
        grid.add(self.tr("Date"), self.bind("attempted_on", DateField()))
        grid.add(
            self.tr("By"),
            self.bind("by", TextField(self.tr("e.g. 班主任、村干部"), 120)),
        )
        grid.add(
            self.tr("Result"),
            self.bind("result", NoteField(3, self.tr("What the family said; what was agreed"))),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(_title(dropout))
        layout.addWidget(grid)
        layout.addLayout(self.button_row())
        self._populating = True
        self.fields["attempted_on"].set_value(care.ctx.today())
        self._populating = False
        self.revalidate()

    def problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        problem = date_problem(self.fields["attempted_on"], self._care.ctx.today(), required=True)
        if problem:
            errors["attempted_on"] = problem
        if not str(self.fields["by"].value()).strip():
            errors["by"] = self.tr("Write who went")
        if not str(self.fields["result"].value()).strip():
            errors["result"] = self.tr("Write what came of it")
        return errors

    def job(self) -> Callable[[], Any]:
        care, dropout_id = self._care, self._dropout.id
        on = self.fields["attempted_on"].value()
        by, result = str(self.fields["by"].value()), str(self.fields["result"].value())
        assert isinstance(on, dt.date)  # checked by problems()
        return lambda: care.add_dropout_attempt(dropout_id, on, by, result)


class DropoutCloseDialog(CareForm):
    """Close a dropout case: back at school, or persuasion failed with a written report."""

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        dropout: DropoutInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._dropout = dropout
        self.setWindowTitle(self.tr("Close the dropout case"))
        self.depends = {"report": ("outcome",)}
        self.setMinimumWidth(640)
        grid = FormGrid(columns=1)
        grid.add(self.tr("Closed on"), self.bind("closed_on", DateField()))
        grid.add(
            self.tr("Outcome"),
            self.bind(
                "outcome",
                ChoiceField(OUTCOMES, editable=True, placeholder=self.tr("e.g. 已复学")),
            ),
        )
        grid.add(
            self.tr("Written report"),
            self.bind(
                "report",
                NoteField(
                    6,
                    self.tr(
                        "When persuasion failed: the visits made, the family's reasons, what "
                        "was reported and to whom"
                    ),
                ),
            ),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(_title(dropout))
        layout.addWidget(grid)
        layout.addLayout(self.button_row())
        self._populating = True
        self.fields["closed_on"].set_value(care.ctx.today())
        self._populating = False
        self.revalidate()

    def problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        problem = date_problem(self.fields["closed_on"], self._care.ctx.today(), required=True)
        on = self.fields["closed_on"].value()
        if problem:
            errors["closed_on"] = problem
        elif isinstance(on, dt.date) and on < self._dropout.registered_on:
            errors["closed_on"] = self.tr("The case cannot close before it was registered")
        outcome = str(self.fields["outcome"].value()).strip()
        if not outcome:
            errors["outcome"] = self.tr("Write the outcome, e.g. 已复学 or 劝返未果")
        elif outcome == "劝返未果" and not str(self.fields["report"].value()).strip():
            errors["report"] = self.tr("Persuasion failed: write the report for the authorities")
        return errors

    def job(self) -> Callable[[], Any]:
        care, dropout_id = self._care, self._dropout.id
        on = self.fields["closed_on"].value()
        outcome, report = str(self.fields["outcome"].value()), str(self.fields["report"].value())
        assert isinstance(on, dt.date)  # checked by problems()

        def work() -> str:
            care.close_dropout(dropout_id, on, outcome, report)
            return dropout_id

        return work
