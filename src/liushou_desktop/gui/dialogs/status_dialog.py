"""Changing a child's status: 在册, 转出, 毕业, 不再留守, 辍学. The archive itself stays.

The form checks itself as the user types with ``domain.archive.validate_status_change`` (the
rules the service applies, including "not the status the child has now") and shows each reason
beside its field; a reason the user has not had the chance to give yet is shown in grey.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
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

from ...domain.archive import validate_status_change
from ...domain.enums import Status
from ...domain.errors import KnownError, ValidationFailed
from ..messages import show_known_error
from .fields import (
    ERROR,
    PROBLEM_STYLE,
    ChoiceField,
    DateField,
    Field,
    FormGrid,
    NoteField,
    arg,
    date_text,
    guarded,
    hint_label,
)

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ..tasks import TaskRunner


def suggested_status(current: str) -> str:
    """The status the dialog offers first: never the one the child has now. Back to 在册 for a
    child who left; for a child on the register, the next status in the list."""
    if current != Status.ENROLLED:
        return Status.ENROLLED.value
    others = [s.value for s in Status if s != current]
    return others[0]


class StatusDialog(QDialog):
    """Writes with ``ArchiveService.change_status`` on the worker thread; ``changed`` carries
    the :class:`~liushou_desktop.services.changes.Changes` and the dialog closes."""

    changed = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        service: ArchiveService,
        child_id: str,
        status: str,
        status_date: dt.date | None = None,
        status_reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._child_id = child_id
        self._current = status
        self._touched: set[str] = set()
        self._busy = False
        self._server_errors: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self.setWindowTitle(self.tr("Change status"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumWidth(520)

        current = arg(self.tr("Now: %1"), status)
        if status_date is not None:
            current += arg(self.tr(" since %1"), date_text(status_date))
        if status_reason:
            current += arg(self.tr(" (%1)"), status_reason)
        self.current_label = QLabel(current)
        self.current_label.setWordWrap(True)

        self.fields: dict[str, Field] = {
            "status": ChoiceField([s.value for s in Status], required=True),
            "status_date": DateField(),
            "status_reason": NoteField(
                3, self.tr("e.g. 父亲返乡就业, 转入某某小学, 随父母外出就读")
            ),
        }
        grid = FormGrid(columns=1)
        grid.add(self.tr("New status"), self.fields["status"].box)
        grid.add(self.tr("Date"), self.fields["status_date"].box)
        grid.add(self.tr("Reason"), self.fields["status_reason"].box)

        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("Change status"))
        self.ok_button.setAutoDefault(False)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addWidget(grid)
        layout.addWidget(
            hint_label(
                self.tr(
                    "A reason is needed for every status except 在册. Nothing is deleted: the "
                    "archive and its history stay, whatever the status."
                )
            )
        )
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.fields["status"].set_value(suggested_status(status))
        self.fields["status_date"].set_value(service.ctx.today())
        for key, field in self.fields.items():
            field.on_change(partial(self._changed, key))
        self._revalidate()

    def errors(self) -> dict[str, str]:
        return dict(self._errors)

    def _changed(self, key: str) -> None:
        self._touched.add(key)
        self._server_errors = {}
        self._revalidate()

    def _revalidate(self) -> None:
        today = self._service.ctx.today()
        date_field = self.fields["status_date"]
        on = date_field.value()
        errors: dict[str, str] = {}
        problem = date_field.parse_error()
        if problem:
            errors["status_date"] = problem
        elif on is None:
            errors["status_date"] = self.tr("Please enter the date")
        checked = validate_status_change(
            str(self.fields["status"].value()),
            on if isinstance(on, dt.date) else today,
            str(self.fields["status_reason"].value()),
            today,
            self._current,
        )
        for source in (checked, self._server_errors):
            for key, text in source.items():
                errors.setdefault(key, text)
        self._errors = errors
        for key, field in self.fields.items():
            if key not in errors:
                field.box.set_problem("", "")
            elif key in self._touched or key in self._server_errors:
                field.box.set_problem(ERROR, errors[key])
            else:  # not asked for yet (the reason before anything is typed): say it calmly
                field.box.set_problem("hint", errors[key])
        self.error_label.setText("；".join(t for k, t in errors.items() if k not in self.fields))
        self.ok_button.setEnabled(not errors and not self._busy)

    def _submit(self) -> None:
        on = self.fields["status_date"].value()
        if self._busy or self._errors or not isinstance(on, dt.date):
            return
        status = str(self.fields["status"].value())
        reason = str(self.fields["status_reason"].value())
        service, child_id = self._service, self._child_id
        self._busy = True
        self.ok_button.setEnabled(False)
        self._runner.run(
            lambda _state: service.change_status(child_id, status, on, reason),
            on_done=guarded(self, self._done),
            on_error=guarded(self, self._failed),
        )

    def _done(self, changes: object) -> None:
        self._busy = False
        self.changed.emit(changes)
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
